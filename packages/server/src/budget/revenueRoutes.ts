// HTTP routes of the revenue side of budget preparation (收入预算) and of remittances up (上解).
// Registered by budgetRoutes. A remittance moves money (the fiscal ledger posts it): it carries an
// Idempotency-Key.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { budgetRevenueLineBody, parseYuan, remittanceBody, remittanceListQuery, uuidSchema } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { addRevenueLine, listRemittances, recordRemittance, removeRevenueLine, revenueSide } from "./revenue.ts";
import { remittancesWorkbook } from "./remittancesXlsx.ts";

export async function budgetRevenueRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["预算管理"];
  const idParams = z.strictObject({ id: uuidSchema });

  app.get("/budget/rounds/:id/revenue", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => revenueSide(db(), actorOf(request), request.params.id));
  app.post("/budget/rounds/:id/revenue", { schema: { params: idParams, body: budgetRevenueLineBody, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    const line = await inTransaction(app, (tx) => addRevenueLine(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }, app.clock.now()));
    return reply.status(201).send(line);
  });
  app.delete("/budget/revenue-lines/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "budget.review" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => removeRevenueLine(tx, actorOf(request), request.params.id, app.clock.now()));
    return reply.status(204).send();
  });

  app.get("/budget/remittances", { schema: { querystring: remittanceListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    const found = await listRemittances(db(), actorOf(request), filter, pageOf({ page, pageSize }));
    return { ...pageResult({ page, pageSize }, found), totalAmount: found.totalAmount };
  });
  // The list's export: the same filters without paging, every row of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/budget/remittances/export", { schema: { querystring: remittanceListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "budget.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "上解台账.xlsx", await remittancesWorkbook(db(), actorOf(request), request.query)),
  );
  app.post("/budget/remittances", { schema: { body: remittanceBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request, reply) => {
    const { amount, regionCode, ...rest } = request.body;
    const actor = actorOf(request);
    return sendIdempotent(request, reply, "budget.recordRemittance", (tx) => recordRemittance(tx, actor, { ...rest, regionCode: regionCode ?? actor.regionCode, amountFen: parseYuan(amount) }, app.clock.now()));
  });
}
