// HTTP routes of the audit log: the auditors' list with filters, and the chain check.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditListQuery, type AuditEntryView, type AuditVerifyView } from "@xiangcai/shared";
import { actorOf } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { listAudit, verifyAudit } from "./service.ts";

/** A day means its whole China-time day; an instant is taken as given. */
function bound(value: string | undefined, end: boolean): Date | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${end ? "23:59:59.999" : "00:00:00.000"}+08:00`);
  return new Date(value);
}

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;

  app.get("/audit", { schema: { querystring: auditListQuery, tags: ["审计"] }, config: { auth: { permission: "audit.read" } } }, async (request) => {
    const { page, pageSize, from, to, ...filter } = request.query;
    const found = await listAudit(db(), { ...filter, from: bound(from, false), to: bound(to, true), scopePrefix: actorOf(request).scopePrefix }, pageOf({ page, pageSize }));
    return pageResult({ page, pageSize }, {
      total: found.total,
      items: found.items.map((r): AuditEntryView => ({ ...r, seq: r.seq.toString(), at: r.at.toISOString() })),
    });
  });

  app.post("/audit/verify", { schema: { tags: ["审计"] }, config: { auth: { permission: "audit.verify" } } }, async (request) => {
    const result = await verifyAudit(db(), actorOf(request).scopePrefix);
    const answer: AuditVerifyView = { ...result, firstBroken: result.firstBroken && { ...result.firstBroken, seq: result.firstBroken.seq.toString() } };
    return answer;
  });
}
