// HTTP routes of budget preparation, indicators, transfers, congress resolutions, year end and the
// execution report. Commands that move money carry an Idempotency-Key.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  adjustIndicatorBody,
  budgetApprovalBody,
  budgetLineBody,
  budgetLineListQuery,
  budgetLineResubmitBody,
  budgetLineReviewBody,
  budgetLinesImportBody,
  budgetRoundBody,
  budgetRoundListQuery,
  budgetTotalsQuery,
  budgetTransferBody,
  economicMappingQuery,
  executionReportQuery,
  indicatorListQuery,
  issueIndicatorBody,
  parseYuan,
  projectAssessmentBody,
  projectBody,
  projectListQuery,
  resolutionBody,
  resolutionListQuery,
  uuidSchema,
  yearEndBody,
} from "@xiangcai/shared";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { idempotencyKeyOf, withIdempotency } from "../platform/idempotency.ts";
import { scopeCondition } from "../platform/scope.ts";
import { formatYuan } from "@xiangcai/shared";
import { adjustIndicator, getIndicator, issueIndicator, listIndicators, recordResolution } from "./indicators.ts";
import { requestTransfer } from "./transfers.ts";
import { closeYear } from "./yearEnd.ts";
import { addLine, approveRound, budgetTemplate, exportDraft, getRound, importLines, issueFromRound, lineHistory, listLines, listRounds, openRound, resubmitLine, reviewLine, roundTotals } from "./preparation.ts";
import { executionReport, executionReportWorkbook } from "./report.ts";
import { assessProject, createProject, getProject, listProjects } from "./projects.ts";
import { economicMappingTable, lookupEconomicMapping } from "./economicMapping.ts";
import { congressResolution } from "./tables.ts";
import { budgetUnit } from "../org/tables.ts";

/** The most units the request forms list at once (a district has 14 townships of a few dozen units). */
const BUDGET_UNITS_LIST_MAX = 2_000;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function sendFile(reply: FastifyReply, fileName: string, content: Buffer, type = XLSX) {
  return reply.header("content-type", type).header("content-disposition", `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`).send(content);
}

