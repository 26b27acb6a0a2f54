// The audit domain's public face: other domains record through recordAudit, in their own transaction.
export { auditRoutes } from "./routes.ts";
export { recordAudit, listAudit, verifyAudit, type AuditEntry, type AuditActor, type VerifyResult } from "./service.ts";
