// HTTP routes of reporting up: kinds, a township's reports (prepare, submit), the district's review
// (accept, return) and its one-page status of every township with the consolidated total.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { acceptReportBody, prepareReportBody, reportIdParams, reportListQuery, reportStatusQuery, returnReportBody, submitReportBody } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { getReport, listReportKinds, listReports, prepareReport, reportStatus, reviewReport, submitReport } from "./service.ts";

export async function reportingRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["上报"];

  app.get("/reporting/kinds", { schema: { tags }, config: { auth: { permission: "report.read" } } }, async () => ({ items: listReportKinds() }));

  app.get("/reporting/reports", { schema: { querystring: reportListQuery, tags }, config: { auth: { permission: "report.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listReports(db(), actorOf(request), filter, pageOf({ page, pageSize }), now()));
  });

  app.get("/reporting/reports/:id", { schema: { params: reportIdParams, tags }, config: { auth: { permission: "report.read" } } }, async (request) => getReport(db(), actorOf(request), request.params.id, now()));

  app.post("/reporting/reports", { schema: { body: prepareReportBody, tags }, config: { auth: { permission: "report.prepare" } } }, async (request, reply) => {
    const { kind, ...rest } = request.body;
    const report = await inTransaction(app, (tx) => prepareReport(tx, actorOf(request), { kindCode: kind, ...rest }, now()));
    return reply.status(201).send(report);
  });

  app.post("/reporting/reports/:id/submit", { schema: { params: reportIdParams, body: submitReportBody, tags }, config: { auth: { permission: "report.prepare" } } }, async (request) =>
    inTransaction(app, (tx) => submitReport(tx, actorOf(request), request.params.id, request.body, now())),
  );

  app.post("/reporting/reports/:id/accept", { schema: { params: reportIdParams, body: acceptReportBody, tags }, config: { auth: { permission: "report.review" } } }, async (request) =>
    inTransaction(app, (tx) => reviewReport(tx, actorOf(request), request.params.id, { action: "accept", note: request.body.note }, now())),
  );

  app.post("/reporting/reports/:id/return", { schema: { params: reportIdParams, body: returnReportBody, tags }, config: { auth: { permission: "report.review" } } }, async (request) =>
    inTransaction(app, (tx) => reviewReport(tx, actorOf(request), request.params.id, { action: "return", note: request.body.note }, now())),
  );

  app.get("/reporting/status", { schema: { querystring: reportStatusQuery, tags }, config: { auth: { permission: "report.read" } } }, async (request) =>
    reportStatus(db(), actorOf(request), { kindCode: request.query.kind, period: request.query.period }, now()),
  );
}
