// HTTP routes of treasury payment. Entering a payment, sending orders to the bank and importing the
// bank's results move money: each takes an Idempotency-Key. Reviews go through the flow engine's
// transition route (/flow/instances/:id/transitions).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import multipart from "@fastify/multipart";
import { attachmentUploadQuery, bankBatchBody, bankBatchListQuery, bankResultBody, createPaymentBody, parseYuan, paymentListQuery, quotaBody, quotaListQuery, refundBody, uuidSchema } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { ATTACHMENT_BYTES_LIMIT, attachmentBytesMax, contentDisposition, fail as attachmentFail } from "../platform/attachments.ts";
import { downloadPaymentAttachment, paymentAttachments, removePaymentAttachment, uploadPaymentAttachment, uploadRegion } from "./attachments.ts";
import { listRefunds, refundPayment } from "./refunds.ts";
import { treasuryRevenueRoutes } from "./revenueRoutes.ts";
import { paymentsWorkbook, quotasWorkbook } from "./xlsx.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { bankBatchFile, createBankBatch, createPayment, getPayment, importBankResult, listBankBatches, listPayments, listQuotas, setQuota } from "./service.ts";
import type { AttachmentView, BankBatchView, BankResultSummary, Items, Page, PaymentView, QuotaView, RefundView } from "@xiangcai/shared";

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

  app.get("/treasury/payments", { schema: { querystring: paymentListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<Page<PaymentView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listPayments(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  // The list's export: the same filters without paging, every row of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/treasury/payments/export", { schema: { querystring: paymentListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "payment.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "支付申请台账.xlsx", await paymentsWorkbook(db(), actorOf(request), request.query)),
  );

  app.get("/treasury/payments/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<PaymentView> => getPayment(db(), actorOf(request), request.params.id));

  app.post("/treasury/payments", { schema: { body: createPaymentBody, tags }, config: { auth: { permission: "payment.create" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return sendIdempotent<PaymentView>(request, reply, "treasury.createPayment", (tx) => createPayment(tx, actorOf(request), app.config.dataKeys, { ...rest, amountFen: parseYuan(amount) }, app.clock.now()));
  });

  app.get("/treasury/payments/:id/attachments", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<Items<AttachmentView>> => ({
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
    const stored = await inTransaction<AttachmentView>(app, (tx) => uploadPaymentAttachment(tx, actor, { regionCode, fileName: part.filename, bytes, truncated: part.file.truncated }, app.clock.now()));
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

  app.get("/treasury/payments/:id/refunds", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<Items<RefundView>> => ({
    items: await listRefunds(db(), actorOf(request), request.params.id),
  }));

  app.post("/treasury/payments/:id/refunds", { schema: { params: idParams, body: refundBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) => {
    const { amount, ...rest } = request.body;
    return sendIdempotent<RefundView>(request, reply, "treasury.refundPayment", (tx) => refundPayment(tx, actorOf(request), request.params.id, { ...rest, amountFen: parseYuan(amount) }, app.clock.now()));
  });

  app.get("/treasury/bank-batches", { schema: { querystring: bankBatchListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<Page<BankBatchView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listBankBatches(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.post("/treasury/bank-batches", { schema: { body: bankBatchBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) =>
    sendIdempotent<BankBatchView>(request, reply, "treasury.createBankBatch", (tx) => createBankBatch(tx, actorOf(request), request.body, app.clock.now())),
  );

  app.get("/treasury/bank-batches/:id/file", { schema: { params: idParams, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) => {
    const file = await bankBatchFile(db(), actorOf(request), app.config.dataKeys, request.params.id);
    return reply.header("content-type", "text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${file.fileName}"`).send(file.content);
  });

  app.post("/treasury/bank-results", { schema: { body: bankResultBody, tags }, config: { auth: { permission: "payment.bank" } } }, async (request, reply) =>
    sendIdempotent<BankResultSummary>(request, reply, "treasury.importBankResult", (tx) => importBankResult(tx, actorOf(request), request.body, app.clock.now()), { status: 200 }),
  );

  app.get("/treasury/quotas", { schema: { querystring: quotaListQuery, tags }, config: { auth: { permission: "payment.read" } } }, async (request): Promise<Page<QuotaView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listQuotas(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.get("/treasury/quotas/export", { schema: { querystring: quotaListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "payment.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "授权支付额度表.xlsx", await quotasWorkbook(db(), actorOf(request), request.query)),
  );

  app.post("/treasury/quotas", { schema: { body: quotaBody, tags }, config: { auth: { permission: "indicator.manage" } } }, async (request): Promise<QuotaView> => {
    const { quota, ...rest } = request.body;
    return inTransaction(app, (tx) => setQuota(tx, actorOf(request), { ...rest, quotaFen: parseYuan(quota) }, app.clock.now()));
  });

  // ---- the treasury's daily revenue report (revenueRoutes.ts)
  await treasuryRevenueRoutes(base);
}
