// 政策文件台账: the documents that govern a township's money — number, issuer and level, dates,
// subject and scope, validity and expiry, the file itself (stored as an attachment), the subsidy
// items and budget lines (functional classes) it governs; searched by title, subject and number,
// expiring ones listed; every change kept.
import { and, asc, desc, eq, gte, ilike, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import { policyLevelNames, type PolicyDocumentView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { bindAttachments, findAttachment, storeAttachment, attachmentContent } from "../platform/attachments.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { assertTownship, fail, namesOf, recordChange, who } from "./common.ts";
import { addDays, daysBetween } from "./rules.ts";
import { policyDocument } from "./tables.ts";

type Row = typeof policyDocument.$inferSelect;
export const POLICY_FILE_OWNER = "registers.policyDocument";

export interface PolicyInput {
  documentNo: string;
  title: string;
  issuer: string;
  level: Row["level"];
  issuedDate: string;
  subject: string;
  scope: string;
  effectiveDate: string;
  expiryDate: string | null;
  subsidyItemCodes: string[];
  functionalCodes: string[];
}

function checkDates(input: Partial<PolicyInput>): void {
  const real = (d: string) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;
  for (const key of ["issuedDate", "effectiveDate", "expiryDate"] as const) {
    const v = input[key];
    if (v && !real(v)) fail("VALIDATION_FAILED", `日期 ${v} 无效。`, [{ path: key, message: "日期无效" }]);
  }
  if (input.expiryDate && input.effectiveDate && input.expiryDate < input.effectiveDate) fail("VALIDATION_FAILED", "失效日期不能早于生效日期。", [{ path: "expiryDate", message: "早于生效日期" }]);
}

async function view(db: Db, rows: Row[], today: string): Promise<PolicyDocumentView[]> {
  const names = await namesOf(db, rows.map((r) => r.regionCode));
  const out: PolicyDocumentView[] = [];
  for (const r of rows) {
    const file = r.attachmentId ? await findAttachment(db, r.attachmentId, eq(sql`region_code`, r.regionCode)) : null;
    out.push({
      id: r.id,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      documentNo: r.documentNo,
      title: r.title,
      issuer: r.issuer,
      level: r.level,
      levelName: policyLevelNames[r.level],
      issuedDate: r.issuedDate,
      subject: r.subject,
      scope: r.scope,
      effectiveDate: r.effectiveDate,
      expiryDate: r.expiryDate,
      daysToExpiry: r.expiryDate ? daysBetween(today, r.expiryDate) : null,
      attachment: file ? { id: file.id, fileName: file.fileName, sizeBytes: file.size } : null,
      subsidyItemCodes: r.subsidyItemCodes,
      functionalCodes: r.functionalCodes,
      status: r.status,
      updatedAt: r.updatedAt.toISOString(),
    });
  }
  return out;
}

export async function createPolicyDocument(tx: Db, actor: Actor, input: PolicyInput & { regionCode: string }, at: Date): Promise<PolicyDocumentView> {
  assertTownship(actor, input.regionCode);
  checkDates(input);
  const [dup] = await tx.select({ id: policyDocument.id }).from(policyDocument).where(and(eq(policyDocument.regionCode, input.regionCode), eq(policyDocument.documentNo, input.documentNo)));
  if (dup) fail("DUPLICATE", `文号“${input.documentNo}”已登记。`, [{ path: "documentNo", message: "文号重复" }]);
  const row: Row = { ...input, id: uuidv7(at.getTime()), attachmentId: null, status: "active", createdBy: actor.userId, createdAt: at, updatedAt: at };
  await tx.insert(policyDocument).values(row);
  await recordChange(tx, actor, { regionCode: row.regionCode, register: "policyDocument", recordKey: row.id, action: "created", after: input }, at);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "register.policyDocumentCreated", entityType: "policyDocument", entityId: row.id, after: { documentNo: row.documentNo, title: row.title } }, at);
  return (await view(tx, [row], chinaDate(at)))[0]!;
}

async function lockDocument(tx: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await tx.select().from(policyDocument).where(and(eq(policyDocument.id, id), scopeCondition(policyDocument.regionCode, actor.scopePrefix))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "文件不存在或不在您的数据范围内。");
  return row;
}

