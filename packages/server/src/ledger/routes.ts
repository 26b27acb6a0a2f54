// HTTP routes of the ledger (/api/v1/ledger/...): account sets and charts, vouchers and their
// review, posting and reversal, periods, books, statements and Excel downloads.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, desc, sql } from "drizzle-orm";
import {
  ledgerAccountAuxBody,
  ledgerBookQuery,
  ledgerChartImportBody,
  ledgerCreateSetBody,
  ledgerEnterVoucherBody,
  ledgerEditVoucherBody,
  ledgerCloseYearBody,
  ledgerOpeningBody,
  ledgerExcelQuery,
  ledgerRangeQuery,
  ledgerReopenBody,
  ledgerReverseBody,
  ledgerSetListQuery,
  ledgerSkippedListQuery,
  ledgerStatementCodes,
  ledgerSetOptionsBody,
  ledgerSubAccountBody,
  ledgerVoucherListQuery,
  ledgerTemplateBody,
  ledgerTemplateListQuery,
  ledgerTemplatePatchBody,
  ledgerSetTemplatesQuery,
  parseYuan,
  uuidSchema,
} from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { Actor } from "../identity/index.ts";
import {
  addSubAccount,
  closeMonth,
  createAccountSet,
  discardVoucher,
  editVoucher,
  enterVoucher,
  fail,
  getAccountSet,
  getVoucher,
  importChart,
  listAccountSets,
  listVouchers,
  loadChart,
  loadSet,
  postVoucher,
  reopenMonth,
  reverseVoucher,
  reviewVoucher,
  setAccountSetOptions,
  setRequiredAux,
  type AccountSetRow,
  type LedgerActor,
} from "./service.ts";
import { journalFileName, journalWorkbook } from "./journalExport.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { auxiliaryLedger, chartTable, closeYear, generalLedger, statementOf, statementTable, subsidiaryLedger, tableToXlsx, trialBalanceTable, type Table } from "./reports.ts";
import { ledgerSkippedEvent } from "./tables.ts";
import { completeStandardChart, previewStandardChart } from "./chartComplete.ts";
import { getOpenings, saveOpenings } from "./openings.ts";
import { createTemplate, listTemplates, templatesForSet, updateTemplate } from "./templates.ts";
import type { LineInput } from "./rules.ts";
import type { AccountSetSummaryView, AccountSetView, ChartCompletionResult, ChartImportResult, LedgerAccountView, LedgerTemplateView, OpeningView, Page, ReportTable, SkippedEventView, VoucherSummaryView, VoucherView, YearCloseResult } from "@xiangcai/shared";
import type { StatementCode } from "./statements.ts";
import { bankReconciliationRoutes } from "./bankRoutes.ts";
import { FISCAL_STATEMENT_CODES, fiscalStatementOf, type FiscalStatementCode } from "./fiscalReports.ts";

const ledgerActor = (a: Actor): LedgerActor => ({ userId: a.userId, displayName: a.displayName, scopePrefix: a.scopePrefix });

function linesOf(body: z.infer<typeof ledgerEnterVoucherBody>["lines"]): LineInput[] {
  return body.map((l, i) => {
    if ((l.debit === undefined) === (l.credit === undefined)) fail("BAD_AMOUNT", `第${i + 1}行：借方、贷方须且只须填一个。`, [{ path: `lines.${i}`, message: "借贷须填且只填一个" }]);
    return { account: l.account, debitFen: l.debit ? parseYuan(l.debit) : 0n, creditFen: l.credit ? parseYuan(l.credit) : 0n, summary: l.summary, aux: l.aux };
  });
}

