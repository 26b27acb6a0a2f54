// HTTP routes of subsidies on one card. Spreadsheets are uploaded as the request body (the .xlsx
// or .csv bytes, at most UPLOAD_BYTES_MAX), with the roster's item and period in the query.
// The residents' query is the one public route with data, rate-limited per client address.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  articleBody,
  bankResultQuery,
  batchListQuery,
  createBatchBody,
  createRosterBody,
  createSubsidyItemBody,
  importQuery,
  lineCardBody,
  lineNoteBody,
  objectionBody,
  parseCsv,
  parseYuan,
  publicArticleQuery,
  recipientListQuery,
  recoveryBody,
  recoveryReceiptBody,
  referenceKinds,
  regionCodeSchema,
  resolveObjectionBody,
  rosterFileQuery,
  rosterImportQuery,
  rosterIndicatorBody,
  rosterLineBody,
  rosterLineUpdateBody,
  rosterLineListQuery,
  rosterListQuery,
  saveRecipientBody,
  subsidyItemCodeSchema,
  subsidyItemListQuery,
  subsidyQueryBody,
  transitionBody,
  updateRecipientBody,
  updateSubsidyItemBody,
  uuidSchema,
} from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { idempotencyKeyOf, sendIdempotent } from "../platform/idempotency.ts";
import { bankFileOf, correctLineCard, createBatch, getBatch, importBankResult, listBatches, listRecoveries, recordRecovery, recordRecoveryReceipt, recoveryOf, repaymentList, type BankFile } from "./payment.ts";
import { addRosterLine, deleteRosterLine, listLines, noteLine, replaceRosterFile, setRosterIndicator, updateRosterLine } from "./rosterLines.ts";
import { createItem, listItems, updateItem } from "./items.ts";
import { createRoster, getRoster, importRoster, listRosters } from "./rosters.ts";
import { rosterWithWarnings } from "./farmland.ts";
import { recipientsWorkbook } from "./recipientsXlsx.ts";
import { linesFileName, linesWorkbook } from "./linesXlsx.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { fail } from "./common.ts";
import { importRecipients, importReferenceList, listRecipients, saveRecipient, updateRecipient } from "./registry.ts";
import { listArticles, publicQuery, saveArticle } from "./publicQuery.ts";
import { publicQueryOptions } from "../platform/publicQueries.ts";
import { listObjections, moveRoster, rosterTask, noticeOf, recordObjection, resolveObjection } from "./rosterFlow.ts";
import { bankLayouts } from "./settings.ts";
import { parseBankResult } from "./rules.ts";
import type { RosterStatus } from "./tables.ts";
import { inspectXlsxBuffer, SheetFileError, streamSheetRows, UPLOAD_BYTES_MAX } from "../platform/sheetReader.ts";
import { csvText, safeRow, streamedWorkbook } from "../platform/sheetWriter.ts";
import type { ArticleView, Items, NoticeView, ObjectionView, Page, PublicArticleView, PublicQueryItem, RecipientImportReport, RecipientView, RecoveryReceiptView, RecoveryRecordedView, RecoveryView, ReferenceListImportReport, RepaymentLineView, RosterImportAnswer, RosterLineAnswer, RosterLineView, RosterTaskView, RosterView, SubsidyBatchView, SubsidyItemView, SubsidyResultReport } from "@xiangcai/shared";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
function uploaded(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) return fail("FILE_INVALID", "请上传 Excel 文件（.xlsx）。");
  return body;
}

export async function bankFileBytes(file: BankFile): Promise<Buffer> {
  if (file.layout.format === "csv") return Buffer.from(csvText([file.header, ...file.rows], { bom: true }), "utf8");
  return streamedWorkbook(
    (workbook) => {
      const sheet = workbook.addWorksheet("代发明细");
      sheet.addRow(safeRow(file.header)).commit();
      for (const row of file.rows) sheet.addRow(safeRow(row)).commit();
    },
    { useStyles: false },
  );
}

