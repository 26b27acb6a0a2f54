// The audit domain's public face: other domains record through recordAudit, in their own transaction.
// (Its routes are registered by app.ts; a face exports functions, types and read-only tables.)
export { recordAudit, listAudit, verifyAudit, type AuditEntry, type AuditActor, type VerifyResult, type ChainPoint } from "./service.ts";
export { auditLog } from "./tables.ts";
export { bindAuditKey, hasAuditKey, AUDIT_KEY_BYTES } from "./key.ts";
export { copyHeadsToDistricts, keyLegacyChains, readCheckpoint, signedCheckpoint, CheckpointError, type CheckpointFile } from "./checkpoint.ts";
