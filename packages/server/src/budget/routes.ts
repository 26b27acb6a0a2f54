// HTTP routes of budget preparation, indicators, transfers, congress resolutions, year end and the
// execution report. Commands that move money carry an Idempotency-Key.
import type { FastifyInstance } from "fastify";
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
  districtYearEndBody,
  yearEndRunListQuery,
} from "@xiangcai/shared";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { idempotentResult, sendIdempotent, sendResult } from "../platform/idempotency.ts";
import { scopeCondition } from "../platform/scope.ts";
import { formatYuan } from "@xiangcai/shared";
import { adjustIndicator, getIndicator, issueIndicator, listIndicators, recordResolution } from "./indicators.ts";
import { requestTransfer } from "./transfers.ts";
import { closeYear, districtRunsSettled, getYearEndRun, isRunWorking, listYearEndRuns, runDistrictYearEnd, startDistrictYearEnd } from "./yearEnd.ts";
import { addLine, approveRound, budgetTemplate, exportDraft, getRound, importLines, issueFromRound, lineHistory, listLines, listRounds, openRound, resubmitLine, reviewLine, roundTotals } from "./preparation.ts";
import { executionReport, executionReportWorkbook } from "./report.ts";
import { indicatorsWorkbook } from "./indicatorsXlsx.ts";
import { projectsWorkbook } from "./projectsXlsx.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { assessProject, createProject, getProject, listProjects } from "./projects.ts";
import { economicMappingTable, lookupEconomicMapping } from "./economicMapping.ts";
import { congressResolution } from "./tables.ts";
import { budgetUnit } from "../org/index.ts";
import type { BudgetLineEventView, BudgetLineView, BudgetRoundView, BudgetTotalRow, BudgetTransferView, BudgetUnitOption, ExecutionReport, IndicatorDetailView, IndicatorView, LinesImportResult, Page, ProjectDetailView, ProjectView, ResolutionView, RoundIssueResult, YearEndResult, YearEndRun } from "@xiangcai/shared";
import { budgetRevenueRoutes } from "./revenueRoutes.ts";

/** The most units the request forms list at once (a district has 14 townships of a few dozen units). */
const BUDGET_UNITS_LIST_MAX = 2_000;

function viewResolution(r: typeof congressResolution.$inferSelect): ResolutionView {
  return {
    id: r.id,
    regionCode: r.regionCode,
    kind: r.kind,
    fiscalYear: r.fiscalYear,
    session: r.session,
    resolutionNo: r.resolutionNo,
    resolvedOn: r.resolvedOn,
    approvedTotal: r.approvedTotalFen === null ? null : formatYuan(r.approvedTotalFen),
    adjustmentKind: r.adjustmentKind,
    note: r.note,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt.toISOString(),
  };
}

