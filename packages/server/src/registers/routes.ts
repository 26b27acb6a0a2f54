// HTTP routes of the registers (台账): policy documents (with their file), tax sources and the tax
// office's import, key sources ranked and the revenue estimate, basic data per village and year;
// Excel import (every bad row named, nothing written) and export for each; the history of a record.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { registersOverviewQuery, type RegistersOverviewView, type TaxRankingView, basicDataBody, basicDataListQuery, policyDocumentBody, policyDocumentPatch, policyListQuery, registerHistoryQuery, registerIdParams, registerImportQuery, taxSourceBody, taxSourceListQuery, taxYearQuery } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { contentDisposition } from "../platform/attachments.ts";
import { UPLOAD_BYTES_MAX } from "../subsidy/index.ts";
import { sendWorkbook, XLSX_TYPE } from "../platform/sheets.ts";
import { registerHistory } from "./common.ts";
import { attachPolicyFile, createPolicyDocument, getPolicyDocument, listPolicyDocuments, policyFile, updatePolicyDocument } from "./policy.ts";
import { createTaxSource, getTaxSource, listTaxSources, revenueEstimate, taxRanking } from "./taxSources.ts";
import { listBasicData, saveBasicData } from "./basicData.ts";
import { registersOverview } from "./overview.ts";
import { basicDataImportFromSheet, basicDataWorkbook, policyImportFromSheet, policyWorkbook, taxImportFromSheet, taxSourceWorkbook } from "./xlsx.ts";

export async function registerRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const now = () => app.clock.now();
  const tags = ["台账"];
  const read = { auth: { permission: "register.read" as const } };
  const manage = { auth: { permission: "register.manage" as const } };
  for (const type of [XLSX_TYPE, "application/octet-stream", "application/pdf", "image/jpeg", "image/png"]) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: UPLOAD_BYTES_MAX }, (_request, body, done) => done(null, body));
  }

  // ------------------------------------------------------------ policy documents
  app.get("/registers/policy-documents", { schema: { querystring: policyListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listPolicyDocuments(db(), actorOf(request), filter, pageOf({ page, pageSize }), now()));
  });
  app.post("/registers/policy-documents", { schema: { body: policyDocumentBody, tags }, config: manage }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => createPolicyDocument(tx, actorOf(request), request.body, now()))),
  );
  app.get("/registers/policy-documents/export", { schema: { querystring: policyListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "政策文件台账.xlsx", await policyWorkbook(db(), actorOf(request), request.query, now())),
  );
  app.post("/registers/policy-documents/import", { schema: { querystring: registerImportQuery, tags }, config: manage }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => policyImportFromSheet(tx, actorOf(request), request.query.regionCode, request.body, now()))),
  );
  app.get("/registers/policy-documents/:id", { schema: { params: registerIdParams, tags }, config: read }, async (request) => getPolicyDocument(db(), actorOf(request), request.params.id, now()));
  app.patch("/registers/policy-documents/:id", { schema: { params: registerIdParams, body: policyDocumentPatch, tags }, config: manage }, async (request) =>
    inTransaction(app, (tx) => updatePolicyDocument(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.put("/registers/policy-documents/:id/file", { schema: { params: registerIdParams, querystring: z.strictObject({ fileName: z.string().min(1).max(200) }), tags }, config: manage }, async (request) => {
    const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return inTransaction(app, (tx) => attachPolicyFile(tx, actorOf(request), request.params.id, { fileName: request.query.fileName, bytes }, now()));
  });
  app.get("/registers/policy-documents/:id/file", { schema: { params: registerIdParams, tags }, config: read }, async (request, reply) => {
    const file = await policyFile(db(), actorOf(request), request.params.id);
    return reply.header("content-type", file.contentType).header("content-disposition", contentDisposition(file.fileName)).header("x-content-type-options", "nosniff").send(file.content);
  });

  // ------------------------------------------------------------ tax sources
  app.get("/registers/tax-sources", { schema: { querystring: taxSourceListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listTaxSources(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.post("/registers/tax-sources", { schema: { body: taxSourceBody, tags }, config: manage }, async (request, reply) =>
    reply.status(201).send(await inTransaction(app, (tx) => createTaxSource(tx, actorOf(request), request.body, now()))),
  );
  app.get("/registers/tax-sources/export", { schema: { querystring: taxSourceListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "税源台账.xlsx", await taxSourceWorkbook(db(), actorOf(request), request.query)),
  );
  app.get("/registers/tax-sources/:id", { schema: { params: registerIdParams, tags }, config: read }, async (request) => getTaxSource(db(), actorOf(request), request.params.id));
  app.post("/registers/tax-payments/import", { schema: { querystring: registerImportQuery, tags }, config: manage }, async (request) =>
    inTransaction(app, (tx) => taxImportFromSheet(tx, actorOf(request), request.query.regionCode, request.body, now())),
  );
  app.get("/registers/tax-ranking", { schema: { querystring: taxYearQuery, tags }, config: read }, async (request): Promise<TaxRankingView> => taxRanking(db(), actorOf(request), request.query));
  app.get("/registers/revenue-estimate", { schema: { querystring: taxYearQuery.omit({ limit: true }), tags }, config: read }, async (request) => revenueEstimate(db(), actorOf(request), request.query));

  // ------------------------------------------------------------ basic data
  app.get("/registers/basic-data", { schema: { querystring: basicDataListQuery, tags }, config: read }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listBasicData(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });
  app.put("/registers/basic-data", { schema: { body: basicDataBody, tags }, config: manage }, async (request) => inTransaction(app, (tx) => saveBasicData(tx, actorOf(request), request.body, now())));
  app.post("/registers/basic-data/import", { schema: { querystring: registerImportQuery, tags }, config: manage }, async (request) =>
    inTransaction(app, (tx) => basicDataImportFromSheet(tx, actorOf(request), request.query.regionCode, request.body, now())),
  );
  app.get("/registers/basic-data/export", { schema: { querystring: basicDataListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "基础数据台账.xlsx", await basicDataWorkbook(db(), actorOf(request), request.query)),
  );

  app.get("/registers/overview", { schema: { querystring: registersOverviewQuery, tags }, config: read }, async (request): Promise<RegistersOverviewView> => registersOverview(db(), actorOf(request), request.query, now()));
  app.get("/registers/history", { schema: { querystring: registerHistoryQuery, tags }, config: read }, async (request) => ({ items: await registerHistory(db(), actorOf(request), request.query) }));
}