/** A set's kind decides its statements: 政府会计制度's for a unit's books, 财政总会计制度's for the township's. */
async function statementFor(dbh: Db, set: AccountSetRow, code: (typeof ledgerStatementCodes)[number], from: string, to: string) {
  if ((FISCAL_STATEMENT_CODES as readonly string[]).includes(code)) return fiscalStatementOf(dbh, set, code as FiscalStatementCode, from, to);
  if (set.kind === "fiscal") fail("VALIDATION_FAILED", `账套 ${set.code} 是财政总会计账套，请查看财政总会计报表。`, [{ path: "statement", message: "不适用于该账套" }]);
  if (code === "cash-flow" && !set.cashFlow) fail("VALIDATION_FAILED", `账套 ${set.code} 未选择编制现金流量表，可在账套选项中开启。`, [{ path: "statement", message: "账套未选择编制现金流量表" }]);
  return statementOf(dbh, set, code as StatementCode, from, to);
}

export async function ledgerRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["会计核算"];
  const setParams = z.strictObject({ setId: uuidSchema });
  const idParams = z.strictObject({ id: uuidSchema });
  await bankReconciliationRoutes(base);
  const periodParams = z.strictObject({ setId: uuidSchema, year: z.coerce.number().int().min(2000).max(2100), month: z.coerce.number().int().min(1).max(12) });

  // ------------------------------------------------------------ account sets and charts
  app.get("/ledger/sets", { schema: { querystring: ledgerSetListQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<Page<AccountSetSummaryView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listAccountSets(db(), ledgerActor(actorOf(request)), filter, pageOf({ page, pageSize })));
  });
  app.post("/ledger/sets", { schema: { body: ledgerCreateSetBody, tags }, config: { auth: { permission: "ledger.close" } } }, async (request, reply) => {
    const created = await inTransaction<AccountSetView>(app, (tx) => createAccountSet(tx, ledgerActor(actorOf(request)), request.body, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.get("/ledger/sets/:setId", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<AccountSetView> => getAccountSet(db(), ledgerActor(actorOf(request)), request.params.setId));
  app.patch("/ledger/sets/:setId", { schema: { params: setParams, body: ledgerSetOptionsBody, tags }, config: { auth: { permission: "ledger.close" } } }, async (request): Promise<AccountSetView> =>
    inTransaction(app, (tx) => setAccountSetOptions(tx, ledgerActor(actorOf(request)), request.params.setId, request.body, app.clock.now())),
  );
  app.get("/ledger/sets/:setId/accounts", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<LedgerAccountView[]> => {
    const set = await loadSet(db(), ledgerActor(actorOf(request)), request.params.setId);
    return [...(await loadChart(db(), set)).values()];
  });
  app.get("/ledger/sets/:setId/accounts/export", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request, reply) => {
    const set = await loadSet(db(), ledgerActor(actorOf(request)), request.params.setId);
    return sendWorkbook(reply, `${set.code}-会计科目表.xlsx`, await tableToXlsx(chartTable(set, (await loadChart(db(), set)).values())));
  });
  app.post("/ledger/sets/:setId/accounts", { schema: { params: setParams, body: ledgerSubAccountBody, tags }, config: { auth: { permission: "ledger.post" } } }, async (request, reply) => {
    const created = await inTransaction<LedgerAccountView>(app, (tx) => addSubAccount(tx, ledgerActor(actorOf(request)), request.params.setId, request.body, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.patch(
    "/ledger/sets/:setId/accounts/:code",
    { schema: { params: z.strictObject({ setId: uuidSchema, code: z.string().regex(/^[0-9]{4,12}$/) }), body: ledgerAccountAuxBody, tags }, config: { auth: { permission: "ledger.post" } } },
    async (request): Promise<LedgerAccountView> => inTransaction(app, (tx) => setRequiredAux(tx, ledgerActor(actorOf(request)), request.params.setId, request.params.code, request.body.requiredAux, app.clock.now())),
  );
  app.post("/ledger/sets/:setId/chart-import", { schema: { params: setParams, body: ledgerChartImportBody, tags }, config: { auth: { permission: "ledger.close" } } }, async (request): Promise<ChartImportResult> =>
    inTransaction(app, (tx) => importChart(tx, ledgerActor(actorOf(request)), request.params.setId, request.body.csv, app.clock.now())),
  );
  // 补齐标准明细: the standard chart's 明细 an older set lacks; the preview writes nothing.
  app.get("/ledger/sets/:setId/chart/complete-standard/preview", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<ChartCompletionResult> =>
    previewStandardChart(db(), ledgerActor(actorOf(request)), request.params.setId),
  );
  app.post("/ledger/sets/:setId/chart/complete-standard", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.close" } } }, async (request): Promise<ChartCompletionResult> =>
    inTransaction(app, (tx) => completeStandardChart(tx, ledgerActor(actorOf(request)), request.params.setId, app.clock.now())),
  );

  // ------------------------------------------------------------ opening balances
  app.get("/ledger/sets/:setId/opening-balances", { schema: { params: setParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<OpeningView> => getOpenings(db(), ledgerActor(actorOf(request)), request.params.setId));
  app.put("/ledger/sets/:setId/opening-balances", { schema: { params: setParams, body: ledgerOpeningBody, tags }, config: { auth: { permission: "ledger.post" } } }, async (request): Promise<OpeningView> =>
    inTransaction(app, (tx) =>
      saveOpenings(
        tx,
        ledgerActor(actorOf(request)),
        request.params.setId,
        request.body.lines.map((l, i) => {
          if ((l.debit === undefined) === (l.credit === undefined)) fail("BAD_AMOUNT", `第${i + 1}行：借方、贷方余额须且只须填一个。`, [{ path: `lines.${i}`, message: "借贷须填且只填一个" }]);
          return { account: l.account, debitFen: l.debit ? parseYuan(l.debit) : 0n, creditFen: l.credit ? parseYuan(l.credit) : 0n, aux: l.aux };
        }), app.clock.now(),
      ),
    ),
  );

  // ------------------------------------------------------------ periods
  app.post("/ledger/sets/:setId/periods/:year/:month/close", { schema: { params: periodParams, tags }, config: { auth: { permission: "ledger.close" } } }, async (request): Promise<AccountSetView> =>
    inTransaction(app, async (tx) => {
      const actor = ledgerActor(actorOf(request));
      await closeMonth(tx, actor, request.params.setId, request.params.year, request.params.month, app.clock.now());
      return getAccountSet(tx, actor, request.params.setId);
    }),
  );
  app.post("/ledger/sets/:setId/periods/:year/:month/reopen", { schema: { params: periodParams, body: ledgerReopenBody, tags }, config: { auth: { permission: "ledger.reopen" } } }, async (request): Promise<AccountSetView> =>
    inTransaction(app, async (tx) => {
      const actor = ledgerActor(actorOf(request));
      await reopenMonth(tx, actor, request.params.setId, request.params.year, request.params.month, request.body.note, app.clock.now());
      return getAccountSet(tx, actor, request.params.setId);
    }),
  );
  app.post(
    "/ledger/sets/:setId/years/:year/close",
    { schema: { params: z.strictObject({ setId: uuidSchema, year: z.coerce.number().int().min(2000).max(2100) }), body: ledgerCloseYearBody, tags }, config: { auth: { permission: "ledger.close" } } },
    async (request): Promise<YearCloseResult> =>
      inTransaction(app, async (tx) => {
        const actor = ledgerActor(actorOf(request));
        const set = await loadSet(tx, actor, request.params.setId);
        const b = request.body ?? {};
        const fenOf = (yuan: string | undefined) => (yuan === undefined ? undefined : parseYuan(yuan));
        return closeYear(tx, actor, set, request.params.year, { specialFundFen: fenOf(b.specialFund), specialSurplusFen: fenOf(b.specialSurplus), fiscalResidualFen: fenOf(b.fiscalResidual), nonFiscalResidualFen: fenOf(b.nonFiscalResidual) }, app.clock.now());
      }),
  );

  // ------------------------------------------------------------ books and statements
  app.get("/ledger/sets/:setId/trial-balance", { schema: { params: setParams, querystring: ledgerRangeQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<ReportTable> => {
    const set = await loadSet(db(), ledgerActor(actorOf(request)), request.params.setId);
    return trialBalanceTable(db(), set, request.query.from, request.query.to, request.query.level ?? 4);
  });
  const bookParams = z.strictObject({ setId: uuidSchema, book: z.enum(["journal-cash", "journal-bank", "general", "subsidiary", "auxiliary"]) });
  async function book(dbh: Db, setId: string, actor: LedgerActor, name: z.infer<typeof bookParams>["book"], q: z.infer<typeof ledgerBookQuery>): Promise<Table> {
    const set = await loadSet(dbh, actor, setId);
    if (name === "journal-cash") return subsidiaryLedger(dbh, set, "1001", q.from, q.to);
    if (name === "journal-bank") return subsidiaryLedger(dbh, set, "1002", q.from, q.to);
    if (name === "general") return generalLedger(dbh, set, q.from, q.to);
    if (!q.account) return fail("VALIDATION_FAILED", "请选择科目。", [{ path: "account", message: "请选择科目" }]);
    if (name === "subsidiary") return subsidiaryLedger(dbh, set, q.account, q.from, q.to);
    return auxiliaryLedger(dbh, set, q.account, q.dimension ?? "functional", q.from, q.to);
  }
  app.get("/ledger/sets/:setId/books/:book", { schema: { params: bookParams, querystring: ledgerBookQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<ReportTable> =>
    book(db(), request.params.setId, ledgerActor(actorOf(request)), request.params.book, request.query),
  );
  app.get(
    "/ledger/sets/:setId/statements/:statement",
    { schema: { params: z.strictObject({ setId: uuidSchema, statement: z.enum(ledgerStatementCodes) }), querystring: ledgerRangeQuery, tags }, config: { auth: { permission: "ledger.read" } } },
    async (request): Promise<ReportTable> => {
      const set = await loadSet(db(), ledgerActor(actorOf(request)), request.params.setId);
      return statementTable(await statementFor(db(), set, request.params.statement, request.query.from, request.query.to), set, request.query.from, request.query.to);
    },
  );
  app.get("/ledger/sets/:setId/excel", { schema: { params: setParams, querystring: ledgerExcelQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request, reply) => {
    const actor = ledgerActor(actorOf(request));
    const set = await loadSet(db(), actor, request.params.setId);
    const q = request.query;
    let table: Table;
    if (q.report === "trial-balance") table = await trialBalanceTable(db(), set, q.from, q.to);
    else if ((ledgerStatementCodes as readonly string[]).includes(q.report)) table = statementTable(await statementFor(db(), set, q.report as (typeof ledgerStatementCodes)[number], q.from, q.to), set, q.from, q.to);
    else table = await book(db(), set.id, actor, q.report as z.infer<typeof bookParams>["book"], { from: q.from, to: q.to, account: q.account, dimension: q.dimension });
    return sendWorkbook(reply, `${set.code}-${table.title}-${q.from}-${q.to}.xlsx`, await tableToXlsx(table));
  });

  // ------------------------------------------------------------ vouchers
  // The 序时账: every line of the list's vouchers (its filters without paging), oldest first.
  app.get("/ledger/vouchers/export", { schema: { querystring: ledgerVoucherListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "ledger.read" } } }, async (request, reply) => {
    const actor = ledgerActor(actorOf(request));
    const set = request.query.setId ? await loadSet(db(), actor, request.query.setId) : null;
    return sendWorkbook(reply, journalFileName(set?.code ?? null, request.query), await journalWorkbook(db(), actor, request.query));
  });
  app.get("/ledger/vouchers", { schema: { querystring: ledgerVoucherListQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<Page<VoucherSummaryView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listVouchers(db(), ledgerActor(actorOf(request)), filter, pageOf({ page, pageSize })));
  });
  app.get("/ledger/vouchers/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<VoucherView> => getVoucher(db(), ledgerActor(actorOf(request)), request.params.id));
  app.post("/ledger/vouchers", { schema: { body: ledgerEnterVoucherBody, tags }, config: { auth: { permission: "ledger.enter" } } }, async (request, reply) =>
    sendIdempotent<VoucherView>(request, reply, "ledger.enterVoucher", (tx) => {
      const { setId, lines, ...rest } = request.body;
      return enterVoucher(tx, ledgerActor(actorOf(request)), setId, { ...rest, lines: linesOf(lines) }, app.clock.now());
    }),
  );
  app.put("/ledger/vouchers/:id", { schema: { params: idParams, body: ledgerEditVoucherBody, tags }, config: { auth: { permission: "ledger.enter" } } }, async (request): Promise<VoucherView> =>
    inTransaction(app, (tx) => {
      const { lines, ...rest } = request.body;
      return editVoucher(tx, ledgerActor(actorOf(request)), request.params.id, { ...rest, lines: linesOf(lines) }, app.clock.now());
    }),
  );
  app.post("/ledger/vouchers/:id/review", { schema: { params: idParams, tags }, config: { auth: { permission: "ledger.review" } } }, async (request): Promise<VoucherView> => inTransaction(app, (tx) => reviewVoucher(tx, ledgerActor(actorOf(request)), request.params.id, app.clock.now())));
  app.post("/ledger/vouchers/:id/post", { schema: { params: idParams, tags }, config: { auth: { permission: "ledger.post" } } }, async (request): Promise<VoucherView> => inTransaction(app, (tx) => postVoucher(tx, ledgerActor(actorOf(request)), request.params.id, app.clock.now())));
  app.post("/ledger/vouchers/:id/reverse", { schema: { params: idParams, body: ledgerReverseBody, tags }, config: { auth: { permission: "ledger.enter" } } }, async (request, reply) =>
    sendIdempotent<VoucherView>(request, reply, "ledger.reverseVoucher", (tx) => reverseVoucher(tx, ledgerActor(actorOf(request)), request.params.id, request.body, app.clock.now())),
  );
  app.post("/ledger/vouchers/:id/discard", { schema: { params: idParams, tags }, config: { auth: { permission: "ledger.enter" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => discardVoucher(tx, ledgerActor(actorOf(request)), request.params.id, app.clock.now()));
    return reply.status(204).send();
  });

  // ------------------------------------------------------------ voucher templates
  app.get("/ledger/sets/:setId/templates", { schema: { params: setParams, querystring: ledgerSetTemplatesQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<LedgerTemplateView[]> =>
    templatesForSet(db(), ledgerActor(actorOf(request)), request.params.setId, { includeInactive: request.query.includeInactive }),
  );
  app.get("/ledger/templates", { schema: { querystring: ledgerTemplateListQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<Page<LedgerTemplateView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listTemplates(db(), ledgerActor(actorOf(request)), filter, pageOf({ page, pageSize })));
  });
  app.post("/ledger/templates", { schema: { body: ledgerTemplateBody, tags }, config: { auth: { permission: "ledger.post" } } }, async (request, reply) => {
    const created = await inTransaction<LedgerTemplateView>(app, (tx) => createTemplate(tx, ledgerActor(actorOf(request)), request.body, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.patch("/ledger/templates/:id", { schema: { params: idParams, body: ledgerTemplatePatchBody, tags }, config: { auth: { permission: "ledger.post" } } }, async (request): Promise<LedgerTemplateView> =>
    inTransaction(app, (tx) => updateTemplate(tx, ledgerActor(actorOf(request)), request.params.id, request.body, app.clock.now())),
  );

  // ------------------------------------------------------------ events the ledger could not post
  app.get("/ledger/skipped-events", { schema: { querystring: ledgerSkippedListQuery, tags }, config: { auth: { permission: "ledger.read" } } }, async (request): Promise<Page<SkippedEventView>> => {
    const { page, pageSize } = request.query;
    const where = and(scopeCondition(ledgerSkippedEvent.regionCode, actorOf(request).scopePrefix));
    const items = await db().select().from(ledgerSkippedEvent).where(where).orderBy(desc(ledgerSkippedEvent.skippedAt)).limit(pageSize).offset((page - 1) * pageSize);
    const [count] = await db().select({ n: sql<string>`count(*)` }).from(ledgerSkippedEvent).where(where);
    return pageResult({ page, pageSize }, { items: items.map((s) => ({ ...s, skippedAt: s.skippedAt.toISOString() })), total: Number(count?.n ?? 0) });
  });
}
