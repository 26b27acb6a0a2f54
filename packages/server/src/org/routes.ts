// HTTP routes of the organisation domain: regions and budget units.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { budgetUnitListQuery, createBudgetUnitBody, createRegionBody, regionCodeSchema, regionListQuery, updateRegionBody, scopeCovers } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { fail } from "../platform/errors.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { budgetUnitsWorkbook } from "./xlsx.ts";
import { createBudgetUnit, createRegion, getRegion, listBudgetUnits, listRegions, updateRegion } from "./service.ts";
import type { BudgetUnitView, Page, RegionView } from "@xiangcai/shared";

export async function orgRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const codeParams = z.strictObject({ code: regionCodeSchema });

  app.get("/org/regions", { schema: { querystring: regionListQuery, tags: ["组织机构"] }, config: { auth: { permission: "org.read" } } }, async (request): Promise<Page<RegionView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listRegions(db(), actorOf(request).scopePrefix, filter, pageOf({ page, pageSize })));
  });

  app.get("/org/regions/:code", { schema: { params: codeParams, tags: ["组织机构"] }, config: { auth: { permission: "org.read" } } }, async (request): Promise<RegionView> =>
    getRegion(db(), actorOf(request), request.params.code),
  );

  app.post("/org/regions", { schema: { body: createRegionBody, tags: ["组织机构"] }, config: { auth: { permission: "org.manage" } } }, async (request, reply) => {
    const actor = actorOf(request);
    if (!scopeCovers(actor.scopePrefix, request.body.regionCode)) fail("OUT_OF_SCOPE", "该区划不在您的管理范围内。");
    const created = await inTransaction<RegionView>(app, (tx) => createRegion(tx, { id: actor.userId, name: actor.displayName }, request.body, app.clock.now()));
    return reply.status(201).send(created);
  });

  app.patch("/org/regions/:code", { schema: { params: codeParams, body: updateRegionBody, tags: ["组织机构"] }, config: { auth: { permission: "org.manage" } } }, async (request): Promise<RegionView> =>
    inTransaction(app, (tx) => updateRegion(tx, actorOf(request), request.params.code, request.body, app.clock.now())),
  );

  app.get("/org/budget-units", { schema: { querystring: budgetUnitListQuery, tags: ["组织机构"] }, config: { auth: { permission: "budgetUnit.read" } } }, async (request): Promise<Page<BudgetUnitView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listBudgetUnits(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  // The list's export: the same filters without paging, every row of the user's scope (at most EXPORT_ROWS_MAX).
  app.get("/org/budget-units/export", { schema: { querystring: budgetUnitListQuery.omit({ page: true, pageSize: true }), tags: ["组织机构"] }, config: { auth: { permission: "budgetUnit.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "预算单位.xlsx", await budgetUnitsWorkbook(db(), actorOf(request), request.query)),
  );

  app.post("/org/budget-units", { schema: { body: createBudgetUnitBody, tags: ["组织机构"] }, config: { auth: { permission: "budgetUnit.create" } } }, async (request, reply) => {
    const created = await inTransaction<BudgetUnitView>(app, (tx) => createBudgetUnit(tx, actorOf(request), request.body, app.clock.now()));
    return reply.status(201).send(created);
  });
}
