// HTTP routes of treasury payment. Entering a payment, sending orders to the bank and importing the
// bank's results move money: each takes an Idempotency-Key. Reviews go through the flow engine's
// transition route (/flow/instances/:id/transitions).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import multipart from "@fastify/multipart";
import { attachmentUploadQuery, districtYearEndBody, yearEndRunListQuery, bankBatchBody, bankBatchListQuery, bankResultBody, createPaymentBody, parseYuan, paymentListQuery, quotaBody, quotaListQuery, refundBody, uuidSchema } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { idempotencyKeyOf, withIdempotency } from "../platform/idempotency.ts";
import { ATTACHMENT_BYTES_LIMIT, attachmentBytesMax, contentDisposition, fail as attachmentFail } from "../platform/attachments.ts";
import { downloadPaymentAttachment, paymentAttachments, removePaymentAttachment, uploadPaymentAttachment, uploadRegion } from "./attachments.ts";
import { listRefunds, refundPayment } from "./refunds.ts";
import { districtRunsSettled, getYearEndRun, isRunWorking, listYearEndRuns, runDistrictYearEnd, startDistrictYearEnd, type YearEndRunView } from "../budget/yearEnd.ts";
import { bankBatchFile, createBankBatch, createPayment, getPayment, importBankResult, listBankBatches, listPayments, listQuotas, setQuota } from "./service.ts";

export async function treasuryRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["国库支付"];
  const idParams = z.strictObject({ id: uuidSchema });
  // Attachments arrive as multipart/form-data (a browser's file upload), one file per request; file
  // names in UTF-8 (Chinese). The size limit is the township's setting, read per upload.
  // (defParamCharset goes through to busboy, which otherwise reads names as Latin-1; the types omit it.)
  const multipartOptions = { defParamCharset: "utf8", limits: { files: 1, fields: 5, fileSize: ATTACHMENT_BYTES_LIMIT, parts: 6 }, throwFileSizeLimit: false };
  await app.register(multipart, multipartOptions);

  async function idempotentResult(request: FastifyRequest, command: string, run: (tx: Db) => Promise<unknown>, status: number) {
    const actor = actorOf(request);
    const key = idempotencyKeyOf(request);
    return inTransaction(app, (tx) =>
      withIdempotency(tx, { regionCode: actor.regionCode, key, command, actorId: actor.userId, request: { params: request.params ?? null, body: request.body ?? null } }, async () => ({ status, body: await run(tx) })),
    );
  }

  async function idempotent(request: FastifyRequest, reply: FastifyReply, command: string, run: (tx: Db) => Promise<unknown>, status = 201) {
    const result = await idempotentResult(request, command, run, status);
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

  app.get("/treasury/payments/:id/attachments", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => ({
    items: await paymentAttachments(db(), actorOf(request), request.params.id),
  }));

  app.post("/treasury/attachments", { schema: { querystring: attachmentUploadQuery, tags }, config: { auth: { permission: "payment.create" } } }, async (request, reply) => {
    const actor = actorOf(request);
    const regionCode = uploadRegion(actor, request.query.regionCode);
    if (!request.isMultipart()) return attachmentFail("ATTACHMENT_INVALID", "请以 multipart/form-data 上传文件（字段名 file）。");
    const limit = await attachmentBytesMax(db(), regionCode);
    const part = await request.file({ limits: { fileSize: limit } });
    if (!part) return attachmentFail("ATTACHMENT_INVALID", "没有收到文件。");
    const bytes = await part.toBuffer();
    const stored = await inTransaction(app, (tx) => uploadPaymentAttachment(tx, actor, { regionCode, fileName: part.filename, bytes, truncated: part.file.truncated }));
    return reply.status(201).send(stored);
  });

  app.get("/treasury/attachments/:id/content", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request, reply) => {
    const { file, content } = await downloadPaymentAttachment(db(), actorOf(request), request.params.id);
    return reply
      .header("content-type", file.contentType)
      .header("content-disposition", contentDisposition(file.fileName))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(content);
  });

  app.delete("/treasury/attachments/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.create" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => removePaymentAttachment(tx, actorOf(request), request.params.id));
    return reply.status(204).send();
  });

  app.get("/treasury/payments/:id/refunds", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request) => ({
    items: await listRefunds(db(), actorOf(request), request.params.id),
  }));

  app.post("/treasury/payments/:id/refunds", { schema: { params: idParams, body: refundBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return idempotent(request, reply, "treasury.refundPayment", (tx) => refundPayment(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }));
  });

  // ------------------------------------------------------------ the district's year end (budget/yearEnd.ts)
  // The district closes every township's year in one action: the POST records the run and answers
  // 202 at once; the townships are closed one by one in the background, each in its own transaction,
  // and GET …/:id shows the progress and each township's result.
  app.addHook("onClose", async () => districtRunsSettled());

  app.post("/budget/year-end/district-runs", { schema: { body: districtYearEndBody, tags: ["预算指标"] }, config: { auth: { permission: "yearEnd.district" } } }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await idempotentResult(request, "budget.districtYearEnd", (tx) => startDistrictYearEnd(tx, actor, request.body), 202);
    // A replay answers the run as it stands now; one left running by a stopped process resumes.
    const run = result.replayed ? await getYearEndRun(db(), actor, (result.body as YearEndRunView).id) : (result.body as YearEndRunView);
    if (run.status === "running" && !isRunWorking(run.id)) {
      runDistrictYearEnd(db(), actor, run.id).catch((error: unknown) => request.log.error({ err: error, runId: run.id }, "district year end failed"));
    }
    if (result.replayed) reply.header("idempotent-replayed", "true");
    return reply.status(result.status).send(run);
  });

  app.get("/budget/year-end/district-runs", { schema: { querystring: yearEndRunListQuery, tags: ["预算指标"] }, config: { auth: { permission: "budget.read" } } }, async (request) => {
    const { page, pageSize } = request.query;
    return pageResult({ page, pageSize }, await listYearEndRuns(db(), actorOf(request), pageOf({ page, pageSize })));
  });

  app.get("/budget/year-end/district-runs/:id", { schema: { params: idParams, tags: ["预算指标"] }, config: { auth: { permission: "budget.read" } } }, async (request) => getYearEndRun(db(), actorOf(request), request.params.id));

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