export async function budgetRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["预算管理"];
  const idParams = z.strictObject({ id: uuidSchema });

  /** Runs a money-moving command once per Idempotency-Key, in one transaction. */
  async function idempotent(request: FastifyRequest, reply: FastifyReply, command: string, run: (tx: Db) => Promise<unknown>, status = 201) {
    const actor = actorOf(request);
    const key = idempotencyKeyOf(request);
    const result = await inTransaction(app, (tx) =>
      withIdempotency(tx, { regionCode: actor.regionCode, key, command, actorId: actor.userId, request: { params: request.params ?? null, body: request.body ?? null } }, async () => ({ status, body: await run(tx) })),
    );
    if (result.replayed) reply.header("idempotent-replayed", "true");
    return reply.status(result.status).send(result.body);
  }

  // ---- indicators

  app.get("/budget/indicators", { schema: { querystring: indicatorListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, availableMin, ...filter } = request.query;
    const found = await listIndicators(db(), actorOf(request), { ...filter, availableMinFen: availableMin ? parseYuan(availableMin) : undefined }, pageOf({ page, pageSize }));
    return pageResult({ page, pageSize }, found);
  });

  app.get("/budget/indicators/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => getIndicator(db(), actorOf(request), request.params.id));

  app.post("/budget/indicators", { schema: { body: issueIndicatorBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return idempotent(request, reply, "budget.issueIndicator", async (tx) => {
      const row = await issueIndicator(tx, actorOf(request), { ...rest, amountFen: parseYuan(amount) });
      return getIndicator(tx, actorOf(request), row.id);
    });
  });

  app.post("/budget/indicators/:id/adjustments", { schema: { params: idParams, body: adjustIndicatorBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    idempotent(request, reply, "budget.adjustIndicator", async (tx) => {
      const actor = actorOf(request);
      const current = await getIndicator(tx, actor, request.params.id);
      await adjustIndicator(tx, actor, { regionCode: current.regionCode, indicatorId: current.id, deltaFen: parseYuan(request.body.delta, { allowNegative: true }), resolutionId: request.body.resolutionId, note: request.body.note, emergency: request.body.emergency });
      return getIndicator(tx, actor, current.id);
    }),
  );

  app.post("/budget/transfers", { schema: { body: budgetTransferBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    idempotent(request, reply, "budget.requestTransfer", (tx) => requestTransfer(tx, actorOf(request), { ...request.body, amountFen: parseYuan(request.body.amount) })),
  );

  // ---- congress resolutions

  app.get("/budget/resolutions", { schema: { querystring: resolutionListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, regionCode, fiscalYear } = request.query;
    const conditions: SQL[] = [scopeCondition(congressResolution.regionCode, actorOf(request).scopePrefix)];
    if (regionCode) conditions.push(eq(congressResolution.regionCode, regionCode));
    if (fiscalYear) conditions.push(eq(congressResolution.fiscalYear, fiscalYear));
    const where = and(...conditions);
    const found = await db().select().from(congressResolution).where(where).orderBy(desc(congressResolution.resolvedOn)).limit(pageSize).offset((page - 1) * pageSize);
    const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(congressResolution).where(where);
    const items = found.map((r) => ({ ...r, approvedTotalFen: undefined, approvedTotal: r.approvedTotalFen === null ? null : formatYuan(r.approvedTotalFen), recordedAt: r.recordedAt.toISOString() }));
    return pageResult({ page, pageSize }, { items, total: count?.n ?? 0 });
  });

  app.post("/budget/resolutions", { schema: { body: resolutionBody, tags }, config: { auth: { permission: "budget.approve" } } }, async (request, reply) => {
    const { approvedTotal, ...rest } = request.body;
    const row = await inTransaction(app, (tx) => recordResolution(tx, actorOf(request), { ...rest, approvedTotalFen: approvedTotal ? parseYuan(approvedTotal) : null }));
    return reply.status(201).send({ ...row, approvedTotalFen: undefined, approvedTotal: row.approvedTotalFen === null ? null : formatYuan(row.approvedTotalFen), recordedAt: row.recordedAt.toISOString() });
  });

  // ---- year end

  app.post("/budget/year-end", { schema: { body: yearEndBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    idempotent(request, reply, "budget.closeYear", (tx) => closeYear(tx, actorOf(request), request.body), 200),
  );

  // ---- preparation

  app.get("/budget/rounds", { schema: { querystring: budgetRoundListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRounds(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/budget/rounds", { schema: { body: budgetRoundBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => openRound(tx, actorOf(request), request.body))),
  );
  app.get("/budget/rounds/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => getRound(db(), actorOf(request), request.params.id));
  app.get("/budget/rounds/:id/lines", { schema: { params: idParams, querystring: budgetLineListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listLines(db(), actorOf(request), request.params.id, filter, pageOf({ page, pageSize })));
  });
  app.post("/budget/rounds/:id/lines", { schema: { params: idParams, body: budgetLineBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return reply.status(201).send(await inTransaction(app, (tx) => addLine(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) })));
  });
  app.post("/budget/rounds/:id/lines/import", { schema: { params: idParams, body: budgetLinesImportBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request) =>
    inTransaction(app, (tx) => importLines(tx, actorOf(request), request.params.id, Buffer.from(request.body.content, "base64"))),
  );
  app.post("/budget/lines/:id/review", { schema: { params: idParams, body: budgetLineReviewBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request) => {
    const { approvedAmount, ...rest } = request.body;
    return inTransaction(app, (tx) => reviewLine(tx, actorOf(request), request.params.id, { ...rest, approvedFen: approvedAmount ? parseYuan(approvedAmount) : undefined }));
  });
  app.post("/budget/lines/:id/resubmit", { schema: { params: idParams, body: budgetLineResubmitBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request) => {
    const { amount, ...rest } = request.body;
    return inTransaction(app, (tx) => resubmitLine(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }));
  });
  app.get("/budget/lines/:id/history", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => lineHistory(db(), actorOf(request), request.params.id));
  app.get("/budget/rounds/:id/totals", { schema: { params: idParams, querystring: budgetTotalsQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) =>
    roundTotals(db(), actorOf(request), request.params.id, request.query.by),
  );
  app.post("/budget/rounds/:id/approval", { schema: { params: idParams, body: budgetApprovalBody, tags }, config: { auth: { permission: "budget.approve" } } }, async (request) => {
    const { approvedTotal, ...rest } = request.body;
    return inTransaction(app, (tx) => approveRound(tx, actorOf(request), request.params.id, { ...rest, approvedTotalFen: parseYuan(approvedTotal) }));
  });
  app.post("/budget/rounds/:id/indicators", { schema: { params: idParams, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    idempotent(request, reply, "budget.issueFromRound", (tx) => issueFromRound(tx, actorOf(request), request.params.id)),
  );
  app.get("/budget/template", { schema: { tags }, config: { auth: { permission: "budget.read" } } }, async (_request, reply) => sendFile(reply, "预算申报模板.xlsx", await budgetTemplate()));
  app.get("/budget/rounds/:id/export", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) => {
    const file = await exportDraft(db(), actorOf(request), request.params.id);
    return sendFile(reply, file.fileName, file.content);
  });

  // ---- the active budget units of the caller's scope, for the request and project forms (a unit clerk
  // may enter requests without the right to read the unit register)

  app.get("/budget/units", { schema: { tags }, config: { auth: { permission: "budget.read" } } }, async (request) =>
    db()
      .select({ id: budgetUnit.id, regionCode: budgetUnit.regionCode, name: budgetUnit.name, kind: budgetUnit.kind })
      .from(budgetUnit)
      .where(and(scopeCondition(budgetUnit.regionCode, actorOf(request).scopePrefix), eq(budgetUnit.status, "active")))
      .orderBy(budgetUnit.regionCode, budgetUnit.name)
      .limit(BUDGET_UNITS_LIST_MAX),
  );

  // ---- project library and ex-ante assessment

  app.get("/budget/projects", { schema: { querystring: projectListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listProjects(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/budget/projects", { schema: { body: projectBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request, reply) => {
    const { plannedTotal, ...rest } = request.body;
    return reply.status(201).send(await inTransaction(app, (tx) => createProject(tx, actorOf(request), { ...rest, plannedTotalFen: parseYuan(plannedTotal) })));
  });
  app.get("/budget/projects/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => getProject(db(), actorOf(request), request.params.id));
  app.post("/budget/projects/:id/assessments", { schema: { params: idParams, body: projectAssessmentBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) => {
    const { conclusion, assessor, assessedOn, ...scores } = request.body;
    return reply.status(201).send(await inTransaction(app, (tx) => assessProject(tx, actorOf(request), request.params.id, { scores, conclusion, assessor, assessedOn })));
  });

  // ---- 30x ↔ 50x economic classification mapping (reference data, the same for every township)

  app.get("/budget/economic-mapping", { schema: { querystring: economicMappingQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) =>
    request.query.code ? lookupEconomicMapping(request.query.code, request.query.unitKind) : economicMappingTable(),
  );

  // ---- execution report

  app.get("/budget/execution", { schema: { querystring: executionReportQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => executionReport(db(), actorOf(request), request.query));
  app.get("/budget/execution/export", { schema: { querystring: executionReportQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) => {
    const report = await executionReport(db(), actorOf(request), request.query);
    return sendFile(reply, `budget-execution-${report.fiscalYear}-${report.by}.xlsx`, await executionReportWorkbook(report));
  });
}
