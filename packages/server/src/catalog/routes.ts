// HTTP routes of the classification catalogues: list, look-up by code, import (CSV or Excel), defaults.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { classificationDefaultsBody, classificationImportBody, classificationListQuery, classificationLookupQuery, classificationParams, codeNamesQuery, type CodeNamesView } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { fail } from "../platform/errors.ts";
import { classificationNames, importCatalog, installDefaultCatalogs, listClassifications, lookupClassification, readSpreadsheetRows } from "./service.ts";
import { catalogRowsOf, parseCsv } from "./rules.ts";
import type { CatalogImportResult, ClassificationView, Page } from "@xiangcai/shared";

export async function catalogRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ["科目表"];

  app.get("/catalog/classifications", { schema: { querystring: classificationListQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<Page<ClassificationView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listClassifications(app.database.db, actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.get("/catalog/classifications/:kind/:code", { schema: { params: classificationParams, querystring: classificationLookupQuery, tags }, config: { auth: { permission: "budget.read" } } }, async (request): Promise<ClassificationView> => {
    const found = await lookupClassification(app.database.db, actorOf(request).regionCode, request.query.fiscalYear, request.params.kind, request.params.code);
    return found ?? fail("NOT_FOUND", `${request.query.fiscalYear} 年度科目表中没有编码 ${request.params.code}。`);
  });

  // Names beside codes wherever a person reads them (any signed-in role: the catalogue is published reference data).
  app.get("/catalog/names", { schema: { querystring: codeNamesQuery, tags }, config: { auth: { permission: "org.read" } } }, async (request): Promise<CodeNamesView> => {
    const { fiscalYear, kind, codes } = request.query;
    const names = await classificationNames(app.database.db, actorOf(request).regionCode, fiscalYear, kind, codes.split(","));
    return { names: Object.fromEntries(names) };
  });

  app.post("/catalog/classifications/import", { schema: { body: classificationImportBody, tags }, config: { auth: { permission: "catalog.manage" } } }, async (request): Promise<CatalogImportResult> => {
    const { format, content, ...rest } = request.body;
    const records = format === "csv" ? parseCsv(content) : await readSpreadsheetRows(Buffer.from(content, "base64"));
    return inTransaction(app, (tx) => importCatalog(tx, actorOf(request), { ...rest, rows: catalogRowsOf(records) }, app.clock.now()));
  });

  app.post("/catalog/classifications/defaults", { schema: { body: classificationDefaultsBody, tags }, config: { auth: { permission: "catalog.manage" } } }, async (request): Promise<CatalogImportResult[]> =>
    inTransaction(app, (tx) => installDefaultCatalogs(tx, actorOf(request), request.body.fiscalYear, app.clock.now())),
  );
}
