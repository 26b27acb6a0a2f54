// HTTP routes of treasury payment. Entering a payment, sending orders to the bank and importing the
// bank's results move money: each takes an Idempotency-Key. Reviews go through the flow engine's
// transition route (/flow/instances/:id/transitions).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { bankBatchBody, bankBatchListQuery, bankResultBody, createPaymentBody, parseYuan, paymentListQuery, quotaBody, quotaListQuery, uuidSchema } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { idempotencyKeyOf, withIdempotency } from "../platform/idempotency.ts";
import { bankBatchFile, createBankBatch, createPayment, getPayment, importBankResult, listBankBatches, listPayments, listQuotas, setQuota } from "./service.ts";

export async function treasuryRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["国库支付"];
  const idParams = z.strictObject({ id: uuidSchema });

  async function idempotent(request: FastifyRequest, reply: FastifyReply, command: string, run: (tx: Db) => Promise<unknown>, status = 201) {
    const actor = actorOf(request);
    const key = idempotencyKeyOf(request);
    const result = await inTransaction(app, (tx) =>
      withIdempotency(tx, { regionCode: actor.regionCode, key, command, actorId: actor.userId, request: { params: request.params ?? null, body: request.body ?? null } }, async () => ({ status, body: await run(tx) })),
    );
    if (result.replayed) reply.header("idempotent-replayed", "true");
    return reply.status(result.status).send(result.body);
  }

  app.get("/treasury/payments", { schema: { querystring: paymentListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listPayments(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.get("/treasury/payments/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => getPayment(db(), actorOf(request), request.params.id));

  app.post("/treasury/payments", { schema: { body: createPaymentBody, tags }, config: { auth: { permission: "payment.create" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return idempotent(request, reply, "treasury.createPayment", (tx) => createPayment(tx, actorOf(request), app.config.dataKeys, { ...rest, amountFen: parseYuan(amount) }));
  });

  app.get("/treasury/bank-batches", { schema: { querystring: bankBatchListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listBankBatches(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.post("/treasury/bank-batches", { schema: { body: bankBatchBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) =>
    idempotent(request, reply, "treasury.createBankBatch", (tx) => createBankBatch(tx, actorOf(request), request.body)),
  );

  app.get("/treasury/bank-batches/:id/file", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) => {
    const file = await bankBatchFile(db(), actorOf(request), app.config.dataKeys, request.params.id);
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${file.fileName}"`).send(file.content);
  });

  app.post("/treasury/bank-results", { schema: { body: bankResultBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) =>
    idempotent(request, reply, "treasury.importBankResult", (tx) => importBankResult(tx, actorOf(request), request.body), 200),
  );

  app.get("/treasury/quotas", { schema: { querystring: quotaListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listQuotas(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.post("/treasury/quotas", { schema: { body: quotaBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request) => {
    const { quota, ...rest } = request.body;
    return inTransaction(app, (tx) => setQuota(tx, actorOf(request), { ...rest, quotaFen: parseYuan(quota) }));
  });
}
