// HTTP routes of budget performance: target trees (entry, Excel template and import, submission;
// review through the flow engine's transition route), monitoring and its actions, the congress
// package and its questions, evaluations, results applied, and rectification tasks opened from a
// report or an evaluation. Nothing here moves money, so no route takes an Idempotency-Key.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import {
  actionCloseBody,
  actionListQuery,
  congressAnswerBody,
  congressNoteBody,
  congressPackageQuery,
  evaluationBody,
  evaluationListQuery,
  evaluationRoundBody,
  monitoringBody,
  monitoringListQuery,
  performanceOverviewQuery,
  performanceRectificationBody,
  performanceSubjectsQuery,
  preparationAdviceQuery,
  resultAdviceQuery,
  resultExceptionBody,
  targetImportBody,
  targetSheetBody,
  targetSheetListQuery,
  targetSheetUpdateBody,
  uuidSchema,
} from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { scopeCondition } from "../platform/scope.ts";
import { budgetUnit } from "../org/index.ts";
import { budgetProject } from "../budget/index.ts";
import { subsidyItemNames } from "../subsidy/index.ts";
import { PERFORMANCE_ROWS_MAX } from "./common.ts";
import { addNote, answerNote, congressPackage } from "./congress.ts";
import { createEvaluation, enteredExecution, evaluationOverview, evaluationsWorkbook, getEvaluation, listEvaluations, recordRound } from "./evaluation.ts";
import { closeAction, getReport, listActions, listReports, monitoringOverview, saveMonitoring } from "./monitoring.ts";
import { openPerformanceRectification } from "./rectifications.ts";
import { preparationAdvice, recordException, resultAdviceList } from "./results.ts";
import { createSheet, getSheet, importIndicators, listSheets, submitSheet, targetTemplate, targetWorkbook, updateSheet } from "./targets.ts";
import { targetsWorkbook } from "./targetsXlsx.ts";
import { rowsForExport, sendWorkbook } from "../platform/sheets.ts";