export async function budgetRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["预算管理"];
  const idParams = z.strictObject({ id: uuidSchema });

  // ---- indicators

  app.get("/budget/indicators", { schema: { querystring: indicatorListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<IndicatorView>> => {
    const { page, pageSize, availableMin, ...filter } = request.query;
    const found = await listIndicators(db(), actorOf(request), { ...filter, availableMinFen: availableMin ? parseYuan(availableMin) : undefined }, pageOf({ page, pageSize }));
    return pageResult({ page, pageSize }, found);
  });

  app.get("/budget/indicators/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<IndicatorDetailView> => getIndicator(db(), actorOf(request), request.params.id));

  // The list's export: the same filters without paging, every row of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/budget/indicators/export", { schema: { querystring: indicatorListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) => {
    const { availableMin, ...filter } = request.query;
    return sendWorkbook(reply, "预算指标台账.xlsx", await indicatorsWorkbook(db(), actorOf(request), { ...filter, availableMinFen: availableMin ? parseYuan(availableMin) : undefined }));
  });

  app.post("/budget/indicators", { schema: { body: issueIndicatorBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return sendIdempotent<IndicatorDetailView>(request, reply, "budget.issueIndicator", async (tx) => {
      const row = await issueIndicator(tx, actorOf(request), { ...rest, amountFen: parseYuan(amount) }, app.clock.now());
      return getIndicator(tx, actorOf(request), row.id);
    });
  });

  app.post("/budget/indicators/:id/adjustments", { schema: { params: idParams, body: adjustIndicatorBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    sendIdempotent<IndicatorDetailView>(request, reply, "budget.adjustIndicator", async (tx) => {
      const actor = actorOf(request);
      const current = await getIndicator(tx, actor, request.params.id);
      await adjustIndicator(tx, actor, { regionCode: current.regionCode, indicatorId: current.id, deltaFen: parseYuan(request.body.delta, { allowNegative: true }), resolutionId: request.body.resolutionId, note: request.body.note, emergency: request.body.emergency }, app.clock.now());
      return getIndicator(tx, actor, current.id);
    }),
  );

  app.post("/budget/transfers", { schema: { body: budgetTransferBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    sendIdempotent<BudgetTransferView>(request, reply, "budget.requestTransfer", (tx) => requestTransfer(tx, actorOf(request), { ...request.body, amountFen: parseYuan(request.body.amount) }, app.clock.now())),
  );

  // ---- congress resolutions

  app.get("/budget/resolutions", { schema: { querystring: resolutionListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<ResolutionView>> => {
    const { page, pageSize, regionCode, fiscalYear } = request.query;
    const conditions: SQL[] = [scopeCondition(congressResolution.regionCode, actorOf(request).scopePrefix)];
    if (regionCode) conditions.push(eq(congressResolution.regionCode, regionCode));
    if (fiscalYear) conditions.push(eq(congressResolution.fiscalYear, fiscalYear));
    const where = and(...conditions);
    const found = await db().select().from(congressResolution).where(where).orderBy(desc(congressResolution.resolvedOn)).limit(pageSize).offset((page - 1) * pageSize);
    const [count] = await db().select({ n: sql<number>`count(*)::int` }).from(congressResolution).where(where);
    return pageResult({ page, pageSize }, { items: found.map(viewResolution), total: count?.n ?? 0 });
  });

  app.post("/budget/resolutions", { schema: { body: resolutionBody, tags }, config: { auth: { permission: "budget.approve" } } }, async (request, reply) => {
    const { approvedTotal, ...rest } = request.body;
    const row = await inTransaction(app, (tx) => recordResolution(tx, actorOf(request), { ...rest, approvedTotalFen: approvedTotal ? parseYuan(approvedTotal) : null }, app.clock.now()));
    return reply.status(201).send(viewResolution(row));
  });

  // ---- year end

  app.post("/budget/year-end", { schema: { body: yearEndBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    sendIdempotent<YearEndResult>(request, reply, "budget.closeYear", (tx) => closeYear(tx, actorOf(request), request.body, app.clock.now()), { status: 200 }),
  );

  // ---- the district's year end
  // The district closes every township's year in one action: the POST records the run and answers
  // 202 at once; the townships are closed one by one in the background, each in its own transaction,
  // and GET …/:id shows the progress and each township's result.
  app.addHook("onClose", async () => districtRunsSettled());

  app.post("/budget/year-end/district-runs", { schema: { body: districtYearEndBody, tags }, config: { auth: { permission: "yearEnd.district" } } }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await idempotentResult<YearEndRun>(request, "budget.districtYearEnd", (tx) => startDistrictYearEnd(tx, actor, request.body, app.clock.now()), { status: 202 });
    // A replay answers the run as it stands now; one left running by a stopped process resumes.
    const run = result.replayed ? await getYearEndRun(db(), actor, result.body.id) : result.body;
    if (run.status === "running" && !isRunWorking(run.id)) {
      runDistrictYearEnd(db(), actor, run.id, () => app.clock.now()).catch((error: unknown) => request.log.error({ err: error, runId: run.id }, "district year end failed"));
    }
    return sendResult(reply, result, run);
  });

  app.get("/budget/year-end/district-runs", { schema: { querystring: yearEndRunListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<YearEndRun>> => {
    const { page, pageSize } = request.query;
    return pageResult({ page, pageSize }, await listYearEndRuns(db(), actorOf(request), pageOf({ page, pageSize })));
  });

  app.get("/budget/year-end/district-runs/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<YearEndRun> => getYearEndRun(db(), actorOf(request), request.params.id));

  // ---- preparation

  app.get("/budget/rounds", { schema: { querystring: budgetRoundListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<BudgetRoundView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRounds(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/budget/rounds", { schema: { body: budgetRoundBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) =>
    reply.status(201).send(await inTransaction<BudgetRoundView>(app, (tx) => openRound(tx, actorOf(request), request.body, app.clock.now()))),
  );
  app.get("/budget/rounds/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<BudgetRoundView> => getRound(db(), actorOf(request), request.params.id));
  app.get("/budget/rounds/:id/lines", { schema: { params: idParams, querystring: budgetLineListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<BudgetLineView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listLines(db(), actorOf(request), request.params.id, filter, pageOf({ page, pageSize })));
  });
  app.post("/budget/rounds/:id/lines", { schema: { params: idParams, body: budgetLineBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return reply.status(201).send(await inTransaction<BudgetLineView>(app, (tx) => addLine(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }, app.clock.now())));
  });
  app.post("/budget/rounds/:id/lines/import", { schema: { params: idParams, body: budgetLinesImportBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request): Promise<LinesImportResult> =>
    inTransaction(app, (tx) => importLines(tx, actorOf(request), request.params.id, Buffer.from(request.body.content, "base64"), app.clock.now())),
  );
  app.post("/budget/lines/:id/review", { schema: { params: idParams, body: budgetLineReviewBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request): Promise<BudgetLineView> => {
    const { approvedAmount, ...rest } = request.body;
    return inTransaction(app, (tx) => reviewLine(tx, actorOf(request), request.params.id, { ...rest, approvedFen: approvedAmount ? parseYuan(approvedAmount) : undefined }, app.clock.now()));
  });
  app.post("/budget/lines/:id/resubmit", { schema: { params: idParams, body: budgetLineResubmitBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request): Promise<BudgetLineView> => {
    const { amount, ...rest } = request.body;
    return inTransaction(app, (tx) => resubmitLine(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }, app.clock.now()));
  });
  app.get("/budget/lines/:id/history", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<BudgetLineEventView[]> => lineHistory(db(), actorOf(request), request.params.id));
  app.get("/budget/rounds/:id/totals", { schema: { params: idParams, querystring: budgetTotalsQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<BudgetTotalRow[]> =>
    roundTotals(db(), actorOf(request), request.params.id, request.query.by),
  );
  app.post("/budget/rounds/:id/approval", { schema: { params: idParams, body: budgetApprovalBody, tags }, config: { auth: { permission: "budget.approve" } } }, async (request): Promise<BudgetRoundView> => {
    const { approvedTotal, ...rest } = request.body;
    return inTransaction(app, (tx) => approveRound(tx, actorOf(request), request.params.id, { ...rest, approvedTotalFen: parseYuan(approvedTotal) }, app.clock.now()));
  });
  app.post("/budget/rounds/:id/indicators", { schema: { params: idParams, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) =>
    sendIdempotent<RoundIssueResult>(request, reply, "budget.issueFromRound", (tx) => issueFromRound(tx, actorOf(request), request.params.id, app.clock.now())),
  );
  app.get("/budget/template", { schema: { tags }, config: { auth: { permission: "budget.read" } } }, async (_request, reply) => sendWorkbook(reply, "预算申报模板.xlsx", await budgetTemplate()));
  app.get("/budget/rounds/:id/export", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) => {
    const file = await exportDraft(db(), actorOf(request), request.params.id);
    return sendWorkbook(reply, file.fileName, file.content);
  });

  // ---- the active budget units of the caller's scope, for the request and project forms (a unit clerk
  // may enter requests without the right to read the unit register)

  app.get("/budget/units", { schema: { tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<BudgetUnitOption[]> =>
    db()
      .select({ id: budgetUnit.id, regionCode: budgetUnit.regionCode, name: budgetUnit.name, kind: budgetUnit.kind })
      .from(budgetUnit)
      .where(and(scopeCondition(budgetUnit.regionCode, actorOf(request).scopePrefix), eq(budgetUnit.status, "active")))
      .orderBy(budgetUnit.regionCode, budgetUnit.name)
      .limit(BUDGET_UNITS_LIST_MAX),
  );

  // ---- project library and ex-ante assessment

  app.get("/budget/projects", { schema: { querystring: projectListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<ProjectView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listProjects(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  // The list's export: the same filters without paging, every row of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/budget/projects/export", { schema: { querystring: projectListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "项目库.xlsx", await projectsWorkbook(db(), actorOf(request), request.query)),
  );
  app.post("/budget/projects", { schema: { body: projectBody, tags }, config: { auth: { permission: "budget.request" } } }, async (request, reply) => {
    const { plannedTotal, ...rest } = request.body;
    return reply.status(201).send(await inTransaction<ProjectView>(app, (tx) => createProject(tx, actorOf(request), { ...rest, plannedTotalFen: parseYuan(plannedTotal) }, app.clock.now())));
  });
  app.get("/budget/projects/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<ProjectDetailView> => getProject(db(), actorOf(request), request.params.id));
  app.post("/budget/projects/:id/assessments", { schema: { params: idParams, body: projectAssessmentBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) => {
    const { conclusion, assessor, assessedOn, ...scores } = request.body;
    return reply.status(201).send(await inTransaction<ProjectDetailView>(app, (tx) => assessProject(tx, actorOf(request), request.params.id, { scores, conclusion, assessor, assessedOn }, app.clock.now())));
  });

  // ---- 30x ↔ 50x economic classification mapping (reference data, the same for every township)

  app.get("/budget/economic-mapping", { schema: { querystring: economicMappingQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) =>
    request.query.code ? lookupEconomicMapping(request.query.code, request.query.unitKind) : economicMappingTable(),
  );

  // ---- execution report

  app.get("/budget/execution", { schema: { querystring: executionReportQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<ExecutionReport> => executionReport(db(), actorOf(request), request.query));
  app.get("/budget/execution/export", { schema: { querystring: executionReportQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) => {
    const report = await executionReport(db(), actorOf(request), request.query);
    return sendWorkbook(reply, `budget-execution-${report.fiscalYear}-${report.by}.xlsx`, await executionReportWorkbook(report));
  });

  // ---- the revenue side of preparation, and remittances up (revenueRoutes.ts)
  await budgetRevenueRoutes(base);
}
