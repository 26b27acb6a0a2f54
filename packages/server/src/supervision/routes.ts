// HTTP routes of fund supervision: the rules and thresholds, runs, alerts (list, export, one alert),
// suppressions of false alarms, reports and the dashboard. Moves along an alert's flow (verify,
// dismiss, plan the rectification …) go through POST /flow/instances/:id/transitions; its
// rectification (evidence files, submission, 销号) through the shared /rectification routes.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  supervisionAlertExportQuery,
  supervisionAlertListQuery,
  supervisionDashboardQuery,
  supervisionIssuedReportListQuery,
  supervisionIssuedReportParams,
  supervisionReportQuery,
  supervisionRulesQuery,
  supervisionRunBody,
  supervisionRunListQuery,
  supervisionSuppressionBody,
  supervisionSuppressionListQuery,
  supervisionSuppressionRevokeBody,
  supervisionThresholdBody,
  supervisionThresholdResetQuery,
  uuidSchema,
} from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { refuseOverLimit, sendWorkbook } from "../platform/sheets.ts";
import { alertsIn, getAlert, listAlerts, revokeSuppression, suppressAlert, suppressionsOf } from "./alerts.ts";
import { alertsWorkbook, dashboard, getIssuedReport, listIssuedReports, reportFor, reportScope, reportWorkbook } from "./reports.ts";
import { changeThreshold, listRuns, resetThreshold, rulesFor, runNow } from "./service.ts";

/** The most alerts one export holds. */
export const ALERT_EXPORT_MAX = 20_000;

export async function supervisionRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["资金监管"];
  const idParams = z.strictObject({ id: uuidSchema });
  const keyParams = z.strictObject({ key: z.string().regex(/^supervision\.[a-zA-Z.]{3,80}$/) });

  // ---- rules, thresholds, runs
  app.get("/supervision/rules", { schema: { querystring: supervisionRulesQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => rulesFor(db(), actorOf(request), request.query.regionCode));

  app.put("/supervision/thresholds/:key", { schema: { params: keyParams, body: supervisionThresholdBody, tags }, config: { auth: { permission: "supervision.configure" } } }, async (request) => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => changeThreshold(tx, actor, request.params.key, request.body, now()));
    return rulesFor(db(), actor, request.body.regionCode);
  });

  app.delete("/supervision/thresholds/:key", { schema: { params: keyParams, querystring: supervisionThresholdResetQuery, tags }, config: { auth: { permission: "supervision.configure" } } }, async (request) => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => resetThreshold(tx, actor, request.params.key, request.query.regionCode, now()));
    return rulesFor(db(), actor, request.query.regionCode);
  });

  app.post("/supervision/runs", { schema: { body: supervisionRunBody, tags }, config: { auth: { permission: "supervision.run" } } }, async (request) =>
    inTransaction(app, (tx) => runNow(tx, actorOf(request), app.config.dataKeys, request.body, now())),
  );

  app.get("/supervision/runs", { schema: { querystring: supervisionRunListQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => {
    const { page, pageSize } = request.query;
    return pageResult({ page, pageSize }, await listRuns(db(), actorOf(request), pageOf({ page, pageSize })));
  });

  // ---- alerts
  app.get("/supervision/alerts", { schema: { querystring: supervisionAlertListQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listAlerts(db(), actorOf(request), filter, pageOf({ page, pageSize }), now()));
  });

  app.get("/supervision/alerts/export", { schema: { querystring: supervisionAlertExportQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request, reply) => {
    const alerts = refuseOverLimit(await alertsIn(db(), actorOf(request).scopePrefix, request.query, now(), ALERT_EXPORT_MAX + 1), ALERT_EXPORT_MAX);
    return sendWorkbook(reply, "监管预警清单.xlsx", await alertsWorkbook(alerts));
  });

  app.get("/supervision/alerts/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => getAlert(db(), actorOf(request), request.params.id, now()));

  // ---- suppressions of false alarms
  app.get("/supervision/suppressions", { schema: { querystring: supervisionSuppressionListQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => {
    const { page, pageSize, active, ...filter } = request.query;
    return pageResult({ page, pageSize }, await suppressionsOf(db(), actorOf(request), { ...filter, active: active === undefined ? undefined : active === "true" }, pageOf({ page, pageSize }), now()));
  });

  app.post("/supervision/suppressions", { schema: { body: supervisionSuppressionBody, tags }, config: { auth: { permission: "supervision.close" } } }, async (request, reply) => {
    const created = await inTransaction(app, (tx) => suppressAlert(tx, actorOf(request), request.body, now()));
    return reply.status(201).send({ items: created });
  });

  app.post("/supervision/suppressions/:id/revoke", { schema: { params: idParams, body: supervisionSuppressionRevokeBody, tags }, config: { auth: { permission: "supervision.close" } } }, async (request) =>
    inTransaction(app, (tx) => revokeSuppression(tx, actorOf(request), request.params.id, request.body.reason, now())),
  );

  // ---- reports
  app.get("/supervision/report", { schema: { querystring: supervisionReportQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => {
    const { regionCode, ...range } = request.query;
    return reportFor(db(), reportScope(actorOf(request), regionCode), range, now());
  });

  app.get("/supervision/report/export", { schema: { querystring: supervisionReportQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request, reply) => {
    const { regionCode, ...range } = request.query;
    const scope = reportScope(actorOf(request), regionCode);
    const at = now();
    const report = await reportFor(db(), scope, range, at);
    const alerts = refuseOverLimit(await alertsIn(db(), scope, range, at, ALERT_EXPORT_MAX + 1), ALERT_EXPORT_MAX);
    return sendWorkbook(reply, `${report.regionName}资金监管情况报告（${range.from}至${range.to}）.xlsx`, await reportWorkbook(report, alerts));
  });

  app.get("/supervision/dashboard", { schema: { querystring: supervisionDashboardQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => dashboard(db(), actorOf(request).scopePrefix, request.query.year));

  app.get("/supervision/reports", { schema: { querystring: supervisionIssuedReportListQuery, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listIssuedReports(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.get("/supervision/reports/:regionCode/:period", { schema: { params: supervisionIssuedReportParams, tags }, config: { auth: { permission: "supervision.read" } } }, async (request) =>
    getIssuedReport(db(), actorOf(request), request.params.regionCode, request.params.period),
  );
}