export async function updatePolicyDocument(tx: Db, actor: Actor, id: string, input: Partial<PolicyInput> & { status?: "active" | "repealed" | undefined; reason: string }, at: Date): Promise<PolicyDocumentView> {
  const row = await lockDocument(tx, actor, id);
  const { reason, ...changes } = input;
  checkDates({ ...row, ...changes });
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const old = (row as Record<string, unknown>)[key];
    if (JSON.stringify(old) === JSON.stringify(value)) continue;
    before[key] = old;
    after[key] = value;
  }
  if (Object.keys(after).length === 0) fail("VALIDATION_FAILED", "没有要修改的内容。");
  await tx.update(policyDocument).set({ ...after, updatedAt: at }).where(and(eq(policyDocument.regionCode, row.regionCode), eq(policyDocument.id, row.id)));
  await recordChange(tx, actor, { regionCode: row.regionCode, register: "policyDocument", recordKey: row.id, action: "updated", before, after: { ...after, reason } }, at);
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "register.policyDocumentUpdated", entityType: "policyDocument", entityId: row.id, before, after: { ...after, reason } }, at);
  return getPolicyDocument(tx, actor, id, at);
}

/** Stores the document's file and makes it the document's (a replaced file stays in the history). */
export async function attachPolicyFile(tx: Db, actor: Actor, id: string, file: { fileName: string; bytes: Uint8Array }, at: Date): Promise<PolicyDocumentView> {
  const row = await lockDocument(tx, actor, id);
  const stored = await storeAttachment(tx, { regionCode: row.regionCode, ownerKind: POLICY_FILE_OWNER, fileName: file.fileName, bytes: file.bytes, uploadedBy: actor.userId }, at);
  await bindAttachments(tx, { regionCode: row.regionCode, ownerKind: POLICY_FILE_OWNER, ownerId: row.id, ids: [stored.id], uploadedBy: actor.userId }, at);
  await tx.update(policyDocument).set({ attachmentId: stored.id, updatedAt: at }).where(and(eq(policyDocument.regionCode, row.regionCode), eq(policyDocument.id, row.id)));
  await recordChange(tx, actor, { regionCode: row.regionCode, register: "policyDocument", recordKey: row.id, action: "fileAttached", before: { attachmentId: row.attachmentId }, after: { attachmentId: stored.id, fileName: stored.fileName, sha256: stored.sha256 } }, at);
  return getPolicyDocument(tx, actor, id, at);
}

export async function policyFile(db: Db, actor: Actor, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const [row] = await db.select().from(policyDocument).where(and(eq(policyDocument.id, id), scopeCondition(policyDocument.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "文件不存在或不在您的数据范围内。");
  if (!row.attachmentId) return fail("NOT_FOUND", "该文件尚未上传原件。");
  const file = await findAttachment(db, row.attachmentId, eq(sql`region_code`, row.regionCode));
  if (!file) return fail("NOT_FOUND", "原件不存在。");
  return { fileName: file.fileName, contentType: file.contentType, content: await attachmentContent(db, row.regionCode, row.attachmentId) };
}

export async function getPolicyDocument(db: Db, actor: Actor, id: string, now: Date): Promise<PolicyDocumentView> {
  const [row] = await db.select().from(policyDocument).where(and(eq(policyDocument.id, id), scopeCondition(policyDocument.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "文件不存在或不在您的数据范围内。");
  return (await view(db, [row], chinaDate(now)))[0]!;
}

export interface PolicyFilter {
  q?: string | undefined;
  level?: Row["level"] | undefined;
  regionCode?: string | undefined;
  status?: "active" | "repealed" | undefined;
  expiringWithinDays?: number | undefined;
}

/** Searches titles, subjects and numbers; "expiring within N days" lists active documents whose expiry falls in the next N days. */
export async function listPolicyDocuments(db: Db, actor: Actor, filter: PolicyFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: PolicyDocumentView[]; total: number }> {
  const today = chinaDate(now);
  const conditions: SQL[] = [scopeCondition(policyDocument.regionCode, actor.scopePrefix)];
  if (filter.q) conditions.push(or(ilike(policyDocument.title, containsPattern(filter.q)), ilike(policyDocument.subject, containsPattern(filter.q)), ilike(policyDocument.documentNo, containsPattern(filter.q)), ilike(policyDocument.issuer, containsPattern(filter.q)))!);
  if (filter.level) conditions.push(eq(policyDocument.level, filter.level));
  if (filter.regionCode) conditions.push(eq(policyDocument.regionCode, filter.regionCode));
  if (filter.status) conditions.push(eq(policyDocument.status, filter.status));
  if (filter.expiringWithinDays !== undefined) conditions.push(isNotNull(policyDocument.expiryDate), gte(policyDocument.expiryDate, today), lte(policyDocument.expiryDate, addDays(today, filter.expiringWithinDays)), eq(policyDocument.status, "active"));
  const where = and(...conditions);
  const order = filter.expiringWithinDays !== undefined ? [asc(policyDocument.expiryDate)] : [desc(policyDocument.issuedDate), asc(policyDocument.documentNo)];
  const rows = await db.select().from(policyDocument).where(where).orderBy(...order).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(policyDocument).where(where);
  return { items: await view(db, rows, today), total: count?.n ?? 0 };
}
