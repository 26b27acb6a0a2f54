// HTTP routes of the audit log: the auditors' list with filters, and the chain check.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditListQuery, type AuditEntryView, type AuditVerifyView } from "@xiangcai/shared";
import { actorOf } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { z } from "zod";
import { fail } from "../platform/errors.ts";
import { inTransaction } from "../platform/http.ts";
import type { Db } from "../platform/db.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { listAudit, verifyAudit, type ChainPoint } from "./service.ts";
import { copyHeadsToDistricts, readCheckpoint, signedCheckpoint, CheckpointError } from "./checkpoint.ts";
import type { Page } from "@xiangcai/shared";
import { regionNames } from "../platform/regionTable.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { auditWorkbook } from "./xlsx.ts";

const verifyBody = z.strictObject({ checkpoint: z.record(z.string(), z.unknown()) }).nullish();

/** A day means its whole China-time day; an instant is taken as given. */
function bound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}+08:00`);
  return new Date(value);
}

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  app.get("/audit", { schema: { querystring: auditListQuery, tags: ["审计"] }, config: { auth: { permission: "audit.read" } } }, async (request): Promise<Page<AuditEntryView>> => {
    const { page, pageSize, from, to, ...filter } = request.query;
    const found = await listAudit(db(), { ...filter, from: bound(from, false), to: bound(to, true), scopePrefix: actorOf(request).scopePrefix }, pageOf({ page, pageSize }));
    // People read the region's name, not its code (329901101 → 青禾镇).
    const names = await regionNames(db(), found.items.map((r) => r.regionCode));
    return pageResult({ page, pageSize }, {
      total: found.total,
      items: found.items.map((r): AuditEntryView => ({ ...r, regionName: names.get(r.regionCode) ?? r.regionCode, seq: r.seq.toString(), at: r.at.toISOString() })),
    });
  });

  // The list's export: its filters without paging (at most EXPORT_ROWS_MAX entries, read in one snapshot).
  app.get("/audit/export", { schema: { querystring: auditListQuery.omit({ page: true, pageSize: true }), tags: ["审计"] }, config: { auth: { permission: "audit.read" } } }, async (request, reply) => {
    const { from, to, ...filter } = request.query;
    const bytes = await auditWorkbook(db(), { ...filter, from: bound(from, false), to: bound(to, true), scopePrefix: actorOf(request).scopePrefix });
    return sendWorkbook(reply, "审计日志.xlsx", bytes);
  });

  // With a checkpoint file (from POST /audit/checkpoint or `xiangcai audit checkpoint`), every chain
  // must also pass through the heads it names.
  app.post("/audit/verify", { schema: { body: verifyBody, tags: ["审计"] }, config: { auth: { permission: "audit.verify" } } }, async (request): Promise<AuditVerifyView> => {
    let checkpoint: ChainPoint[] | undefined;
    if (request.body?.checkpoint) {
      try {
        checkpoint = readCheckpoint(db(), JSON.stringify(request.body.checkpoint));
      } catch (error) {
        if (error instanceof CheckpointError) fail("VALIDATION_FAILED", error.message, [{ path: "checkpoint", message: error.message }]);
        throw error;
      }
    }
    const result = await verifyAudit(db(), actorOf(request).scopePrefix, { checkpoint });
    const answer: AuditVerifyView = { ...result, firstBroken: result.firstBroken && { ...result.firstBroken, seq: result.firstBroken.seq.toString() } };
    return answer;
  });

  // The district's copy of its townships' heads (for a district user), and the signed file of every
  // head in the caller's scope, for the auditor to keep outside the database.
  app.post("/audit/checkpoint", { schema: { tags: ["审计"] }, config: { auth: { permission: "audit.verify" } } }, async (request, reply) => {
    const actor = actorOf(request);
    const at = app.clock.now();
    const copied = await inTransaction(app, (tx: Db) => copyHeadsToDistricts(tx, { scopePrefix: actor.scopePrefix, at, actor: { id: actor.userId, name: actor.displayName } }));
    const file = await signedCheckpoint(db(), { scopePrefix: actor.scopePrefix, at });
    reply.header("x-district-copies", String(copied));
    reply.header("content-disposition", `attachment; filename="audit-checkpoint-${chinaDate(at)}.json"`);
    return file;
  });
}