export async function performanceRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["预算绩效"];
  const idParams = z.strictObject({ id: uuidSchema });
  const read = { auth: { permission: "performance.read" as const } };
  const enter = { auth: { permission: "performance.enter" as const } };
  const review = { auth: { permission: "performance.review" as const } };

  // ---- targets

  app.get("/performance/subjects", { schema: { querystring: performanceSubjectsQuery, tags }, config: read }, async (request) => {
    const actor = actorOf(request);
    const regionCode = request.query.regionCode ?? actor.regionCode;
    const scope = and(scopeCondition(budgetProject.regionCode, actor.scopePrefix), eq(budgetProject.regionCode, regionCode));
    const projects = await db().select({ id: budgetProject.id, name: budgetProject.name, budgetUnitId: budgetProject.budgetUnitId, status: budgetProject.status, startYear: budgetProject.startYear, endYear: budgetProject.endYear }).from(budgetProject).where(scope).orderBy(asc(budgetProject.name)).limit(PERFORMANCE_ROWS_MAX);
    const units = await db().select({ id: budgetUnit.id, name: budgetUnit.name }).from(budgetUnit).where(and(scopeCondition(budgetUnit.regionCode, actor.scopePrefix), eq(budgetUnit.regionCode, regionCode), eq(budgetUnit.status, "active"))).orderBy(asc(budgetUnit.name)).limit(PERFORMANCE_ROWS_MAX);
    const policies = regionCode.length === 9 && regionCode.startsWith(actor.scopePrefix) ? await subsidyItemNames(db(), regionCode) : [];
    return { regionCode, projects, units, policies };
  });
  app.get("/performance/sheets", { schema: { querystring: targetSheetListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listSheets(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  // The list's export: the same filters without paging, every tree of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/performance/sheets/export", { schema: { querystring: targetSheetListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "绩效目标清单.xlsx", await targetsWorkbook(db(), actorOf(request), request.query)),
  );
  app.post("/performance/sheets", { schema: { body: targetSheetBody, tags }, config: enter }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => createSheet(tx, actorOf(request), request.body, now()))),
  );
  app.get("/performance/sheets/:id", { schema: { params: idParams, tags }, config: read }, async (request) => getSheet(db(), actorOf(request), request.params.id));
  app.put("/performance/sheets/:id", { schema: { params: idParams, body: targetSheetUpdateBody, tags }, config: enter }, async (request) =>
    inTransaction(app, (tx) => updateSheet(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.post("/performance/sheets/:id/submit", { schema: { params: idParams, tags }, config: enter }, async (request) => inTransaction(app, (tx) => submitSheet(tx, actorOf(request), request.params.id, now())));
  app.post("/performance/sheets/:id/import", { schema: { params: idParams, body: targetImportBody, tags }, config: enter }, async (request) =>
    inTransaction(app, (tx) => importIndicators(tx, actorOf(request), request.params.id, Buffer.from(request.body.content, "base64"), now())),
  );
  app.get("/performance/sheets/:id/export", { schema: { params: idParams, tags }, config: read }, async (request, reply) => {
    const sheet = await getSheet(db(), actorOf(request), request.params.id);
    return sendWorkbook(reply, `${sheet.fiscalYear}年绩效目标表-${sheet.subjectName}.xlsx`, await targetWorkbook(`${sheet.regionName}`, [sheet]));
  });
  app.get("/performance/template", { schema: { tags }, config: read }, async (_request, reply) => sendWorkbook(reply, "绩效目标导入模板.xlsx", await targetTemplate()));

  // ---- monitoring

  app.post("/performance/sheets/:id/monitoring", { schema: { params: idParams, body: monitoringBody, tags }, config: enter }, async (request) =>
    inTransaction(app, (tx) => saveMonitoring(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.get("/performance/monitoring", { schema: { querystring: monitoringListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listReports(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.get("/performance/monitoring/:id", { schema: { params: idParams, tags }, config: read }, async (request) => getReport(db(), actorOf(request), request.params.id));
  app.get("/performance/monitoring-overview", { schema: { querystring: performanceOverviewQuery, tags }, config: read }, async (request) => monitoringOverview(db(), actorOf(request), request.query.fiscalYear));
  app.get("/performance/actions", { schema: { querystring: actionListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listActions(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/performance/actions/:id/close", { schema: { params: idParams, body: actionCloseBody, tags }, config: review }, async (request) =>
    inTransaction(app, (tx) => closeAction(tx, actorOf(request), request.params.id, request.body.note, now())),
  );

  // ---- the congress package

  app.get("/performance/congress", { schema: { querystring: congressPackageQuery, tags }, config: read }, async (request) => congressPackage(db(), actorOf(request), request.query));
  app.get("/performance/congress/export", { schema: { querystring: congressPackageQuery, tags }, config: read }, async (request, reply) => {
    const pack = await congressPackage(db(), actorOf(request), request.query);
    return sendWorkbook(reply, `${pack.regionName}${pack.fiscalYear}年度绩效目标表.xlsx`, await targetWorkbook(`${pack.regionName}（报乡镇人民代表大会）`, pack.sheets));
  });
  app.post("/performance/congress/notes", { schema: { body: congressNoteBody, tags }, config: { auth: { permission: "performance.congress" } } }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => addNote(tx, actorOf(request), request.body, now()))),
  );
  app.post("/performance/congress/notes/:id/answer", { schema: { params: idParams, body: congressAnswerBody, tags }, config: review }, async (request) =>
    inTransaction(app, (tx) => answerNote(tx, actorOf(request), request.params.id, request.body.answer, now())),
  );

  // ---- evaluation

  app.get("/performance/evaluations", { schema: { querystring: evaluationListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listEvaluations(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.get("/performance/evaluation-overview", { schema: { querystring: performanceOverviewQuery, tags }, config: read }, async (request) => evaluationOverview(db(), actorOf(request), request.query.fiscalYear));
  app.get("/performance/evaluations/export", { schema: { querystring: evaluationListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) => {
    const evaluations = await rowsForExport(db(), (tx, page) => listEvaluations(tx, actorOf(request), request.query, page));
    return sendWorkbook(reply, "绩效评价结果.xlsx", await evaluationsWorkbook(evaluations));
  });
  app.post("/performance/evaluations", { schema: { body: evaluationBody, tags }, config: enter }, async (request, reply) => {
    const { execution, ...rest } = request.body;
    return reply.status(201).send(await inTransaction(app, (tx) => createEvaluation(tx, actorOf(request), { ...rest, execution: enteredExecution(execution) }, now())));
  });
  app.get("/performance/evaluations/:id", { schema: { params: idParams, tags }, config: read }, async (request) => getEvaluation(db(), actorOf(request), request.params.id, now()));
  app.post("/performance/evaluations/:id/rounds", { schema: { params: idParams, body: evaluationRoundBody, tags }, config: read }, async (request) =>
    inTransaction(app, (tx) => recordRound(tx, actorOf(request), request.params.id, request.body, now())),
  );

  // ---- results applied

  app.get("/performance/preparation-advice", { schema: { querystring: preparationAdviceQuery, tags }, config: read }, async (request) => preparationAdvice(db(), actorOf(request), request.query.roundId));
  app.get("/performance/results", { schema: { querystring: resultAdviceQuery, tags }, config: read }, async (request) => resultAdviceList(db(), actorOf(request), request.query));
  app.post("/performance/results/exceptions", { schema: { body: resultExceptionBody, tags }, config: { auth: { permission: "performance.exception" } } }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => recordException(tx, actorOf(request), request.body, now()))),
  );

  // ---- rectification opened from a monitoring report or an evaluation

  app.post("/performance/rectifications", { schema: { body: performanceRectificationBody, tags }, config: review }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => openPerformanceRectification(tx, actorOf(request), request.body, now()))),
  );
}