async function resultTable(body: Buffer, format: "xlsx" | "csv"): Promise<string[][]> {
  if (format === "csv") return parseCsv(body.toString("utf8"));
  try {
    await inspectXlsxBuffer(body);
    const table: string[][] = [];
    for await (const { cells } of streamSheetRows(body, 1_000_010)) table.push(cells);
    return table;
  } catch (error) {
    if (error instanceof SheetFileError) return fail("FILE_INVALID", error.message);
    throw error;
  }
}

export async function subsidyRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const keys = () => app.config.dataKeys;
  const tags = ["惠农补贴"];
  const idParams = z.strictObject({ id: uuidSchema });
  const lineParams = z.strictObject({ id: uuidSchema, lineNo: z.coerce.number().int().min(1).max(10_000_000) });

  // Spreadsheet and CSV uploads arrive as raw bytes.
  for (const type of [XLSX_TYPE, "application/octet-stream", "text/csv"]) {
    app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: UPLOAD_BYTES_MAX }, (_request, body, done) => done(null, body));
  }

  // ------------------------------------------------------------ items
  app.get("/subsidy/items", { schema: { querystring: subsidyItemListQuery, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<SubsidyItemView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listItems(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/subsidy/items", { schema: { body: createSubsidyItemBody, tags }, config: { auth: { permission: "subsidy.manage" } } }, async (request, reply) => {
    const { standard, ...rest } = request.body;
    const created = await inTransaction<SubsidyItemView>(app, (tx) => createItem(tx, actorOf(request), { ...rest, standardFen: parseYuan(standard) }, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.patch(
    "/subsidy/items/:regionCode/:code",
    { schema: { params: z.strictObject({ regionCode: regionCodeSchema, code: subsidyItemCodeSchema }), body: updateSubsidyItemBody, tags }, config: { auth: { permission: "subsidy.manage" } } },
    async (request): Promise<SubsidyItemView> => {
      const { standard, ...rest } = request.body;
      return inTransaction(app, (tx) => updateItem(tx, actorOf(request), request.params.regionCode, request.params.code, { ...rest, ...(standard !== undefined ? { standardFen: parseYuan(standard) } : {}) }, app.clock.now()));
    },
  );

  // ------------------------------------------------------------ registry
  app.get("/subsidy/recipients", { schema: { querystring: recipientListQuery, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<RecipientView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRecipients(db(), actorOf(request), keys(), filter, pageOf({ page, pageSize })));
  });
  app.get("/subsidy/recipients/export", { schema: { querystring: recipientListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "subsidy.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "补贴对象名册.xlsx", await recipientsWorkbook(db(), actorOf(request), keys(), request.query)),
  );
  app.post("/subsidy/recipients", { schema: { body: saveRecipientBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request, reply) => {
    const saved = await inTransaction<RecipientView>(app, (tx) => saveRecipient(tx, actorOf(request), keys(), request.body, app.clock.now()));
    return reply.status(201).send(saved);
  });
  app.patch("/subsidy/recipients/:id", { schema: { params: idParams, body: updateRecipientBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request): Promise<RecipientView> =>
    inTransaction(app, (tx) => updateRecipient(tx, actorOf(request), keys(), request.params.id, request.body, app.clock.now())),
  );
  app.post("/subsidy/recipients/import", { schema: { querystring: importQuery, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request): Promise<RecipientImportReport> =>
    inTransaction(app, (tx) => importRecipients(tx, actorOf(request), keys(), request.query.regionCode, uploaded(request.body), app.clock.now())),
  );
  app.post(
    "/subsidy/reference-lists/:kind/import",
    { schema: { params: z.strictObject({ kind: z.enum(referenceKinds) }), querystring: importQuery, tags }, config: { auth: { permission: "subsidy.manage" } } },
    async (request): Promise<ReferenceListImportReport> => inTransaction(app, (tx) => importReferenceList(tx, actorOf(request), keys(), request.query.regionCode, request.params.kind, uploaded(request.body), app.clock.now())),
  );

  // ------------------------------------------------------------ rosters
  app.get("/subsidy/rosters", { schema: { querystring: rosterListQuery, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<RosterView>> => {
    const { page, pageSize, status, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRosters(db(), actorOf(request), { ...filter, status: status as RosterStatus | undefined }, pageOf({ page, pageSize })));
  });
  app.post("/subsidy/rosters/import", { schema: { querystring: rosterImportQuery, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request, reply) => {
    const q = request.query;
    const result = await inTransaction<RosterImportAnswer>(app, (tx) => importRoster(tx, actorOf(request), keys(), { ...q, sourceName: q.sourceName ?? "" }, uploaded(request.body), app.clock.now()));
    return reply.status(201).send(result);
  });
  app.post("/subsidy/rosters", { schema: { body: createRosterBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request, reply) => {
    const created = await inTransaction<RosterView>(app, (tx) => createRoster(tx, actorOf(request), { ...request.body, sourceName: request.body.sourceName ?? "" }, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.get("/subsidy/rosters/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<RosterView> => rosterWithWarnings(db(), actorOf(request), request.params.id));
  app.post("/subsidy/rosters/:id/file", { schema: { params: idParams, querystring: rosterFileQuery, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request): Promise<RosterImportAnswer> =>
    inTransaction(app, (tx) => replaceRosterFile(tx, actorOf(request), keys(), request.params.id, request.query.sourceName ?? "", uploaded(request.body), app.clock.now())),
  );
  app.get("/subsidy/rosters/:id/lines", { schema: { params: idParams, querystring: rosterLineListQuery, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<RosterLineView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listLines(db(), actorOf(request), request.params.id, filter, pageOf({ page, pageSize })));
  });
  // The lines' export (发放台账): the same filters without paging, every line of the roster, personal numbers masked.
  app.get("/subsidy/rosters/:id/lines/export", { schema: { params: idParams, querystring: rosterLineListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "subsidy.read" } } }, async (request, reply) => {
    const roster = await getRoster(db(), actorOf(request), request.params.id);
    return sendWorkbook(reply, linesFileName(roster), await linesWorkbook(db(), actorOf(request), roster, request.query));
  });
  app.post("/subsidy/rosters/:id/lines", { schema: { params: idParams, body: rosterLineBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request, reply) => {
    const added = await inTransaction<RosterLineAnswer>(app, (tx) => addRosterLine(tx, actorOf(request), keys(), request.params.id, request.body, app.clock.now()));
    return reply.status(201).send(added);
  });
  app.put("/subsidy/rosters/:id/lines/:lineNo", { schema: { params: lineParams, body: rosterLineUpdateBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request): Promise<RosterLineAnswer> =>
    inTransaction(app, (tx) => updateRosterLine(tx, actorOf(request), keys(), request.params.id, request.params.lineNo, request.body, app.clock.now())),
  );
  app.delete("/subsidy/rosters/:id/lines/:lineNo", { schema: { params: lineParams, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request): Promise<RosterView> =>
    inTransaction(app, (tx) => deleteRosterLine(tx, actorOf(request), request.params.id, request.params.lineNo, app.clock.now())),
  );
  app.post("/subsidy/rosters/:id/lines/:lineNo/note", { schema: { params: lineParams, body: lineNoteBody, tags }, config: { auth: { permission: "subsidy.townshipReview" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => noteLine(tx, actorOf(request), request.params.id, request.params.lineNo, request.body.note, app.clock.now()));
    return reply.status(204).send();
  });
  app.post("/subsidy/rosters/:id/lines/:lineNo/card", { schema: { params: lineParams, body: lineCardBody, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request): Promise<RosterLineView> =>
    inTransaction(app, (tx) => correctLineCard(tx, actorOf(request), keys(), request.params.id, request.params.lineNo, request.body, app.clock.now())),
  );
  app.post("/subsidy/rosters/:id/indicator", { schema: { params: idParams, body: rosterIndicatorBody, tags }, config: { auth: { permission: "subsidy.manage" } } }, async (request): Promise<RosterView> =>
    inTransaction(app, (tx) => setRosterIndicator(tx, actorOf(request), request.params.id, request.body.indicatorId, app.clock.now())),
  );
  app.get("/subsidy/rosters/:id/flow", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<RosterTaskView> => rosterTask(db(), actorOf(request), request.params.id, app.clock.now()));
  app.post("/subsidy/rosters/:id/transitions", { schema: { params: idParams, body: transitionBody, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<RosterTaskView> => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => moveRoster(tx, actor, request.params.id, request.body, app.clock.now()));
    return rosterTask(db(), actor, request.params.id, app.clock.now());
  });
  app.get("/subsidy/rosters/:id/notice", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<NoticeView> => noticeOf(db(), actorOf(request), request.params.id));
  app.get("/subsidy/rosters/:id/objections", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<ObjectionView[]> => listObjections(db(), actorOf(request), request.params.id));
  app.post("/subsidy/rosters/:id/objections", { schema: { params: idParams, body: objectionBody, tags }, config: { auth: { permission: "subsidy.enter" } } }, async (request, reply) => {
    const created = await inTransaction<ObjectionView>(app, (tx) => recordObjection(tx, actorOf(request), request.params.id, request.body, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.post("/subsidy/objections/:id/resolve", { schema: { params: idParams, body: resolveObjectionBody, tags }, config: { auth: { permission: "subsidy.townshipReview" } } }, async (request): Promise<ObjectionView> =>
    inTransaction(app, (tx) => resolveObjection(tx, actorOf(request), request.params.id, request.body, app.clock.now())),
  );

  // ------------------------------------------------------------ payment
  app.post("/subsidy/rosters/:id/batches", { schema: { params: idParams, body: createBatchBody, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request, reply) => {
    const actor = actorOf(request);
    return sendIdempotent<SubsidyBatchView>(request, reply, "subsidy.createBatch", (tx) => createBatch(tx, actor, request.params.id, request.body, app.clock.now()), {
      regionCode: async (tx) => (await getRoster(tx, actor, request.params.id)).regionCode,
      request: { rosterId: request.params.id, ...request.body },
    });
  });
  app.get("/subsidy/batches", { schema: { querystring: batchListQuery, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<SubsidyBatchView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listBatches(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.get("/subsidy/batches/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<SubsidyBatchView> => getBatch(db(), actorOf(request), request.params.id));
  app.get("/subsidy/batches/:id/file", { schema: { params: idParams, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request, reply) => {
    const file = await inTransaction(app, (tx) => bankFileOf(tx, actorOf(request), keys(), request.params.id, app.clock.now()));
    const bytes = await bankFileBytes(file);
    return reply.header("content-type", file.contentType).header("content-disposition", `attachment; filename="${file.filename}"`).header("cache-control", "no-store").send(bytes);
  });
  app.post("/subsidy/batches/:id/result", { schema: { params: idParams, querystring: bankResultQuery, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request, reply) => {
    const actor = actorOf(request);
    idempotencyKeyOf(request); // a missing key is refused before the file is read
    const body = uploaded(request.body);
    const batch = await getBatch(db(), actor, request.params.id);
    const layout = (await bankLayouts(db(), batch.regionCode)).find((l) => l.code === batch.bankCode);
    if (!layout) return fail("VALIDATION_FAILED", `未配置代发银行 ${batch.bankCode}。`);
    const format = request.query.format ?? (body.subarray(0, 2).toString("latin1") === "PK" ? "xlsx" : "csv");
    const parsed = parseBankResult(layout, await resultTable(body, format));
    if (parsed.problems.length) fail("FILE_INVALID", `回盘文件有问题，未导入：${parsed.problems.slice(0, 5).join("；")}`);
    return sendIdempotent<SubsidyResultReport>(request, reply, "subsidy.importBankResult", (tx) => importBankResult(tx, actor, batch.id, parsed.lines, app.clock.now()), {
      status: 200,
      regionCode: async () => batch.regionCode,
      request: { batchId: batch.id, lines: parsed.lines },
    });
  });
  app.get("/subsidy/repayments", { schema: { querystring: z.strictObject({ page: rosterLineListQuery.shape.page, pageSize: rosterLineListQuery.shape.pageSize }), tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<RepaymentLineView>> => {
    const q = request.query;
    return pageResult(q, await repaymentList(db(), actorOf(request), pageOf(q)));
  });
  app.post("/subsidy/rosters/:id/recoveries", { schema: { params: idParams, body: recoveryBody, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request, reply) => {
    const created = await inTransaction<RecoveryRecordedView>(app, (tx) => recordRecovery(tx, actorOf(request), request.params.id, { lineNo: request.body.lineNo, amountFen: parseYuan(request.body.amount), reason: request.body.reason }, app.clock.now()));
    return reply.status(201).send(created);
  });
  app.post("/subsidy/recoveries/:id/receipt", { schema: { params: idParams, body: recoveryReceiptBody, tags }, config: { auth: { permission: "subsidy.pay" } } }, async (request, reply) => {
    const actor = actorOf(request);
    return sendIdempotent<RecoveryReceiptView>(request, reply, "subsidy.recoveryReceipt", (tx) => recordRecoveryReceipt(tx, actor, request.params.id, request.body, app.clock.now()), {
      regionCode: async (tx) => (await recoveryOf(tx, actor, request.params.id)).regionCode,
      request: { recoveryId: request.params.id, ...request.body },
    });
  });
  app.get("/subsidy/recoveries", { schema: { querystring: z.strictObject({ page: rosterLineListQuery.shape.page, pageSize: rosterLineListQuery.shape.pageSize }), tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<Page<RecoveryView>> => {
    const q = request.query;
    return pageResult(q, await listRecoveries(db(), actorOf(request), pageOf(q)));
  });

  // ------------------------------------------------------------ policy articles
  app.get("/subsidy/articles", { schema: { tags }, config: { auth: { permission: "subsidy.read" } } }, async (request): Promise<ArticleView[]> => listArticles(db(), { scopePrefix: actorOf(request).scopePrefix, publishedOnly: false }));
  app.post("/subsidy/articles", { schema: { body: articleBody, tags }, config: { auth: { permission: "subsidy.manage" } } }, async (request, reply) => {
    const saved = await inTransaction<ArticleView>(app, (tx) => saveArticle(tx, actorOf(request), request.body, app.clock.now()));
    return reply.status(201).send(saved);
  });
  app.patch("/subsidy/articles/:id", { schema: { params: idParams, body: articleBody, tags }, config: { auth: { permission: "subsidy.manage" } } }, async (request): Promise<ArticleView> =>
    inTransaction(app, (tx) => saveArticle(tx, actorOf(request), { ...request.body, id: request.params.id }, app.clock.now())),
  );

  // ------------------------------------------------------------ public: the service-hall kiosk
  app.post(
    "/public/subsidy-query",
    { schema: { body: subsidyQueryBody, tags: ["公众查询"] }, ...publicQueryOptions(app, "public-subsidy-query") },
    async (request): Promise<Items<PublicQueryItem>> => publicQuery(db(), keys(), request.body),
  );
  app.get(
    "/public/subsidy-articles",
    { schema: { querystring: publicArticleQuery, tags: ["公众查询"] }, config: { auth: { public: true }, rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request): Promise<PublicArticleView[]> => (await listArticles(db(), { regionCode: request.query.regionCode, publishedOnly: true })).map((a) => ({ id: a.id, title: a.title, body: a.body, updatedAt: a.updatedAt })),
  );
}
