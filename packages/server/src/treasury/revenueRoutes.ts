// HTTP routes of the treasury's daily revenue report (国库收入日报): list, one report, entry in a
// form, import of the treasury's Excel file (a bad row is named and nothing is recorded), template.
// Recording a report moves money into the books: it carries an Idempotency-Key. Registered by
// treasuryRoutes.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { revenueReportBody, revenueReportImportBody, revenueReportListQuery, uuidSchema } from "@xiangcai/shared";
import { actorOf } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { getRevenueReport, listRevenueReports, readRevenueWorkbook, recordRevenueReport, revenueTemplate } from "./revenue.ts";

export async function treasuryRevenueRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["国库收入"];

  app.get("/treasury/revenue-reports", { schema: { querystring: revenueReportListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    const found = await listRevenueReports(db(), actorOf(request), filter, pageOf({ page, pageSize }));
    return { ...pageResult({ page, pageSize }, found), totalAmount: found.totalAmount };
  });
  app.get("/treasury/revenue-reports/template", { schema: { tags }, config: { auth: { permission: "budget.read" } } }, async (_request, reply) =>
    sendWorkbook(reply, "国库收入日报模板.xlsx", await revenueTemplate()),
  );
  app.get("/treasury/revenue-reports/:id", { schema: { params: z.strictObject({ id: uuidSchema }), tags }, config: { auth: { permission: "budget.read" } } }, async (request) => getRevenueReport(db(), actorOf(request), request.params.id));
  app.post("/treasury/revenue-reports", { schema: { body: revenueReportBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) => {
    const { lines, ...rest } = request.body;
    return sendIdempotent(request, reply, "treasury.recordRevenueReport", (tx) =>
      recordRevenueReport(tx, actorOf(request), { ...rest, source: "entered", rows: lines.map((l, i) => ({ line: i + 1, revenueCode: l.revenueCode, amountText: l.amount })) }, app.clock.now()),
    );
  });
  app.post("/treasury/revenue-reports/import", { schema: { body: revenueReportImportBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) => {
    const { content, ...rest } = request.body;
    const rows = await readRevenueWorkbook(Buffer.from(content, "base64"));
    return sendIdempotent(request, reply, "treasury.importRevenueReport", (tx) => recordRevenueReport(tx, actorOf(request), { ...rest, source: "imported", rows }, app.clock.now()));
  });
}
