// HTTP routes of the service hall: the list of matters (search, filters, paging, Excel export), the
// import template and the import of a village's sheet, accepting a matter (受理登记, idempotent), one
// matter and its acceptance slip (受理回执), the answer (答复办结) and the follow-up (回访), and the
// year's statistics; and the residents' progress query at the kiosk (public, rate-limited). Reporting
// to the district and its reply go through the flow engine's route.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { acceptMatterBody, answerMatterBody, hallProgressBody, scopeCovers, type HallProgressItem, followUpMatterBody, hallImportQuery, hallStatsQuery, matterListQuery, uuidSchema, type AcceptanceSlipView, type HallStatsView, type MatterImportResult, type Page, type ServiceMatterView } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendIdempotent } from "../platform/idempotency.ts";
import { sendWorkbook, XLSX_TYPE } from "../platform/sheets.ts";
import { UPLOAD_BYTES_MAX } from "../platform/sheetReader.ts";
import { acceptanceSlip, acceptMatter, answerMatter, fail, followUpMatter, getMatter, listMatters, type MatterFilter } from "./service.ts";
import { hallStats } from "./stats.ts";
import { publicProgress } from "./publicProgress.ts";
import { publicQueryOptions } from "../platform/publicQueries.ts";
import { importMatters, matterTemplate, mattersWorkbook } from "./xlsx.ts";

export async function serviceHallRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const keys = () => app.config.dataKeys;
  const now = () => app.clock.now();
  const tags = ["服务大厅"];
  const read = { auth: { permission: "hall.read" as const } };
  const accept = { auth: { permission: "hall.accept" as const } };
  const idParams = z.strictObject({ id: uuidSchema });
  for (const type of [XLSX_TYPE, "application/octet-stream"]) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: "buffer", bodyLimit: UPLOAD_BYTES_MAX }, (_request, body, done) => done(null, body));
  }
  const filterOf = (q: Omit<z.infer<typeof matterListQuery>, "page" | "pageSize">): MatterFilter => ({ ...q, overdue: q.overdue === undefined ? undefined : q.overdue === "true" });

  app.get("/hall/matters", { schema: { querystring: matterListQuery, tags }, config: read }, async (request): Promise<Page<ServiceMatterView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listMatters(db(), actorOf(request), keys(), filterOf(filter), pageOf({ page, pageSize }), now()));
  });
  app.get("/hall/matters/export", { schema: { querystring: matterListQuery.omit({ page: true, pageSize: true }), tags }, config: read }, async (request, reply) =>
    sendWorkbook(reply, "服务事项台账.xlsx", await mattersWorkbook(db(), actorOf(request), keys(), filterOf(request.query), now())),
  );
  app.get("/hall/matters/template", { schema: { tags }, config: accept }, async (_request, reply) => sendWorkbook(reply, "村代办事项导入模板.xlsx", await matterTemplate()));
  app.post("/hall/matters/import", { schema: { querystring: hallImportQuery, tags }, config: accept }, async (request, reply) =>
    reply.status(201).send(await inTransaction<MatterImportResult>(app, (tx) => importMatters(tx, actorOf(request), keys(), request.query.regionCode, request.body, now()))),
  );
  app.post("/hall/matters", { schema: { body: acceptMatterBody, tags }, config: accept }, async (request, reply) => {
    // Another township's hall is refused before the command's key is looked at.
    if (!scopeCovers(actorOf(request).scopePrefix, request.body.regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
    return sendIdempotent<ServiceMatterView>(request, reply, "hall.accept", (tx) => acceptMatter(tx, actorOf(request), keys(), request.body, now()));
  });
  app.get("/hall/matters/:id", { schema: { params: idParams, tags }, config: read }, async (request): Promise<ServiceMatterView> => getMatter(db(), actorOf(request), request.params.id, now()));
  app.get("/hall/matters/:id/slip", { schema: { params: idParams, tags }, config: read }, async (request): Promise<AcceptanceSlipView> => acceptanceSlip(db(), actorOf(request), request.params.id, now()));
  app.post("/hall/matters/:id/answer", { schema: { params: idParams, body: answerMatterBody, tags }, config: accept }, async (request): Promise<ServiceMatterView> =>
    inTransaction(app, (tx) => answerMatter(tx, actorOf(request), request.params.id, request.body, now())),
  );
  app.post("/hall/matters/:id/follow-up", { schema: { params: idParams, body: followUpMatterBody, tags }, config: accept }, async (request): Promise<ServiceMatterView> =>
    inTransaction(app, (tx) => followUpMatter(tx, actorOf(request), request.params.id, request.body, now())),
  );
  // ------------------------------------------------------------ public: the service-hall kiosk
  app.post(
    "/public/hall-progress",
    { schema: { body: hallProgressBody, tags: ["公众查询"] }, ...publicQueryOptions(app, "public-hall-progress") },
    async (request): Promise<{ items: HallProgressItem[] }> => publicProgress(db(), request.body),
  );

  app.get("/hall/stats", { schema: { querystring: hallStatsQuery, tags }, config: read }, async (request): Promise<HallStatsView> => hallStats(db(), actorOf(request), request.query, now()));
}
