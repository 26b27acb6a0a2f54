// HTTP routes of rectification tasks (整改), every kind alike: list (with filters, overdue, Excel
// export), one task with its evidence, evidence files (upload, download), submitting evidence, and
// counts by category. Closing (销号)
// and returning a task go through the flow engine's transition route; a domain opens tasks through
// its own routes (it knows the source).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import multipart from "@fastify/multipart";
import { rectificationAttachmentQuery, rectificationCategoryQuery, rectificationEvidenceBody, rectificationListQuery, uuidSchema } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { ATTACHMENT_BYTES_LIMIT, attachmentBytesMax, contentDisposition, fail as attachmentFail } from "../platform/attachments.ts";
import { downloadEvidenceFile, evidenceRegion, uploadEvidenceFile } from "./files.ts";
import { getRectification, listRectifications, rectificationCategories, rectificationKinds, submitEvidence } from "./service.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { rectificationsWorkbook } from "./xlsx.ts";

export async function rectificationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const tags = ["整改"];
  const idParams = z.strictObject({ id: uuidSchema });
  await app.register(multipart, { defParamCharset: "utf8", limits: { files: 1, fields: 5, fileSize: ATTACHMENT_BYTES_LIMIT, parts: 6 }, throwFileSizeLimit: false } as Parameters<typeof multipart>[1]);
  const filterOf = (q: Omit<z.infer<typeof rectificationListQuery>, "page" | "pageSize">) => ({ ...q, overdue: q.overdue === undefined ? undefined : q.overdue === "true" });

  app.get("/rectification/kinds", { schema: { tags }, config: { auth: { permission: "rectification.read" } } }, async () =>
    rectificationKinds().map((k) => ({ code: k.code, name: k.name, categories: Object.entries(k.categories).map(([code, name]) => ({ code, name })) })),
  );

  app.get("/rectification/tasks", { schema: { querystring: rectificationListQuery, tags }, config: { auth: { permission: "rectification.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRectifications(db(), actorOf(request), filterOf(filter), pageOf({ page, pageSize }), app.clock.now()));
  });

  app.get("/rectification/tasks/export", { schema: { querystring: rectificationListQuery.omit({ page: true, pageSize: true }), tags }, config: { auth: { permission: "rectification.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "整改台账.xlsx", await rectificationsWorkbook(db(), actorOf(request), filterOf(request.query), app.clock.now())),
  );

  app.get("/rectification/tasks/:id", { schema: { params: idParams, tags }, config: { auth: { permission: "rectification.read" } } }, async (request) => getRectification(db(), actorOf(request), request.params.id, app.clock.now()));

  app.post("/rectification/tasks/:id/evidence", { schema: { params: idParams, body: rectificationEvidenceBody, tags }, config: { auth: { permission: "rectification.work" } } }, async (request) =>
    inTransaction(app, (tx) => submitEvidence(tx, actorOf(request), request.params.id, request.body, app.clock.now())),
  );

  app.post("/rectification/attachments", { schema: { querystring: rectificationAttachmentQuery, tags }, config: { auth: { permission: "rectification.work" } } }, async (request, reply) => {
    const actor = actorOf(request);
    const regionCode = evidenceRegion(actor, request.query.regionCode);
    if (!request.isMultipart()) return attachmentFail("ATTACHMENT_INVALID", "请以 multipart/form-data 上传文件（字段名 file）。");
    const limit = await attachmentBytesMax(db(), regionCode);
    const part = await request.file({ limits: { fileSize: limit } });
    if (!part) return attachmentFail("ATTACHMENT_INVALID", "没有收到文件。");
    const bytes = await part.toBuffer();
    const stored = await inTransaction(app, (tx) => uploadEvidenceFile(tx, actor, { regionCode, fileName: part.filename, bytes, truncated: part.file.truncated }, app.clock.now()));
    return reply.status(201).send(stored);
  });

  app.get("/rectification/attachments/:id/content", { schema: { params: idParams, tags }, config: { auth: { permission: "rectification.read" } } }, async (request, reply) => {
    const { file, content } = await downloadEvidenceFile(db(), actorOf(request), request.params.id, app.clock.now());
    return reply.header("content-type", file.contentType).header("content-disposition", contentDisposition(file.fileName)).header("x-content-type-options", "nosniff").header("cache-control", "private, no-store").send(content);
  });

  app.get("/rectification/categories", { schema: { querystring: rectificationCategoryQuery, tags }, config: { auth: { permission: "rectification.read" } } }, async (request) =>
    rectificationCategories(db(), actorOf(request), request.query, app.clock.now()),
  );
}
