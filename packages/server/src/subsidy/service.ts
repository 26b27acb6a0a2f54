// The subsidy domain's use cases: items, the recipient registry and reference lists, rosters and
// their flow (village → township → public notice → district → payment), objections, disbursement
// batches, bank results, the re-payment list, recoveries and the residents' query. Functions take
// the database first; the caller owns the transaction. Every write is audited in it.
import { and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { checkBankCard, checkResidentId, formatYuan, maskBankCard, maskResidentId, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { decryptPersonal, encryptPersonal, type DataKeys } from "../platform/crypto.ts";
import { publish } from "../platform/outbox.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/roles.ts";
import { region } from "../org/tables.ts";
import { flowInstance, getTask, registerFlow, startFlow, transition, type FlowDefinition, type TaskDetail } from "../flow/index.ts";
import { releaseReservation, reserveOnIndicator, settleReservation } from "../budget/index.ts";
import {
  chinaDate,
  checkPeriod,
  checkRowAgainstRegistry,
  checkRowAlone,
  countBySeverity,
  findingCodes,
  findingSeverity,
  sortFindings,
  villageKey,
  lineStatus,
  noticeEndsOn,
  noticeOver,
  normalizeHeader,
  publicStatus,
  referenceNo,
  BATCH_LINES_MAX,
  bankFileRow,
  type BankLayout,
  type BankResultLine,
  type CheckedRow,
  type Finding,
  type LineStatus,
  type RosterRow as SheetRosterRow,
  type StoredFinding,
} from "./rules.ts";
import { cardIndex, checkRosterFile, databaseLookup, residentIdIndex, villageDirectory } from "./check.ts";
import { inspectXlsxBuffer, SheetFileError, streamSheetRows } from "./xlsx.ts";
import { bankLayouts, noticeDays, rosterRowsMax } from "./settings.ts";
import {
  subsidyArticle,
  subsidyBankResult,
  subsidyBatch,
  subsidyDisbursement,
  subsidyItem,
  subsidyLinePayment,
  subsidyObjection,
  subsidyRecipient,
  subsidyRecovery,
  subsidyRecoveryReceipt,
  subsidyReferenceEntry,
  subsidyRoster,
  subsidyRosterLine,
  type AccountType,
  type ReferenceKind,
  type RosterStatus,
  type SubsidyBasis,
  type PeriodKind,
} from "./tables.ts";

export const fail = defineErrorCodes({
  FILE_INVALID: 422,
  ROSTER_HAS_ERRORS: 409,
  REVIEW_NOTE_MISSING: 409,
  NOTICE_NOT_OVER: 409,
  NOT_EDITABLE: 409,
  INDICATOR_MISSING: 409,
  NOTHING_TO_PAY: 409,
  OBJECTION_OPEN: 409,
  LINES_IN_BANK: 409,
  BANK_RESULT_UNKNOWN_REFERENCE: 422,
});

const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });
const nowDate = () => new Date();

/** The township (9 digits) an actor works in, or the one named for a district user. */
export function townshipFor(actor: Actor, regionCode?: string | null): string {
  const code = regionCode ?? (actor.scopePrefix.length >= 9 ? actor.scopePrefix.slice(0, 9) : null);
  if (!code || !/^[0-9]{9}$/.test(code)) return fail("VALIDATION_FAILED", "请选择乡镇。", [{ path: "regionCode", message: "请选择乡镇" }]);
  if (!scopeCovers(actor.scopePrefix, code) && !code.startsWith(actor.scopePrefix) && !actor.scopePrefix.startsWith(code)) {
    return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  }
  return code;
}

/** A village user (scope = 12-digit village) sees only its village's rows; others by region prefix. */
function rowScope(actor: Actor, regionColumn: Parameters<typeof scopeCondition>[0], villageColumn: Parameters<typeof scopeCondition>[0]): SQL {
  return actor.scopePrefix.length === 12 ? scopeCondition(villageColumn, actor.scopePrefix) : scopeCondition(regionColumn, actor.scopePrefix);
}

function assertWritable(actor: Actor, regionCode: string, villageCode: string | null) {
  if (actor.scopePrefix.length === 12 ? villageCode !== actor.scopePrefix : !scopeCovers(actor.scopePrefix, regionCode)) {
    fail("OUT_OF_SCOPE", "该记录不在您的数据范围内。");
  }
}

// ---------------------------------------------------------------- items

export interface ItemView {
  regionCode: string;
  code: string;
  name: string;
  basis: SubsidyBasis;
  unit: string;
  standard: string;
  periodKind: PeriodKind;
  fundSource: string;
  functionalCode: string;
  economicCode: string;
  active: boolean;
}

const itemView = (r: typeof subsidyItem.$inferSelect): ItemView => ({
  regionCode: r.regionCode,
  code: r.code,
  name: r.name,
  basis: r.basis,
  unit: r.unit,
  standard: formatYuan(r.standardFen),
  periodKind: r.periodKind,
  fundSource: r.fundSource,
  functionalCode: r.functionalCode,
  economicCode: r.economicCode,
  active: r.active,
});

export interface ItemInput {
  regionCode?: string | undefined;
  code: string;
  name: string;
  basis: SubsidyBasis;
  unit: string;
  standardFen: bigint;
  periodKind: PeriodKind;
  fundSource: string;
  functionalCode?: string | undefined;
  economicCode?: string | undefined;
  active?: boolean | undefined;
}

export async function listItems(db: Db, actor: Actor, filter: { regionCode?: string | undefined; q?: string | undefined; active?: boolean | undefined }, page: { limit: number; offset: number }) {
  const scopePrefix = actor.scopePrefix.slice(0, 9);
  const conditions: SQL[] = [scopeCondition(subsidyItem.regionCode, scopePrefix)];
  if (filter.regionCode) conditions.push(eq(subsidyItem.regionCode, filter.regionCode));
  if (filter.active !== undefined) conditions.push(eq(subsidyItem.active, filter.active));
  if (filter.q) conditions.push(or(ilike(subsidyItem.name, containsPattern(filter.q)), ilike(subsidyItem.code, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const found = await db.select().from(subsidyItem).where(where).orderBy(asc(subsidyItem.regionCode), asc(subsidyItem.code)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyItem).where(where);
  return { items: found.map(itemView), total: Number(count?.n ?? 0n) };
}

export async function getItem(db: Db, regionCode: string, code: string): Promise<typeof subsidyItem.$inferSelect> {
  const [row] = await db.select().from(subsidyItem).where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, code)));
  if (!row) return fail("NOT_FOUND", `补贴项目 ${code} 不存在。`, [{ path: "itemCode", message: "项目不存在" }]);
  return row;
}

export async function createItem(tx: Db, actor: Actor, input: ItemInput, at = nowDate()): Promise<ItemView> {
  const regionCode = townshipFor(actor, input.regionCode);
  const [exists] = await tx.select({ code: subsidyItem.code }).from(subsidyItem).where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, input.code)));
  if (exists) fail("DUPLICATE", `项目代码 ${input.code} 已存在。`, [{ path: "code", message: "项目代码已存在" }]);
  const [row] = await tx
    .insert(subsidyItem)
    .values({ regionCode, code: input.code, name: input.name, basis: input.basis, unit: input.unit, standardFen: input.standardFen, periodKind: input.periodKind, fundSource: input.fundSource, functionalCode: input.functionalCode ?? "", economicCode: input.economicCode ?? "", active: input.active ?? true, createdAt: at, updatedAt: at })
    .returning();
  invariant(row, "inserted item is returned");
  const view = itemView(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.itemCreated", entityType: "subsidyItem", entityId: input.code, after: view }, at);
  return view;
}

export async function updateItem(tx: Db, actor: Actor, regionCode: string, code: string, patch: Partial<Omit<ItemInput, "code" | "regionCode">>, at = nowDate()): Promise<ItemView> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "补贴项目不存在或不在您的数据范围内。");
  const before = itemView(await getItem(tx, regionCode, code));
  const [row] = await tx
    .update(subsidyItem)
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.basis !== undefined ? { basis: patch.basis } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.standardFen !== undefined ? { standardFen: patch.standardFen } : {}),
      ...(patch.periodKind !== undefined ? { periodKind: patch.periodKind } : {}),
      ...(patch.fundSource !== undefined ? { fundSource: patch.fundSource } : {}),
      ...(patch.functionalCode !== undefined ? { functionalCode: patch.functionalCode } : {}),
      ...(patch.economicCode !== undefined ? { economicCode: patch.economicCode } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: at,
    })
    .where(and(eq(subsidyItem.regionCode, regionCode), eq(subsidyItem.code, code)))
    .returning();
  invariant(row, "updated item is returned");
  const after = itemView(row);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.itemUpdated", entityType: "subsidyItem", entityId: code, before, after }, at);
  return after;
}

// ---------------------------------------------------------------- recipients

export interface RecipientView {
  id: string;
  regionCode: string;
  villageCode: string;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  accountType: AccountType;
  bankName: string;
  householdNo: string;
  headOfHousehold: boolean;
  alive: boolean;
  official: boolean;
  cadre: boolean;
  updatedAt: string;
}

export interface RecipientInput {
  regionCode?: string | undefined;
  villageCode: string;
  name: string;
  residentId: string;
  card?: string | null | undefined;
  accountType?: AccountType | undefined;
  bankName?: string | undefined;
  householdNo?: string | undefined;
  headOfHousehold?: boolean | undefined;
  alive?: boolean | undefined;
  official?: boolean | undefined;
  cadre?: boolean | undefined;
}

type RecipientRow = typeof subsidyRecipient.$inferSelect;

const recipientView = (r: RecipientRow, villageName: string | null): RecipientView => ({
  id: r.id,
  regionCode: r.regionCode,
  villageCode: r.villageCode,
  villageName: villageName ?? r.villageCode,
  name: r.name,
  residentIdMasked: r.residentIdMasked,
  cardMasked: r.cardMasked,
  accountType: r.accountType,
  bankName: r.bankName,
  householdNo: r.householdNo,
  headOfHousehold: r.headOfHousehold,
  alive: r.alive,
  official: r.official,
  cadre: r.cadre,
  updatedAt: r.updatedAt.toISOString(),
});

function validId(raw: string, path = "residentId"): string {
  const id = checkResidentId(raw.trim());
  if (!id.valid) return fail("VALIDATION_FAILED", `身份证号无效：${raw.trim() === "" ? "为空" : id.reason === "CHECKSUM" ? "校验码不正确" : id.reason === "BIRTH_DATE" ? "出生日期无效" : "格式不正确"}`, [{ path, message: "身份证号无效" }]);
  return id.normalized;
}

function validCard(raw: string, accountType: AccountType, path = "card"): string {
  const card = checkBankCard(raw.trim(), { accountType });
  if (!card.valid) return fail("VALIDATION_FAILED", `银行卡号无效：${card.reason === "CHECKSUM" ? "校验位不正确" : card.reason === "LENGTH" ? "应为15-19位数字" : "只能是数字"}`, [{ path, message: "银行卡号无效" }]);
  return card.normalized;
}

async function assertVillageOf(db: Db, regionCode: string, villageCode: string): Promise<void> {
  const [v] = await db.select({ parent: region.parentCode, level: region.level }).from(region).where(eq(region.regionCode, villageCode));
  if (!v || v.level !== "village" || v.parent !== regionCode) fail("VALIDATION_FAILED", `村（居）${villageCode} 不属于乡镇 ${regionCode}。`, [{ path: "villageCode", message: "村（居）无效" }]);
}

/** Creates or updates (by ID number) a recipient; a changed card is audited with both masked numbers. */
export async function saveRecipient(tx: Db, actor: Actor, keys: DataKeys, input: RecipientInput, at = nowDate()): Promise<RecipientView> {
  const regionCode = townshipFor(actor, input.regionCode ?? input.villageCode.slice(0, 9));
  if (input.villageCode.slice(0, 9) !== regionCode) fail("VALIDATION_FAILED", "村（居）不属于该乡镇。", [{ path: "villageCode", message: "村（居）无效" }]);
  assertWritable(actor, regionCode, input.villageCode);
  await assertVillageOf(tx, regionCode, input.villageCode);
  const residentId = validId(input.residentId);
  const accountType = input.accountType ?? "card";
  const card = input.card ? validCard(input.card, accountType) : null;
  const idIndex = residentIdIndex(keys, residentId);
  const [existing] = await tx.select().from(subsidyRecipient).where(and(eq(subsidyRecipient.regionCode, regionCode), eq(subsidyRecipient.residentIdIndex, idIndex))).for("update");
  const values = {
    villageCode: input.villageCode,
    name: input.name.trim(),
    accountType,
    bankName: input.bankName ?? existing?.bankName ?? "",
    householdNo: input.householdNo ?? existing?.householdNo ?? "",
    headOfHousehold: input.headOfHousehold ?? existing?.headOfHousehold ?? false,
    alive: input.alive ?? existing?.alive ?? true,
    official: input.official ?? existing?.official ?? false,
    cadre: input.cadre ?? existing?.cadre ?? false,
    ...(card !== null ? { cardSealed: encryptPersonal(keys, card), cardIndex: cardIndex(keys, card), cardMasked: maskBankCard(card) } : {}),
    updatedAt: at,
  };
  let row: RecipientRow | undefined;
  if (existing) {
    [row] = await tx.update(subsidyRecipient).set(values).where(and(eq(subsidyRecipient.regionCode, regionCode), eq(subsidyRecipient.id, existing.id))).returning();
  } else {
    [row] = await tx
      .insert(subsidyRecipient)
      .values({ regionCode, id: uuidv7(at.getTime()), residentIdSealed: encryptPersonal(keys, residentId), residentIdIndex: idIndex, residentIdMasked: maskResidentId(residentId), createdAt: at, cardMasked: "", ...values })
      .returning();
  }
  invariant(row, "saved recipient is returned");
  const after = recipientView(row, null);
  const before = existing ? recipientView(existing, null) : undefined;
  await recordAudit(tx, { regionCode, actor: who(actor), action: existing ? "subsidy.recipientUpdated" : "subsidy.recipientCreated", entityType: "subsidyRecipient", entityId: row.id, before, after }, at);
  if (existing && card !== null && existing.cardIndex !== row.cardIndex) {
    await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.cardChanged", entityType: "subsidyRecipient", entityId: row.id, before: { card: existing.cardMasked }, after: { card: row.cardMasked } }, at);
  }
  return after;
}

export async function updateRecipient(tx: Db, actor: Actor, keys: DataKeys, id: string, patch: Omit<Partial<RecipientInput>, "residentId" | "regionCode">, at = nowDate()): Promise<RecipientView> {
  const [row] = await tx.select().from(subsidyRecipient).where(and(eq(subsidyRecipient.id, id), rowScope(actor, subsidyRecipient.regionCode, subsidyRecipient.villageCode)));
  if (!row) return fail("OUT_OF_SCOPE", "补贴对象不存在或不在您的数据范围内。");
  return saveRecipient(
    tx,
    actor,
    keys,
    {
      regionCode: row.regionCode,
      villageCode: patch.villageCode ?? row.villageCode,
      name: patch.name ?? row.name,
      residentId: decryptPersonal(keys, row.residentIdSealed),
      card: patch.card,
      accountType: patch.accountType ?? row.accountType,
      bankName: patch.bankName,
      householdNo: patch.householdNo,
      headOfHousehold: patch.headOfHousehold,
      alive: patch.alive,
      official: patch.official,
      cadre: patch.cadre,
    },
    at,
  );
}

export async function listRecipients(
  db: Db,
  actor: Actor,
  keys: DataKeys,
  filter: { regionCode?: string | undefined; villageCode?: string | undefined; q?: string | undefined; alive?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  const conditions: SQL[] = [rowScope(actor, subsidyRecipient.regionCode, subsidyRecipient.villageCode)];
  if (filter.regionCode) conditions.push(eq(subsidyRecipient.regionCode, filter.regionCode));
  if (filter.villageCode) conditions.push(eq(subsidyRecipient.villageCode, filter.villageCode));
  if (filter.alive !== undefined) conditions.push(eq(subsidyRecipient.alive, filter.alive));
  if (filter.q) {
    const id = checkResidentId(filter.q);
    conditions.push(id.valid ? eq(subsidyRecipient.residentIdIndex, residentIdIndex(keys, id.normalized)) : ilike(subsidyRecipient.name, containsPattern(filter.q)));
  }
  const where = and(...conditions);
  const found = await db
    .select({ r: subsidyRecipient, villageName: region.name })
    .from(subsidyRecipient)
    .leftJoin(region, eq(region.regionCode, subsidyRecipient.villageCode))
    .where(where)
    .orderBy(asc(subsidyRecipient.villageCode), asc(subsidyRecipient.householdNo), asc(subsidyRecipient.name))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRecipient).where(where);
  return { items: found.map(({ r, villageName }) => recipientView(r, villageName)), total: Number(count?.n ?? 0n) };
}

// ---------------------------------------------------------------- spreadsheets with named columns (registry, reference lists)

/** Reads an inspected spreadsheet whose header (within the first rows) names the wanted columns. */
async function readTable<H extends Record<string, string>>(buffer: Buffer, headers: H, required: readonly (keyof H & string)[], rowsMax: number): Promise<{ row: number; get(field: keyof H & string): string }[]> {
  type F = keyof H & string;
  await inspectXlsxBuffer(buffer);
  const wanted = new Map(Object.entries(headers).map(([f, h]) => [normalizeHeader(h), f as F]));
  let columns: Map<F, number> | null = null;
  const out: { row: number; get(field: F): string }[] = [];
  for await (const { row, cells } of streamSheetRows(buffer, rowsMax + 11)) {
    if (!columns) {
      const found = new Map<F, number>();
      cells.forEach((c, i) => {
        const f = wanted.get(normalizeHeader(c));
        if (f && !found.has(f)) found.set(f, i);
      });
      if (required.every((f) => found.has(f))) columns = found;
      else if (row >= 10) throw new SheetFileError("NO_HEADER", `找不到表头（须含：${required.map((f) => headers[f]).join("、")}）。`);
      continue;
    }
    const map = columns;
    if (cells.every((c) => c === "")) continue;
    if (out.length >= rowsMax) throw new SheetFileError("TOO_MANY_ROWS", `表格超过 ${rowsMax} 行的上限。`);
    out.push({ row, get: (f) => (map.has(f) ? (cells[map.get(f)!] ?? "").trim() : "") });
  }
  if (!columns) throw new SheetFileError("NO_HEADER", `表格为空或找不到表头（须含：${required.map((f) => headers[f]).join("、")}）。`);
  return out;
}

function fileProblem(error: unknown): never {
  if (error instanceof SheetFileError) return fail("FILE_INVALID", error.message);
  throw error;
}

export const registryHeaders = { name: "姓名", residentId: "身份证号", village: "村（居）", householdNo: "户号", head: "户主", card: "银行卡号", bank: "开户银行", accountType: "账户类型", status: "状态" } as const;
const REGISTRY_ROWS_MAX = 50_000;

export interface ImportReport {
  created: number;
  updated: number;
  rows: number;
}

/**
 * Imports the recipient registry from Excel, all or nothing: any invalid row refuses the whole
 * file with every problem listed, so a half-imported registry never exists.
 */
export async function importRecipients(tx: Db, actor: Actor, keys: DataKeys, regionCodeInput: string | undefined, buffer: Buffer, at = nowDate()): Promise<ImportReport> {
  const regionCode = townshipFor(actor, regionCodeInput);
  const rows = await readTable(buffer, registryHeaders, ["name", "residentId", "village"], REGISTRY_ROWS_MAX).catch(fileProblem);
  const villages = await villageDirectory(tx, regionCode);
  const problems: { path: string; message: string }[] = [];
  const inputs: RecipientInput[] = [];
  for (const r of rows) {
    const where = `第 ${r.row} 行`;
    const villageCode = villages.get(r.get("village").replace(/\s+/g, "").replace(/(村民委员会|居民委员会|村委会|居委会|社区|村)$/u, "")) ?? villages.get(r.get("village"));
    const accountType: AccountType = r.get("accountType").includes("存折") ? "passbook" : "card";
    if (!r.get("name")) problems.push({ path: where, message: "姓名为空" });
    if (!checkResidentId(r.get("residentId")).valid) problems.push({ path: where, message: "身份证号无效" });
    if (!villageCode) problems.push({ path: where, message: `村（居）“${r.get("village")}”不是本乡镇的村（居）` });
    if (r.get("card") && !checkBankCard(r.get("card"), { accountType }).valid) problems.push({ path: where, message: "银行卡号无效" });
    if (actor.scopePrefix.length === 12 && villageCode && villageCode !== actor.scopePrefix) problems.push({ path: where, message: "只能导入本村的人员" });
    inputs.push({
      regionCode,
      villageCode: villageCode ?? "",
      name: r.get("name"),
      residentId: r.get("residentId"),
      card: r.get("card") || null,
      accountType,
      bankName: r.get("bank"),
      householdNo: r.get("householdNo"),
      headOfHousehold: /^(是|户主|Y|y|1)$/u.test(r.get("head")),
      alive: !/死亡|已故/u.test(r.get("status")),
    });
  }
  if (problems.length) fail("FILE_INVALID", `名册有 ${problems.length} 处问题，未导入任何记录：${problems.slice(0, 5).map((p) => `${p.path}${p.message}`).join("；")}${problems.length > 5 ? "……" : ""}`, problems.slice(0, 200));
  let created = 0;
  let updated = 0;
  for (const input of inputs) {
    const idIndex = residentIdIndex(keys, validId(input.residentId));
    const [exists] = await tx.select({ id: subsidyRecipient.id }).from(subsidyRecipient).where(and(eq(subsidyRecipient.regionCode, regionCode), eq(subsidyRecipient.residentIdIndex, idIndex)));
    await saveRecipient(tx, actor, keys, input, at);
    if (exists) updated++;
    else created++;
  }
  return { created, updated, rows: rows.length };
}

export const referenceKindNames: Record<ReferenceKind, string> = { deceased: "死亡人员", official: "公职人员", cadre: "村干部" };

/** Imports a reference list (deceased, officials, cadres) by ID number, and flags registered people. */
export async function importReferenceList(tx: Db, actor: Actor, keys: DataKeys, regionCodeInput: string | undefined, kind: ReferenceKind, buffer: Buffer, at = nowDate()): Promise<{ rows: number; matched: number }> {
  const regionCode = townshipFor(actor, regionCodeInput);
  const rows = await readTable(buffer, { name: "姓名", residentId: "身份证号" }, ["residentId"], REGISTRY_ROWS_MAX).catch(fileProblem);
  const bad = rows.filter((r) => !checkResidentId(r.get("residentId")).valid).map((r) => ({ path: `第 ${r.row} 行`, message: "身份证号无效" }));
  if (bad.length) fail("FILE_INVALID", `${referenceKindNames[kind]}名单有 ${bad.length} 个无效身份证号，未导入：${bad.slice(0, 5).map((p) => p.path).join("、")}`, bad.slice(0, 200));
  let matched = 0;
  for (const r of rows) {
    const index = residentIdIndex(keys, validId(r.get("residentId")));
    await tx.insert(subsidyReferenceEntry).values({ regionCode, kind, residentIdIndex: index, name: r.get("name"), importedAt: at }).onConflictDoNothing();
    const flag = kind === "deceased" ? { alive: false } : kind === "official" ? { official: true } : { cadre: true };
    const changed = await tx.update(subsidyRecipient).set({ ...flag, updatedAt: at }).where(and(eq(subsidyRecipient.regionCode, regionCode), eq(subsidyRecipient.residentIdIndex, index))).returning({ id: subsidyRecipient.id });
    matched += changed.length;
  }
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.referenceListImported", entityType: "subsidyReferenceList", entityId: kind, after: { kind, rows: rows.length, matched } }, at);
  return { rows: rows.length, matched };
}

// ---------------------------------------------------------------- rosters

export const ROSTER_FLOW = "subsidyRoster";

export interface RosterView {
  id: string;
  regionCode: string;
  villageCode: string | null;
  villageName: string | null;
  itemCode: string;
  itemName: string;
  period: string;
  status: RosterStatus;
  sourceName: string;
  lineCount: number;
  total: string;
  errorCount: number;
  warningCount: number;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  indicatorId: string | null;
  reservationId: string | null;
  flowInstanceId: string | null;
  createdAt: string;
}

type RosterRow = typeof subsidyRoster.$inferSelect;

async function rosterView(db: Db, r: RosterRow): Promise<RosterView> {
  const [item] = await db.select({ name: subsidyItem.name }).from(subsidyItem).where(and(eq(subsidyItem.regionCode, r.regionCode), eq(subsidyItem.code, r.itemCode)));
  const [village] = r.villageCode ? await db.select({ name: region.name }).from(region).where(eq(region.regionCode, r.villageCode)) : [];
  return {
    id: r.id,
    regionCode: r.regionCode,
    villageCode: r.villageCode,
    villageName: village?.name ?? null,
    itemCode: r.itemCode,
    itemName: item?.name ?? r.itemCode,
    period: r.period,
    status: r.status,
    sourceName: r.sourceName,
    lineCount: r.lineCount,
    total: formatYuan(r.totalFen),
    errorCount: r.errorCount,
    warningCount: r.warningCount,
    noticeStartsOn: r.noticeStartsOn,
    noticeEndsOn: r.noticeEndsOn,
    indicatorId: r.indicatorId,
    reservationId: r.reservationId,
    flowInstanceId: r.flowInstanceId,
    createdAt: r.createdAt.toISOString(),
  };
}

async function lockRoster(tx: Db, actor: Actor, id: string): Promise<RosterRow> {
  const [row] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.id, id), rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "清册不存在或不在您的数据范围内。");
  return row;
}

export async function getRoster(db: Db, actor: Actor, id: string): Promise<RosterView> {
  const [row] = await db.select().from(subsidyRoster).where(and(eq(subsidyRoster.id, id), rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode)));
  if (!row) return fail("OUT_OF_SCOPE", "清册不存在或不在您的数据范围内。");
  return rosterView(db, row);
}

export async function listRosters(
  db: Db,
  actor: Actor,
  filter: { regionCode?: string | undefined; villageCode?: string | undefined; itemCode?: string | undefined; period?: string | undefined; status?: RosterStatus | undefined },
  page: { limit: number; offset: number },
) {
  const conditions: SQL[] = [rowScope(actor, subsidyRoster.regionCode, subsidyRoster.villageCode)];
  if (filter.regionCode) conditions.push(eq(subsidyRoster.regionCode, filter.regionCode));
  if (filter.villageCode) conditions.push(eq(subsidyRoster.villageCode, filter.villageCode));
  if (filter.itemCode) conditions.push(eq(subsidyRoster.itemCode, filter.itemCode));
  if (filter.period) conditions.push(eq(subsidyRoster.period, filter.period));
  if (filter.status) conditions.push(eq(subsidyRoster.status, filter.status));
  const where = and(...conditions);
  const found = await db.select().from(subsidyRoster).where(where).orderBy(desc(subsidyRoster.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRoster).where(where);
  const items: RosterView[] = [];
  for (const r of found) items.push(await rosterView(db, r));
  return { items, total: Number(count?.n ?? 0n) };
}

const LINE_INSERT_CHUNK = 500;

/** A checked row as a roster line: numbers sealed with a blind index, findings kept on the line. */
function lineValues(keys: DataKeys, roster: Pick<RosterRow, "regionCode" | "id" | "villageCode">, villages: Map<string, string>, row: CheckedRow, findings: readonly Finding[]): typeof subsidyRosterLine.$inferInsert {
  const id = row.residentIdNormalized ?? row.residentId;
  const card = row.cardNormalized ?? row.card;
  return {
    regionCode: roster.regionCode,
    rosterId: roster.id,
    lineNo: row.row,
    villageCode: row.village ? (villages.get(villageKey(row.village)) ?? villages.get(row.village) ?? null) : roster.villageCode,
    villageName: row.village,
    name: row.name,
    residentIdSealed: encryptPersonal(keys, id),
    residentIdIndex: residentIdIndex(keys, id),
    residentIdMasked: maskResidentId(id),
    cardSealed: card ? encryptPersonal(keys, card) : null,
    cardIndex: card ? cardIndex(keys, card) : null,
    cardMasked: maskBankCard(card),
    bankName: row.bank,
    quantity: row.quantity,
    standardFen: row.standardFen,
    amountFen: row.amountFen ?? 0n,
    remark: row.remark,
    findings: findings.map((f): StoredFinding => ({ code: f.code, severity: f.severity, message: f.message })),
  };
}

/** Checks a roster file and writes its lines (in the caller's transaction); returns the counts. */
async function loadRosterLines(tx: Db, keys: DataKeys, roster: RosterRow, buffer: Buffer, today: Date): Promise<{ rows: number; findings: Finding[]; totalFen: bigint; villageCodes: Map<string, string> }> {
  await inspectXlsxBuffer(buffer).catch(fileProblem);
  const item = await getItem(tx, roster.regionCode, roster.itemCode);
  const villages = await villageDirectory(tx, roster.regionCode);
  const lookup = await databaseLookup(tx, keys, { regionCode: roster.regionCode, itemCode: roster.itemCode, period: roster.period, rosterId: roster.id, villageCode: roster.villageCode, basis: item.basis });
  let pending: (typeof subsidyRosterLine.$inferInsert)[] = [];
  let totalFen = 0n;
  const write = async () => {
    if (pending.length) await tx.insert(subsidyRosterLine).values(pending);
    pending = [];
  };
  const result = await checkRosterFile(buffer, {
    itemStandardFen: item.standardFen,
    rowsMax: await rosterRowsMax(tx, roster.regionCode),
    lookup,
    today,
    onRow: async (row: CheckedRow, findings: Finding[]) => {
      totalFen += row.amountFen ?? 0n;
      pending.push(lineValues(keys, roster, villages, row, findings));
      if (pending.length >= LINE_INSERT_CHUNK) await write();
    },
  }).catch(fileProblem);
  await write();
  return { ...result, totalFen, villageCodes: villages };
}

async function refreshRosterTotals(tx: Db, roster: Pick<RosterRow, "regionCode" | "id">, at: Date): Promise<RosterRow> {
  const lines = await tx
    .select({ amountFen: subsidyRosterLine.amountFen, findings: subsidyRosterLine.findings })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), eq(subsidyRosterLine.withdrawn, false)));
  const counts = countBySeverity(lines.flatMap((l) => l.findings));
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0n);
  const [row] = await tx
    .update(subsidyRoster)
    .set({ lineCount: lines.length, totalFen, errorCount: counts.errors, warningCount: counts.warnings, updatedAt: at })
    .where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, roster.id)))
    .returning();
  invariant(row, "roster exists");
  return row;
}

export interface RosterImportInput {
  regionCode?: string | undefined;
  villageCode?: string | null | undefined;
  itemCode: string;
  period: string;
  sourceName: string;
}

/** Imports a roster from Excel: checks every row, keeps the lines with their findings, starts the flow. */
export async function importRoster(tx: Db, actor: Actor, keys: DataKeys, input: RosterImportInput, buffer: Buffer, at = nowDate()): Promise<{ roster: RosterView; findings: Finding[] }> {
  const { villageCode, regionCode, item } = await rosterStart(tx, actor, input);
  const roster = await insertRoster(tx, actor, { regionCode, villageCode, item, period: input.period, sourceName: input.sourceName }, at);
  const loaded = await loadRosterLines(tx, keys, roster, buffer, at);
  const row = await refreshRosterTotals(tx, roster, at);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.rosterImported", entityType: "subsidyRoster", entityId: roster.id, after: { itemCode: item.code, period: input.period, villageCode, lines: loaded.rows, total: formatYuan(row.totalFen), errors: row.errorCount, warnings: row.warningCount } }, at);
  return { roster: await rosterView(tx, { ...row, flowInstanceId: roster.flowInstanceId }), findings: loaded.findings };
}

/** Writes a new roster (村级录入) and starts its flow. */
async function insertRoster(tx: Db, actor: Actor, input: { regionCode: string; villageCode: string | null; item: typeof subsidyItem.$inferSelect; period: string; sourceName: string }, at: Date): Promise<RosterRow> {
  const { regionCode, villageCode, item } = input;
  const id = uuidv7(at.getTime());
  const villageName = villageCode ? (await tx.select({ name: region.name }).from(region).where(eq(region.regionCode, villageCode)))[0]?.name : null;
  await tx.insert(subsidyRoster).values({ regionCode, id, villageCode, itemCode: item.code, period: input.period, status: "draft", sourceName: input.sourceName.slice(0, 200), createdBy: actor.userId, createdAt: at, updatedAt: at });
  const instance = await startFlow(tx, onTownship(actor, regionCode), { flowCode: ROSTER_FLOW, regionCode, entityId: id, title: `补贴清册：${villageName ?? ""}${item.name} ${input.period}` }, at);
  const [roster] = await tx.update(subsidyRoster).set({ flowInstanceId: instance.id }).where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.id, id))).returning();
  invariant(roster, "inserted roster is returned");
  return roster;
}

/** The checks before a roster is started: the actor's village or township, an active item, the period's kind. */
async function rosterStart(tx: Db, actor: Actor, input: Pick<RosterImportInput, "regionCode" | "villageCode" | "itemCode" | "period">) {
  const villageCode = input.villageCode ?? (actor.scopePrefix.length === 12 ? actor.scopePrefix : null);
  const regionCode = townshipFor(actor, input.regionCode ?? villageCode?.slice(0, 9));
  assertWritable(actor, regionCode, villageCode);
  if (villageCode) await assertVillageOf(tx, regionCode, villageCode);
  const item = await getItem(tx, regionCode, input.itemCode);
  if (!item.active) fail("VALIDATION_FAILED", `补贴项目“${item.name}”已停用。`, [{ path: "itemCode", message: "项目已停用" }]);
  const periodProblem = checkPeriod(input.period, item.periodKind);
  if (periodProblem) fail("VALIDATION_FAILED", periodProblem, [{ path: "period", message: periodProblem }]);
  return { villageCode, regionCode, item };
}

/** Starts an empty roster for entering its lines one by one (录入) instead of importing a file. */
export async function createRoster(tx: Db, actor: Actor, input: RosterImportInput, at = nowDate()): Promise<RosterView> {
  const { villageCode, regionCode, item } = await rosterStart(tx, actor, input);
  const roster = await insertRoster(tx, actor, { regionCode, villageCode, item, period: input.period, sourceName: input.sourceName || "录入" }, at);
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.rosterCreated", entityType: "subsidyRoster", entityId: roster.id, after: { itemCode: item.code, period: input.period, villageCode } }, at);
  return rosterView(tx, roster);
}

// ---------------------------------------------------------------- lines entered one by one

export interface LineInput {
  name: string;
  residentId: string;
  card: string;
  bank?: string | undefined;
  village?: string | undefined;
  quantity?: string | undefined;
  standard?: string | undefined;
  amount: string;
  remark?: string | undefined;
}

const DUPLICATE_CODE = "DUPLICATE_IN_FILE";

/**
 * Re-derives DUPLICATE_IN_FILE for the lines sharing these ID indexes, as an import would: the first
 * line of an ID number is clean, every later one names it. Lines with an invalid ID are left out.
 */
async function refreshDuplicates(tx: Db, roster: Pick<RosterRow, "regionCode" | "id">, indexes: readonly string[]): Promise<void> {
  if (indexes.length === 0) return;
  const lines = await tx
    .select({ lineNo: subsidyRosterLine.lineNo, index: subsidyRosterLine.residentIdIndex, findings: subsidyRosterLine.findings })
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), inArray(subsidyRosterLine.residentIdIndex, [...indexes]), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const first = new Map<string, number>();
  const order = new Map(findingCodes.map((c, i) => [c, i]));
  for (const l of lines) {
    const valid = !l.findings.some((f) => f.code === "ID_INVALID");
    const kept = l.findings.filter((f) => f.code !== DUPLICATE_CODE);
    const earlier = valid ? first.get(l.index) : undefined;
    if (valid && earlier === undefined) first.set(l.index, l.lineNo);
    const next = earlier === undefined ? kept : [...kept, { code: DUPLICATE_CODE, severity: findingSeverity[DUPLICATE_CODE], message: `与第 ${earlier} 行为同一身份证号` } as StoredFinding].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
    if (JSON.stringify(next) !== JSON.stringify(l.findings)) {
      await tx.update(subsidyRosterLine).set({ findings: next }).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, roster.id), eq(subsidyRosterLine.lineNo, l.lineNo)));
    }
  }
}

async function lockEntryRoster(tx: Db, actor: Actor, rosterId: string): Promise<RosterRow> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "draft") fail("NOT_EDITABLE", "只有村级录入环节（含退回修改）的清册可以增删改人员。");
  return roster;
}

/** Runs the import's row checks on one entered line; returns the line's values and its findings. */
async function checkEnteredLine(tx: Db, keys: DataKeys, roster: RosterRow, lineNo: number, input: LineInput, today: Date) {
  const item = await getItem(tx, roster.regionCode, roster.itemCode);
  const row: SheetRosterRow = { row: lineNo, name: input.name.trim(), residentId: input.residentId.trim(), card: input.card.trim(), bank: input.bank?.trim() ?? "", village: input.village?.trim() ?? "", quantity: input.quantity?.trim() ?? "", standard: input.standard?.trim() ?? "", amount: input.amount.trim(), remark: input.remark?.trim() ?? "" };
  const alone = checkRowAlone(row, { itemStandardFen: item.standardFen, today }, new Map());
  const lookup = await databaseLookup(tx, keys, { regionCode: roster.regionCode, itemCode: roster.itemCode, period: roster.period, rosterId: roster.id, villageCode: roster.villageCode, basis: item.basis });
  const [facts] = await lookup.facts([alone.checked]);
  const findings = sortFindings([...alone.findings, ...checkRowAgainstRegistry(alone.checked, facts!)]);
  return { values: lineValues(keys, roster, await villageDirectory(tx, roster.regionCode), alone.checked, findings) };
}

async function enteredLineAnswer(tx: Db, actor: Actor, roster: RosterRow, lineNo: number, at: Date) {
  const fresh = await refreshRosterTotals(tx, roster, at);
  const [line] = await linesByNo(tx, actor, roster.id, [lineNo]);
  invariant(line, "the entered line exists");
  return { roster: await rosterView(tx, fresh), line, findings: line.findings.map((f) => ({ row: lineNo, ...f })) };
}

/** Adds a line to a roster being entered, with the same checks as an imported row. */
export async function addRosterLine(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, input: LineInput, at = nowDate()) {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [last] = await tx.select({ n: sql<number | null>`max(${subsidyRosterLine.lineNo})` }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId)));
  // Line numbers follow the spreadsheet's: the header is row 1, the first person row 2.
  const lineNo = Math.max(Number(last?.n ?? 1), 1) + 1;
  const { values } = await checkEnteredLine(tx, keys, roster, lineNo, input, at);
  await tx.insert(subsidyRosterLine).values(values);
  await refreshDuplicates(tx, roster, [values.residentIdIndex]);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineAdded", entityType: "subsidyRoster", entityId: rosterId, after: { lineNo, name: values.name, residentId: values.residentIdMasked, card: values.cardMasked, amount: formatYuan(values.amountFen ?? 0n) } }, at);
  return enteredLineAnswer(tx, actor, roster, lineNo, at);
}

/** Changes a line of a roster being entered, checking it again; ID and card numbers left out are kept. */
export async function updateRosterLine(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, lineNo: number, input: Omit<LineInput, "residentId" | "card"> & { residentId?: string | undefined; card?: string | undefined }, at = nowDate()) {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [before] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).for("update");
  if (!before) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  const residentId = input.residentId ?? decryptPersonal(keys, before.residentIdSealed);
  const card = input.card ?? (before.cardSealed ? decryptPersonal(keys, before.cardSealed) : "");
  const { values } = await checkEnteredLine(tx, keys, roster, lineNo, { ...input, residentId, card }, at);
  const { regionCode: _r, rosterId: _i, lineNo: _n, ...changes } = values;
  await tx.update(subsidyRosterLine).set({ ...changes, reviewNote: null }).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)));
  await refreshDuplicates(tx, roster, [...new Set([before.residentIdIndex, values.residentIdIndex])]);
  await recordAudit(
    tx,
    {
      regionCode: roster.regionCode,
      actor: who(actor),
      action: "subsidy.lineChanged",
      entityType: "subsidyRoster",
      entityId: rosterId,
      before: { lineNo, name: before.name, residentId: before.residentIdMasked, card: before.cardMasked, amount: formatYuan(before.amountFen) },
      after: { lineNo, name: values.name, residentId: values.residentIdMasked, card: values.cardMasked, amount: formatYuan(values.amountFen ?? 0n) },
    },
    at,
  );
  return enteredLineAnswer(tx, actor, roster, lineNo, at);
}

/** Removes a line from a roster being entered. */
export async function deleteRosterLine(tx: Db, actor: Actor, rosterId: string, lineNo: number, at = nowDate()): Promise<RosterView> {
  const roster = await lockEntryRoster(tx, actor, rosterId);
  const [removed] = await tx.delete(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).returning();
  if (!removed) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  await refreshDuplicates(tx, roster, [removed.residentIdIndex]);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineDeleted", entityType: "subsidyRoster", entityId: rosterId, before: { lineNo, name: removed.name, residentId: removed.residentIdMasked, card: removed.cardMasked, amount: formatYuan(removed.amountFen) } }, at);
  return rosterView(tx, await refreshRosterTotals(tx, roster, at));
}

/** Replaces a roster's lines with a corrected file, while it is still with the village (draft). */
export async function replaceRosterFile(tx: Db, actor: Actor, keys: DataKeys, id: string, sourceName: string, buffer: Buffer, at = nowDate()): Promise<{ roster: RosterView; findings: Finding[] }> {
  const roster = await lockRoster(tx, actor, id);
  if (roster.status !== "draft") fail("NOT_EDITABLE", "只有退回或未提交的清册可以重新导入。");
  await tx.delete(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, id)));
  const loaded = await loadRosterLines(tx, keys, roster, buffer, at);
  await tx.update(subsidyRoster).set({ sourceName: sourceName.slice(0, 200) }).where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, id)));
  const row = await refreshRosterTotals(tx, roster, at);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.rosterReplaced", entityType: "subsidyRoster", entityId: id, before: { lines: roster.lineCount, total: formatYuan(roster.totalFen) }, after: { lines: row.lineCount, total: formatYuan(row.totalFen), errors: row.errorCount, warnings: row.warningCount } }, at);
  return { roster: await rosterView(tx, { ...row, sourceName }), findings: loaded.findings };
}

export interface LineView {
  lineNo: number;
  villageCode: string | null;
  villageName: string;
  name: string;
  residentIdMasked: string;
  cardMasked: string;
  bankName: string;
  quantity: string;
  standard: string | null;
  amount: string;
  remark: string;
  findings: StoredFinding[];
  reviewNote: string | null;
  withdrawn: boolean;
  openObjections: number;
  status: LineStatus;
  paidOn: string | null;
  failReason: string | null;
}

/** Payment facts per line of a roster: paid record, latest attempt and its result. */
async function paymentFacts(db: Db, regionCode: string, rosterId: string, lineNos: number[] | null) {
  const lineFilter = lineNos ? [inArray(subsidyDisbursement.lineNo, lineNos.length ? lineNos : [-1])] : [];
  const attempts = await db
    .select({ lineNo: subsidyDisbursement.lineNo, referenceNo: subsidyDisbursement.referenceNo, createdAt: subsidyDisbursement.createdAt, outcome: subsidyBankResult.outcome, reason: subsidyBankResult.reason })
    .from(subsidyDisbursement)
    .leftJoin(subsidyBankResult, and(eq(subsidyBankResult.regionCode, subsidyDisbursement.regionCode), eq(subsidyBankResult.referenceNo, subsidyDisbursement.referenceNo)))
    .where(and(eq(subsidyDisbursement.regionCode, regionCode), eq(subsidyDisbursement.rosterId, rosterId), ...lineFilter))
    .orderBy(asc(subsidyDisbursement.createdAt), asc(subsidyDisbursement.referenceNo));
  const paidFilter = lineNos ? [inArray(subsidyLinePayment.lineNo, lineNos.length ? lineNos : [-1])] : [];
  const paid = await db
    .select({ lineNo: subsidyLinePayment.lineNo, paidOn: subsidyLinePayment.paidOn, amountFen: subsidyLinePayment.amountFen })
    .from(subsidyLinePayment)
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), eq(subsidyLinePayment.rosterId, rosterId), ...paidFilter));
  const latest = new Map<number, { outcome: "paid" | "failed" | null; reason: string | null }>();
  for (const a of attempts) latest.set(a.lineNo, { outcome: a.outcome ?? null, reason: a.reason ?? null });
  const paidMap = new Map(paid.map((p) => [p.lineNo, p]));
  return (lineNo: number) => {
    const attempt = latest.get(lineNo) ?? null;
    const p = paidMap.get(lineNo);
    const status = lineStatus({ paid: p !== undefined, latestAttempt: attempt });
    return { status, paidOn: p?.paidOn ?? null, failReason: status === "failed" ? (attempt?.reason ?? "") : null };
  };
}

export async function listLines(
  db: Db,
  actor: Actor,
  rosterId: string,
  filter: { findings?: "any" | "error" | "warning" | undefined; status?: LineStatus | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
) {
  const roster = await getRoster(db, actor, rosterId);
  const conditions: SQL[] = [eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId)];
  if (filter.findings === "any") conditions.push(sql`jsonb_array_length(${subsidyRosterLine.findings}) > 0`);
  if (filter.findings === "error") conditions.push(sql`${subsidyRosterLine.findings} @> '[{"severity":"error"}]'::jsonb`);
  if (filter.findings === "warning") conditions.push(sql`${subsidyRosterLine.findings} @> '[{"severity":"warning"}]'::jsonb`);
  if (filter.q) conditions.push(ilike(subsidyRosterLine.name, containsPattern(filter.q)));
  const where = and(...conditions);
  const all = filter.status !== undefined;
  const found = await db
    .select()
    .from(subsidyRosterLine)
    .where(where)
    .orderBy(asc(subsidyRosterLine.lineNo))
    .limit(all ? BATCH_LINES_MAX : page.limit)
    .offset(all ? 0 : page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRosterLine).where(where);
  const facts = await paymentFacts(db, roster.regionCode, rosterId, found.map((l) => l.lineNo));
  const objections = await db
    .select({ lineNo: subsidyObjection.lineNo, n: sql<bigint>`count(*)` })
    .from(subsidyObjection)
    .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId), isNull(subsidyObjection.outcome)))
    .groupBy(subsidyObjection.lineNo);
  const open = new Map(objections.map((o) => [o.lineNo, Number(o.n)]));
  let items: LineView[] = found.map((l) => {
    const f = facts(l.lineNo);
    return {
      lineNo: l.lineNo,
      villageCode: l.villageCode,
      villageName: l.villageName,
      name: l.name,
      residentIdMasked: l.residentIdMasked,
      cardMasked: l.cardMasked,
      bankName: l.bankName,
      quantity: l.quantity,
      standard: l.standardFen === null ? null : formatYuan(l.standardFen),
      amount: formatYuan(l.amountFen),
      remark: l.remark,
      findings: l.findings,
      reviewNote: l.reviewNote,
      withdrawn: l.withdrawn,
      openObjections: open.get(l.lineNo) ?? 0,
      ...f,
    };
  });
  let total = Number(count?.n ?? 0n);
  if (all) {
    items = items.filter((i) => i.status === filter.status && !i.withdrawn);
    total = items.length;
    items = items.slice(page.offset, page.offset + page.limit);
  }
  return { items, total };
}

/** The township reviewer's note on a line with warnings (OFFICIAL, OVER_STANDARD, CARD_PASSBOOK). */
export async function noteLine(tx: Db, actor: Actor, rosterId: string, lineNo: number, note: string, at = nowDate()): Promise<void> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "townshipReview" && roster.status !== "villageReview") fail("NOT_EDITABLE", "只能在审核环节填写审核意见。");
  const changed = await tx
    .update(subsidyRosterLine)
    .set({ reviewNote: note })
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)))
    .returning({ lineNo: subsidyRosterLine.lineNo });
  if (changed.length === 0) fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.lineNoted", entityType: "subsidyRoster", entityId: rosterId, after: { lineNo, note } }, at);
}

/** The indicator the roster will be paid from; set by the township before district review. */
export async function setRosterIndicator(tx: Db, actor: Actor, rosterId: string, indicatorId: string, at = nowDate()): Promise<RosterView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.reservationId) fail("NOT_EDITABLE", "清册已占用指标，不能更换。");
  await tx.update(subsidyRoster).set({ indicatorId, updatedAt: at }).where(and(eq(subsidyRoster.regionCode, roster.regionCode), eq(subsidyRoster.id, rosterId)));
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.rosterIndicatorSet", entityType: "subsidyRoster", entityId: rosterId, before: { indicatorId: roster.indicatorId }, after: { indicatorId } }, at);
  return rosterView(tx, { ...roster, indicatorId });
}

// ---------------------------------------------------------------- the flow

/**
 * The roster flow runs at the township (its audit chain is the township's), while a village user's
 * scope is the village. After the roster itself has been checked against the user's own scope,
 * the flow engine is called with the scope widened to the roster's township, for this roster only.
 */
function onTownship(actor: Actor, regionCode: string): Actor {
  return actor.scopePrefix.length === 12 && actor.scopePrefix.startsWith(regionCode) ? { ...actor, scopePrefix: regionCode } : actor;
}

/** The roster's flow matter, with the moves the user may make now. */
export async function rosterTask(db: Db, actor: Actor, rosterId: string): Promise<TaskDetail> {
  const roster = await getRoster(db, actor, rosterId);
  invariant(roster.flowInstanceId, "a roster has its flow");
  return getTask(db, onTownship(actor, roster.regionCode), roster.flowInstanceId);
}

/** Moves a roster along its flow (the engine checks the role, the state and separation of duties). */
export async function moveRoster(tx: Db, actor: Actor, rosterId: string, input: { action: string; note?: string | undefined; expectedState: string }, at = nowDate()): Promise<void> {
  const roster = await lockRoster(tx, actor, rosterId);
  invariant(roster.flowInstanceId, "a roster has its flow");
  await transition(tx, onTownship(actor, roster.regionCode), { instanceId: roster.flowInstanceId, ...input }, at);
}

async function paidTotal(db: Db, regionCode: string, rosterId: string): Promise<bigint> {
  const [row] = await db
    .select({ total: sql<string | null>`sum(${subsidyLinePayment.amountFen})` })
    .from(subsidyLinePayment)
    .where(and(eq(subsidyLinePayment.regionCode, regionCode), eq(subsidyLinePayment.rosterId, rosterId)));
  return BigInt(row?.total ?? 0);
}

export const rosterFlow: FlowDefinition = {
  code: ROSTER_FLOW,
  name: "惠农补贴清册",
  entityType: "subsidyRoster",
  initialState: "draft",
  states: {
    draft: { name: "村级录入", roles: ["villageReviewer", "subsidyClerk"], deadlineWorkingDays: 10 },
    villageReview: { name: "村级审核", roles: ["villageReviewer", "subsidyClerk"], deadlineWorkingDays: 3 },
    townshipReview: { name: "乡镇审核", roles: ["subsidyClerk", "townshipDirector"], deadlineWorkingDays: 5 },
    notice: { name: "公示中", roles: ["subsidyClerk"], deadlineWorkingDays: 30 },
    districtReview: { name: "区财政审核", roles: ["districtSupervisor"], deadlineWorkingDays: 5 },
    payment: { name: "发放中", roles: ["cashier", "subsidyClerk"], deadlineWorkingDays: 30 },
    closed: { name: "已办结", roles: [], final: true },
    rejected: { name: "不予发放", roles: [], final: true },
  },
  transitions: [
    { from: "draft", action: "submit", label: "提交村级审核", to: "villageReview" },
    { from: "villageReview", action: "villageApprove", label: "村级审核通过", to: "townshipReview" },
    { from: "villageReview", action: "villageReturn", label: "退回修改", to: "draft", noteRequired: true },
    { from: "townshipReview", action: "townshipApprove", label: "乡镇审核通过，进入公示", to: "notice", separateFromCreator: true },
    { from: "townshipReview", action: "townshipReturn", label: "退回村级修改", to: "draft", noteRequired: true },
    { from: "townshipReview", action: "townshipReject", label: "不予发放", to: "rejected", noteRequired: true, separateFromCreator: true },
    { from: "notice", action: "endNotice", label: "公示期满，报区财政审核", to: "districtReview" },
    { from: "districtReview", action: "districtApprove", label: "区财政审核通过（占用指标）", to: "payment", separateFromCreator: true },
    { from: "districtReview", action: "districtReturn", label: "退回乡镇", to: "townshipReview", noteRequired: true },
    { from: "districtReview", action: "districtReject", label: "不予发放", to: "rejected", noteRequired: true, separateFromCreator: true },
    { from: "payment", action: "close", label: "发放办结（释放余额）", to: "closed" },
  ],
  // A roster's matter is held at the township; a village user works on its own village's rosters.
  narrowScope(actor) {
    if (actor.scopePrefix.length !== 12) return null;
    const township = actor.scopePrefix.slice(0, 9);
    return and(
      eq(flowInstance.regionCode, township),
      sql`${flowInstance.entityId} in (select ${subsidyRoster.id}::text from ${subsidyRoster} where ${subsidyRoster.regionCode} = ${township} and ${subsidyRoster.villageCode} = ${actor.scopePrefix})`,
    )!;
  },
  async onTransition(tx, ctx) {
    const regionCode = ctx.regionCode.slice(0, 9);
    const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.id, ctx.entityId))).for("update");
    invariant(roster, "the flow's roster exists");
    const set: Partial<typeof subsidyRoster.$inferInsert> = { status: ctx.to as RosterStatus, updatedAt: ctx.at };
    const fresh = await refreshRosterTotals(tx, roster, ctx.at);
    if (ctx.from === "draft" && ctx.to === "villageReview" && fresh.lineCount === 0) fail("NOTHING_TO_PAY", "清册没有任何人员，不能提交。");
    if (ctx.from === "townshipReview" && ctx.to === "notice") {
      if (fresh.errorCount > 0) fail("ROSTER_HAS_ERRORS", `清册还有 ${fresh.errorCount} 项错误，须退回村级修改后才能通过。`);
      const unnoted = await tx
        .select({ lineNo: subsidyRosterLine.lineNo })
        .from(subsidyRosterLine)
        .where(
          and(
            eq(subsidyRosterLine.regionCode, regionCode),
            eq(subsidyRosterLine.rosterId, roster.id),
            eq(subsidyRosterLine.withdrawn, false),
            sql`${subsidyRosterLine.findings} @> '[{"severity":"warning"}]'::jsonb`,
            sql`coalesce(trim(${subsidyRosterLine.reviewNote}), '') = ''`,
          ),
        )
        .limit(20);
      if (unnoted.length) fail("REVIEW_NOTE_MISSING", `第 ${unnoted.map((u) => u.lineNo).join("、")} 行有提示项，须填写审核意见后才能通过。`);
      const startsOn = chinaDate(ctx.at);
      set.noticeStartsOn = startsOn;
      set.noticeEndsOn = noticeEndsOn(startsOn, await noticeDays(tx, roster.villageCode ?? regionCode));
    }
    if (ctx.from === "notice" && ctx.to === "districtReview") {
      invariant(roster.noticeEndsOn, "a roster in notice has its end date");
      if (!noticeOver(roster.noticeEndsOn, chinaDate(ctx.at))) fail("NOTICE_NOT_OVER", `公示期至 ${roster.noticeEndsOn} 止，期满后才能报送。`);
    }
    if (ctx.from === "districtReview" && ctx.to === "payment") {
      if (!roster.indicatorId) fail("INDICATOR_MISSING", "请先为清册指定支出指标（乡镇财政所办理）。");
      if (fresh.totalFen <= 0n) fail("NOTHING_TO_PAY", "清册金额为零，无需发放。");
      const { reservationId } = await reserveOnIndicator(tx, ctx.actor, { regionCode, indicatorId: roster.indicatorId!, amountFen: fresh.totalFen, sourceType: "subsidyRoster", sourceId: roster.id }, ctx.at);
      set.reservationId = reservationId;
    }
    if (ctx.from === "payment" && ctx.to === "closed") {
      const facts = await paymentFacts(tx, regionCode, roster.id, null);
      const lines = await tx.select({ lineNo: subsidyRosterLine.lineNo }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, regionCode), eq(subsidyRosterLine.rosterId, roster.id)));
      if (lines.some((l) => facts(l.lineNo).status === "inBank")) fail("LINES_IN_BANK", "还有已送银行、未回盘的发放记录，不能办结。");
      invariant(roster.reservationId, "a roster in payment has a reservation");
      const remaining = fresh.totalFen - (await paidTotal(tx, regionCode, roster.id));
      if (remaining > 0n) await releaseReservation(tx, ctx.actor, { regionCode, reservationId: roster.reservationId!, amountFen: remaining }, ctx.at);
    }
    await tx.update(subsidyRoster).set(set).where(and(eq(subsidyRoster.regionCode, regionCode), eq(subsidyRoster.id, roster.id)));
    await recordAudit(tx, { regionCode, actor: who(ctx.actor), action: "subsidy.rosterStatusChanged", entityType: "subsidyRoster", entityId: roster.id, before: { status: roster.status }, after: { status: ctx.to, noticeEndsOn: set.noticeEndsOn ?? roster.noticeEndsOn, reservationId: set.reservationId ?? roster.reservationId } }, ctx.at);
  },
};
registerFlow(rosterFlow);

// ---------------------------------------------------------------- public notice and objections

export interface NoticeView {
  roster: RosterView;
  townshipName: string;
  lines: { lineNo: number; villageName: string; name: string; residentIdMasked: string; quantity: string; amount: string }[];
  howToObject: string;
}

export async function noticeOf(db: Db, actor: Actor, rosterId: string): Promise<NoticeView> {
  const roster = await getRoster(db, actor, rosterId);
  const lines = await db
    .select()
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const [township] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, roster.regionCode));
  return {
    roster,
    townshipName: township?.name ?? roster.regionCode,
    lines: lines.map((l) => ({ lineNo: l.lineNo, villageName: l.villageName || roster.villageName || "", name: l.name, residentIdMasked: l.residentIdMasked, quantity: l.quantity, amount: formatYuan(l.amountFen) })),
    howToObject: `公示期${roster.noticeStartsOn ? ` ${roster.noticeStartsOn} 至 ${roster.noticeEndsOn}` : ""}。对公示内容有异议的，请在公示期内向村（居）委会或${township?.name ?? ""}财政所实名反映（当面、电话或书面），我们将登记并核实答复。`,
  };
}

export interface ObjectionView {
  id: string;
  rosterId: string;
  lineNo: number;
  name: string;
  raisedBy: string;
  reason: string;
  raisedAt: string;
  outcome: "upheld" | "dismissed" | null;
  outcomeNote: string | null;
  resolvedAt: string | null;
}

export async function listObjections(db: Db, actor: Actor, rosterId: string): Promise<ObjectionView[]> {
  const roster = await getRoster(db, actor, rosterId);
  const found = await db
    .select({ o: subsidyObjection, name: subsidyRosterLine.name })
    .from(subsidyObjection)
    .leftJoin(subsidyRosterLine, and(eq(subsidyRosterLine.regionCode, subsidyObjection.regionCode), eq(subsidyRosterLine.rosterId, subsidyObjection.rosterId), eq(subsidyRosterLine.lineNo, subsidyObjection.lineNo)))
    .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId)))
    .orderBy(asc(subsidyObjection.raisedAt));
  return found.map(({ o, name }) => ({ id: o.id, rosterId: o.rosterId, lineNo: o.lineNo, name: name ?? "", raisedBy: o.raisedBy, reason: o.reason, raisedAt: o.raisedAt.toISOString(), outcome: o.outcome, outcomeNote: o.outcomeNote, resolvedAt: o.resolvedAt?.toISOString() ?? null }));
}

export async function recordObjection(tx: Db, actor: Actor, rosterId: string, input: { lineNo: number; raisedBy: string; reason: string }, at = nowDate()): Promise<ObjectionView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "notice") fail("NOT_EDITABLE", "只能在公示期内登记异议。");
  const [line] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, input.lineNo)));
  if (!line) return fail("NOT_FOUND", `清册第 ${input.lineNo} 行不存在。`);
  const id = uuidv7(at.getTime());
  await tx.insert(subsidyObjection).values({ regionCode: roster.regionCode, id, rosterId, lineNo: input.lineNo, raisedBy: input.raisedBy, reason: input.reason, raisedAt: at, recordedBy: actor.userId });
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.objectionRecorded", entityType: "subsidyRoster", entityId: rosterId, after: { objectionId: id, lineNo: input.lineNo, raisedBy: input.raisedBy, reason: input.reason } }, at);
  return { id, rosterId, lineNo: input.lineNo, name: line.name, raisedBy: input.raisedBy, reason: input.reason, raisedAt: at.toISOString(), outcome: null, outcomeNote: null, resolvedAt: null };
}

/** Resolves an objection: upheld withdraws the person's entry from payment; dismissed frees it. */
export async function resolveObjection(tx: Db, actor: Actor, objectionId: string, input: { outcome: "upheld" | "dismissed"; note: string }, at = nowDate()): Promise<ObjectionView> {
  const [o] = await tx.select().from(subsidyObjection).where(and(eq(subsidyObjection.id, objectionId), scopeCondition(subsidyObjection.regionCode, actor.scopePrefix.slice(0, 9)))).for("update");
  if (!o) return fail("OUT_OF_SCOPE", "异议不存在或不在您的数据范围内。");
  const roster = await lockRoster(tx, actor, o.rosterId);
  if (o.outcome) fail("NOT_EDITABLE", "该异议已处理。");
  const facts = await paymentFacts(tx, roster.regionCode, roster.id, [o.lineNo]);
  if (input.outcome === "upheld" && facts(o.lineNo).status !== "unpaid") fail("NOT_EDITABLE", "该人员已送银行发放，异议成立请登记追回。");
  await tx.update(subsidyObjection).set({ outcome: input.outcome, outcomeNote: input.note, resolvedBy: actor.userId, resolvedAt: at }).where(and(eq(subsidyObjection.regionCode, o.regionCode), eq(subsidyObjection.id, o.id)));
  if (input.outcome === "upheld") {
    await tx.update(subsidyRosterLine).set({ withdrawn: true }).where(and(eq(subsidyRosterLine.regionCode, o.regionCode), eq(subsidyRosterLine.rosterId, o.rosterId), eq(subsidyRosterLine.lineNo, o.lineNo)));
    const fresh = await refreshRosterTotals(tx, roster, at);
    // A roster already reserved gives the withdrawn amount back to the indicator at once.
    if (roster.reservationId && roster.totalFen > fresh.totalFen) {
      await releaseReservation(tx, actor, { regionCode: roster.regionCode, reservationId: roster.reservationId, amountFen: roster.totalFen - fresh.totalFen }, at);
    }
  }
  await recordAudit(tx, { regionCode: o.regionCode, actor: who(actor), action: "subsidy.objectionResolved", entityType: "subsidyRoster", entityId: o.rosterId, before: { objectionId: o.id, outcome: null }, after: { objectionId: o.id, lineNo: o.lineNo, outcome: input.outcome, note: input.note } }, at);
  const [line] = await tx.select({ name: subsidyRosterLine.name }).from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, o.regionCode), eq(subsidyRosterLine.rosterId, o.rosterId), eq(subsidyRosterLine.lineNo, o.lineNo)));
  return { id: o.id, rosterId: o.rosterId, lineNo: o.lineNo, name: line?.name ?? "", raisedBy: o.raisedBy, reason: o.reason, raisedAt: o.raisedAt.toISOString(), outcome: input.outcome, outcomeNote: input.note, resolvedAt: at.toISOString() };
}

// ---------------------------------------------------------------- payment

export interface BatchView {
  id: string;
  regionCode: string;
  rosterId: string;
  batchNo: string;
  bankCode: string;
  kind: "first" | "repayment";
  lineCount: number;
  total: string;
  createdAt: string;
  paidCount: number;
  failedCount: number;
  pendingCount: number;
}

async function batchView(db: Db, b: typeof subsidyBatch.$inferSelect): Promise<BatchView> {
  const results = await db
    .select({ outcome: subsidyBankResult.outcome, n: sql<bigint>`count(*)` })
    .from(subsidyDisbursement)
    .leftJoin(subsidyBankResult, and(eq(subsidyBankResult.regionCode, subsidyDisbursement.regionCode), eq(subsidyBankResult.referenceNo, subsidyDisbursement.referenceNo)))
    .where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id)))
    .groupBy(subsidyBankResult.outcome);
  const n = (o: string | null) => Number(results.find((r) => r.outcome === o)?.n ?? 0n);
  return { id: b.id, regionCode: b.regionCode, rosterId: b.rosterId, batchNo: b.batchNo, bankCode: b.bankCode, kind: b.kind, lineCount: b.lineCount, total: formatYuan(b.totalFen), createdAt: b.createdAt.toISOString(), paidCount: n("paid"), failedCount: n("failed"), pendingCount: n(null) };
}

export async function listBatches(db: Db, actor: Actor, filter: { rosterId?: string | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(subsidyBatch.regionCode, actor.scopePrefix.slice(0, 9))];
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  if (filter.rosterId) conditions.push(eq(subsidyBatch.rosterId, filter.rosterId));
  const where = and(...conditions);
  const found = await db.select().from(subsidyBatch).where(where).orderBy(desc(subsidyBatch.createdAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyBatch).where(where);
  const items: BatchView[] = [];
  for (const b of found) items.push(await batchView(db, b));
  return { items, total: Number(count?.n ?? 0n) };
}

async function lockBatch(tx: Db, actor: Actor, id: string) {
  const [b] = await tx.select().from(subsidyBatch).where(and(eq(subsidyBatch.id, id), scopeCondition(subsidyBatch.regionCode, actor.scopePrefix)));
  if (!b || actor.scopePrefix.length === 12) return fail("OUT_OF_SCOPE", "发放批次不存在或不在您的数据范围内。");
  return b;
}

export async function getBatch(db: Db, actor: Actor, id: string): Promise<BatchView> {
  return batchView(db, await lockBatch(db, actor, id));
}

/**
 * Makes a disbursement batch: the roster's lines not yet sent (first) or whose last attempt failed
 * (repayment), leaving out withdrawn lines and lines with an open objection. Each line gets its own
 * reference number. The roster's reservation covers every batch of the roster.
 */
export async function createBatch(tx: Db, actor: Actor, rosterId: string, input: { bankCode: string; kind: "first" | "repayment" }, at = nowDate()): Promise<BatchView> {
  const roster = await lockRoster(tx, actor, rosterId);
  if (roster.status !== "payment") fail("NOT_EDITABLE", "清册须经区财政审核通过后才能发放。");
  const layouts = await bankLayouts(tx, roster.regionCode);
  if (!layouts.some((l) => l.code === input.bankCode)) fail("VALIDATION_FAILED", `未配置代发银行 ${input.bankCode}。`, [{ path: "bankCode", message: "代发银行不存在" }]);
  const lines = await tx
    .select()
    .from(subsidyRosterLine)
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.withdrawn, false)))
    .orderBy(asc(subsidyRosterLine.lineNo));
  const facts = await paymentFacts(tx, roster.regionCode, rosterId, null);
  const held = new Set(
    (
      await tx
        .select({ lineNo: subsidyObjection.lineNo })
        .from(subsidyObjection)
        .where(and(eq(subsidyObjection.regionCode, roster.regionCode), eq(subsidyObjection.rosterId, rosterId), isNull(subsidyObjection.outcome)))
    ).map((o) => o.lineNo),
  );
  const wanted: LineStatus = input.kind === "first" ? "unpaid" : "failed";
  const chosen = lines.filter((l) => !held.has(l.lineNo) && facts(l.lineNo).status === wanted && l.amountFen > 0n && l.cardSealed);
  if (chosen.length === 0) fail("NOTHING_TO_PAY", input.kind === "first" ? "没有待发放的人员（有异议未处理的人员暂不发放）。" : "重发名单为空。");
  if (chosen.length > BATCH_LINES_MAX) fail("VALIDATION_FAILED", `一个批次最多 ${BATCH_LINES_MAX} 行。`);
  const [{ n }] = (await tx.select({ n: sql<bigint>`count(*)` }).from(subsidyBatch).where(eq(subsidyBatch.regionCode, roster.regionCode))) as [{ n: bigint }];
  const batchNo = `${roster.regionCode}${chinaDate(at).replaceAll("-", "")}${String(Number(n) + 1).padStart(4, "0")}`;
  const id = uuidv7(at.getTime());
  const totalFen = chosen.reduce((s, l) => s + l.amountFen, 0n);
  await tx.insert(subsidyBatch).values({ regionCode: roster.regionCode, id, rosterId, batchNo, bankCode: input.bankCode, kind: input.kind, lineCount: chosen.length, totalFen, createdBy: actor.userId, createdAt: at });
  const rows = chosen.map((l, i) => ({
    regionCode: roster.regionCode,
    referenceNo: referenceNo(batchNo, i + 1),
    batchId: id,
    rosterId,
    lineNo: l.lineNo,
    name: l.name,
    cardSealed: l.cardSealed!,
    cardMasked: l.cardMasked,
    bankName: l.bankName,
    amountFen: l.amountFen,
    createdAt: at,
  }));
  for (let i = 0; i < rows.length; i += LINE_INSERT_CHUNK) await tx.insert(subsidyDisbursement).values(rows.slice(i, i + LINE_INSERT_CHUNK));
  invariant(rows.reduce((s, r) => s + r.amountFen, 0n) === totalFen, "a batch's lines add up to its total");
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.batchCreated", entityType: "subsidyBatch", entityId: id, after: { rosterId, batchNo, kind: input.kind, bankCode: input.bankCode, lines: chosen.length, total: formatYuan(totalFen) } }, at);
  const [b] = await tx.select().from(subsidyBatch).where(and(eq(subsidyBatch.regionCode, roster.regionCode), eq(subsidyBatch.id, id)));
  return batchView(tx, b!);
}

export interface BankFile {
  filename: string;
  contentType: string;
  layout: BankLayout;
  header: string[];
  rows: string[][];
}

/** The agency bank's file for a batch (full card numbers: the export is audited). */
export async function bankFileOf(tx: Db, actor: Actor, keys: DataKeys, batchId: string, at = nowDate()): Promise<BankFile> {
  const b = await lockBatch(tx, actor, batchId);
  const layout = (await bankLayouts(tx, b.regionCode)).find((l) => l.code === b.bankCode);
  if (!layout) return fail("VALIDATION_FAILED", `未配置代发银行 ${b.bankCode}。`);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, b.regionCode), eq(subsidyRoster.id, b.rosterId)));
  invariant(roster, "a batch's roster exists");
  const item = await getItem(tx, b.regionCode, roster.itemCode);
  const lines = await tx.select().from(subsidyDisbursement).where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id))).orderBy(asc(subsidyDisbursement.referenceNo));
  const rows = lines.map((l) => bankFileRow(layout, { referenceNo: l.referenceNo, name: l.name, card: decryptPersonal(keys, l.cardSealed), amountFen: l.amountFen, bank: l.bankName, item: item.name, period: roster.period }));
  await recordAudit(tx, { regionCode: b.regionCode, actor: who(actor), action: "subsidy.bankFileExported", entityType: "subsidyBatch", entityId: b.id, after: { batchNo: b.batchNo, bankCode: b.bankCode, lines: lines.length } }, at);
  return {
    filename: `${b.batchNo}.${layout.format}`,
    contentType: layout.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    layout,
    header: layout.columns.map((c) => c.header),
    rows,
  };
}

export interface ResultImportReport {
  lines: number;
  newlyPaid: number;
  newlyFailed: number;
  alreadyKnown: number;
  duplicatePayments: number;
  paidAmount: string;
}

/**
 * Imports a bank result (by reference number). A reference already answered is skipped, so the
 * same file imported twice changes nothing; a paid line settles its share of the reservation and
 * the lines paid are announced to the ledger (subsidy.linesPaid) in this transaction. A second
 * "paid" for a line already paid cannot be recorded as paid (primary key): it becomes a recovery.
 */
export async function importBankResult(tx: Db, actor: Actor, batchId: string, lines: BankResultLine[], at = nowDate()): Promise<ResultImportReport> {
  const b = await lockBatch(tx, actor, batchId);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, b.regionCode), eq(subsidyRoster.id, b.rosterId))).for("update");
  invariant(roster, "a batch's roster exists");
  const known = await tx.select().from(subsidyDisbursement).where(and(eq(subsidyDisbursement.regionCode, b.regionCode), eq(subsidyDisbursement.batchId, b.id)));
  const byRef = new Map(known.map((d) => [d.referenceNo, d]));
  const unknown = lines.filter((l) => !byRef.has(l.referenceNo));
  if (unknown.length) fail("BANK_RESULT_UNKNOWN_REFERENCE", `回盘文件中有 ${unknown.length} 个参考号不属于本批次（如 ${unknown[0]!.referenceNo}），未导入。`);
  const seen = new Set<string>();
  const report: ResultImportReport = { lines: lines.length, newlyPaid: 0, newlyFailed: 0, alreadyKnown: 0, duplicatePayments: 0, paidAmount: "0.00" };
  let paidFen = 0n;
  let paidCount = 0;
  let paidAt = "";
  const today = chinaDate(at);
  for (const line of lines) {
    if (seen.has(line.referenceNo)) continue;
    seen.add(line.referenceNo);
    const d = byRef.get(line.referenceNo)!;
    const inserted = await tx
      .insert(subsidyBankResult)
      .values({ regionCode: b.regionCode, referenceNo: line.referenceNo, outcome: line.outcome, reason: line.reason.slice(0, 200), paidOn: line.outcome === "paid" ? (line.paidOn ?? today) : null, importedBy: actor.userId, importedAt: at })
      .onConflictDoNothing()
      .returning({ referenceNo: subsidyBankResult.referenceNo });
    if (inserted.length === 0) {
      report.alreadyKnown++;
      continue;
    }
    if (line.outcome === "failed") {
      report.newlyFailed++;
      continue;
    }
    const paid = await tx
      .insert(subsidyLinePayment)
      .values({ regionCode: b.regionCode, rosterId: d.rosterId, lineNo: d.lineNo, referenceNo: d.referenceNo, amountFen: d.amountFen, paidOn: line.paidOn ?? today })
      .onConflictDoNothing()
      .returning({ lineNo: subsidyLinePayment.lineNo });
    if (paid.length === 0) {
      report.duplicatePayments++;
      await tx.insert(subsidyRecovery).values({ regionCode: b.regionCode, id: uuidv7(at.getTime()), rosterId: d.rosterId, lineNo: d.lineNo, amountFen: d.amountFen, reason: `重复支付（参考号 ${d.referenceNo}），须追回`, recordedBy: actor.userId, recordedAt: at });
      continue;
    }
    report.newlyPaid++;
    paidCount++;
    const on = line.paidOn ?? today;
    if (on > paidAt) paidAt = on;
    paidFen += d.amountFen;
  }
  report.paidAmount = formatYuan(paidFen);
  if (paidFen > 0n) {
    invariant(roster.reservationId, "a roster in payment has a reservation");
    await settleReservation(tx, actor, { regionCode: b.regionCode, reservationId: roster.reservationId!, amountFen: paidFen }, at);
    const item = await getItem(tx, b.regionCode, roster.itemCode);
    await publish(
      tx,
      {
        regionCode: b.regionCode,
        topic: "subsidy.linesPaid",
        payload: { batchId: b.id, regionCode: b.regionCode, itemCode: item.code, itemName: item.name, indicatorId: roster.indicatorId, functionalCode: item.functionalCode, economicCode: item.economicCode, amount: formatYuan(paidFen), lineCount: paidCount, paidAt },
      },
      at,
    );
  }
  await recordAudit(tx, { regionCode: b.regionCode, actor: who(actor), action: "subsidy.bankResultImported", entityType: "subsidyBatch", entityId: b.id, after: report }, at);
  return report;
}

/** Corrects the card of a roster line before a (re)payment; audited with both masked numbers. */
export async function correctLineCard(tx: Db, actor: Actor, keys: DataKeys, rosterId: string, lineNo: number, input: { card: string; bankName?: string | undefined; accountType?: AccountType | undefined }, at = nowDate()): Promise<LineView> {
  const roster = await lockRoster(tx, actor, rosterId);
  const [line] = await tx.select().from(subsidyRosterLine).where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo))).for("update");
  if (!line) return fail("NOT_FOUND", `清册第 ${lineNo} 行不存在。`);
  const facts = await paymentFacts(tx, roster.regionCode, rosterId, [lineNo]);
  const status = facts(lineNo).status;
  if (status === "paid" || status === "inBank") fail("NOT_EDITABLE", status === "paid" ? "该人员已发放成功，不能改卡。" : "该人员的发放记录尚在银行处理，回盘后再改卡。");
  const card = validCard(input.card, input.accountType ?? "card");
  const masked = maskBankCard(card);
  await tx
    .update(subsidyRosterLine)
    .set({ cardSealed: encryptPersonal(keys, card), cardIndex: cardIndex(keys, card), cardMasked: masked, ...(input.bankName !== undefined ? { bankName: input.bankName } : {}) })
    .where(and(eq(subsidyRosterLine.regionCode, roster.regionCode), eq(subsidyRosterLine.rosterId, rosterId), eq(subsidyRosterLine.lineNo, lineNo)));
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.cardChanged", entityType: "subsidyRoster", entityId: rosterId, before: { lineNo, card: line.cardMasked, bankName: line.bankName }, after: { lineNo, card: masked, bankName: input.bankName ?? line.bankName } }, at);
  // The registry keeps the corrected card too, so the next roster starts right.
  const [person] = await tx.select().from(subsidyRecipient).where(and(eq(subsidyRecipient.regionCode, roster.regionCode), eq(subsidyRecipient.residentIdIndex, line.residentIdIndex)));
  if (person && person.cardIndex !== cardIndex(keys, card)) {
    await tx.update(subsidyRecipient).set({ cardSealed: encryptPersonal(keys, card), cardIndex: cardIndex(keys, card), cardMasked: masked, accountType: input.accountType ?? person.accountType, ...(input.bankName !== undefined ? { bankName: input.bankName } : {}), updatedAt: at }).where(and(eq(subsidyRecipient.regionCode, roster.regionCode), eq(subsidyRecipient.id, person.id)));
    await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.cardChanged", entityType: "subsidyRecipient", entityId: person.id, before: { card: person.cardMasked }, after: { card: masked } }, at);
  }
  return (await linesByNo(tx, actor, rosterId, [lineNo]))[0]!;
}

async function linesByNo(db: Db, actor: Actor, rosterId: string, lineNos: number[]): Promise<LineView[]> {
  const found: LineView[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await listLines(db, actor, rosterId, {}, { limit: 100, offset });
    found.push(...page.items.filter((l) => lineNos.includes(l.lineNo)));
    if (page.items.length < 100) return found;
  }
}

/** The re-payment list: lines whose last bank attempt failed, across the actor's rosters in payment. */
export async function repaymentList(db: Db, actor: Actor, page: { limit: number; offset: number }) {
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  const rosters = await db.select().from(subsidyRoster).where(and(scopeCondition(subsidyRoster.regionCode, actor.scopePrefix), eq(subsidyRoster.status, "payment")));
  const items: (LineView & { regionCode: string; rosterId: string; itemName: string; period: string })[] = [];
  for (const r of rosters) {
    const view = await rosterView(db, r);
    const failed = await listLines(db, actor, r.id, { status: "failed" }, { limit: BATCH_LINES_MAX, offset: 0 });
    for (const l of failed.items) items.push({ ...l, regionCode: r.regionCode, rosterId: r.id, itemName: view.itemName, period: r.period });
  }
  return { items: items.slice(page.offset, page.offset + page.limit), total: items.length };
}

export async function recordRecovery(tx: Db, actor: Actor, rosterId: string, input: { lineNo: number; amountFen: bigint; reason: string }, at = nowDate()) {
  const roster = await lockRoster(tx, actor, rosterId);
  const [paid] = await tx.select().from(subsidyLinePayment).where(and(eq(subsidyLinePayment.regionCode, roster.regionCode), eq(subsidyLinePayment.rosterId, rosterId), eq(subsidyLinePayment.lineNo, input.lineNo)));
  if (!paid) fail("NOT_EDITABLE", "只有已发放的人员才需登记追回。");
  if (input.amountFen <= 0n || input.amountFen > paid!.amountFen) fail("VALIDATION_FAILED", `追回金额须大于零且不超过已发放的 ${formatYuan(paid!.amountFen)} 元。`, [{ path: "amount", message: "金额无效" }]);
  const id = uuidv7(at.getTime());
  await tx.insert(subsidyRecovery).values({ regionCode: roster.regionCode, id, rosterId, lineNo: input.lineNo, amountFen: input.amountFen, reason: input.reason, recordedBy: actor.userId, recordedAt: at });
  await recordAudit(tx, { regionCode: roster.regionCode, actor: who(actor), action: "subsidy.recoveryRecorded", entityType: "subsidyRoster", entityId: rosterId, after: { recoveryId: id, lineNo: input.lineNo, amount: formatYuan(input.amountFen), reason: input.reason } }, at);
  return { id, rosterId, lineNo: input.lineNo, amount: formatYuan(input.amountFen), reason: input.reason, recordedAt: at.toISOString() };
}

export async function listRecoveries(db: Db, actor: Actor, page: { limit: number; offset: number }) {
  if (actor.scopePrefix.length === 12) return { items: [], total: 0 };
  const where = scopeCondition(subsidyRecovery.regionCode, actor.scopePrefix);
  const found = await db
    .select({ r: subsidyRecovery, name: subsidyRosterLine.name, masked: subsidyRosterLine.residentIdMasked, recoveredOn: subsidyRecoveryReceipt.recoveredOn })
    .from(subsidyRecovery)
    .leftJoin(subsidyRosterLine, and(eq(subsidyRosterLine.regionCode, subsidyRecovery.regionCode), eq(subsidyRosterLine.rosterId, subsidyRecovery.rosterId), eq(subsidyRosterLine.lineNo, subsidyRecovery.lineNo)))
    .leftJoin(subsidyRecoveryReceipt, and(eq(subsidyRecoveryReceipt.regionCode, subsidyRecovery.regionCode), eq(subsidyRecoveryReceipt.recoveryId, subsidyRecovery.id)))
    .where(where)
    .orderBy(desc(subsidyRecovery.recordedAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(subsidyRecovery).where(where);
  return {
    items: found.map(({ r, name, masked, recoveredOn }) => ({ id: r.id, regionCode: r.regionCode, rosterId: r.rosterId, lineNo: r.lineNo, name: name ?? "", residentIdMasked: masked ?? "", amount: formatYuan(r.amountFen), reason: r.reason, recordedAt: r.recordedAt.toISOString(), recoveredOn: recoveredOn ?? null })),
    total: Number(count?.n ?? 0n),
  };
}

/** A recovery in the actor's scope (never a village's: recoveries are the township's work). */
export async function recoveryOf(db: Db, actor: Actor, id: string): Promise<typeof subsidyRecovery.$inferSelect> {
  const [r] = await db.select().from(subsidyRecovery).where(and(eq(subsidyRecovery.id, id), scopeCondition(subsidyRecovery.regionCode, actor.scopePrefix)));
  if (!r || actor.scopePrefix.length === 12) return fail("OUT_OF_SCOPE", "追回记录不存在或不在您的数据范围内。");
  return r;
}

/**
 * Records that the money of a wrong payment came back (追回到账), once per recovery (primary key),
 * and announces it to the ledger (subsidy.linesRecovered) in the same transaction.
 */
export async function recordRecoveryReceipt(tx: Db, actor: Actor, recoveryId: string, input: { recoveredOn: string; note?: string | undefined }, at = nowDate()) {
  const r = await recoveryOf(tx, actor, recoveryId);
  const [roster] = await tx.select().from(subsidyRoster).where(and(eq(subsidyRoster.regionCode, r.regionCode), eq(subsidyRoster.id, r.rosterId))).for("update");
  invariant(roster, "a recovery's roster exists");
  const recordedOn = chinaDate(r.recordedAt);
  const today = chinaDate(at);
  if (input.recoveredOn > today || input.recoveredOn < recordedOn) {
    fail("VALIDATION_FAILED", `到账日期须在 ${recordedOn}（登记追回之日）至 ${today} 之间。`, [{ path: "recoveredOn", message: "日期无效" }]);
  }
  const inserted = await tx
    .insert(subsidyRecoveryReceipt)
    .values({ regionCode: r.regionCode, recoveryId: r.id, amountFen: r.amountFen, recoveredOn: input.recoveredOn, note: input.note ?? "", recordedBy: actor.userId, recordedAt: at })
    .onConflictDoNothing()
    .returning({ id: subsidyRecoveryReceipt.recoveryId });
  if (inserted.length === 0) fail("NOT_EDITABLE", "该笔追回已登记到账。");
  const item = await getItem(tx, r.regionCode, roster.itemCode);
  const amount = formatYuan(r.amountFen);
  await publish(
    tx,
    {
      regionCode: r.regionCode,
      topic: "subsidy.linesRecovered",
      payload: { recoveryId: r.id, regionCode: r.regionCode, itemCode: item.code, amount, recoveredAt: input.recoveredOn, itemName: item.name, rosterId: r.rosterId, lineNo: r.lineNo, indicatorId: roster.indicatorId, functionalCode: item.functionalCode, economicCode: item.economicCode },
    },
    at,
  );
  await recordAudit(tx, { regionCode: r.regionCode, actor: who(actor), action: "subsidy.recoveryReceived", entityType: "subsidyRoster", entityId: r.rosterId, after: { recoveryId: r.id, lineNo: r.lineNo, amount, recoveredOn: input.recoveredOn, note: input.note ?? "" } }, at);
  return { recoveryId: r.id, amount, recoveredOn: input.recoveredOn };
}

// ---------------------------------------------------------------- the residents' query and policy articles

/** Rosters a resident can see: from the public notice on; drafts and refusals are not shown. */
const PUBLIC_STATUSES: RosterStatus[] = ["notice", "districtReview", "payment", "closed"];

export interface PublicQueryItem {
  item: string;
  period: string;
  amount: string;
  status: "paid" | "pending" | "failed";
  paidAt: string | null;
  cardMasked: string;
}

/**
 * The residents' query by ID number and name. The lines are found by blind index and compared
 * by name; a wrong name gives exactly what an unknown ID gives (no items), and both paths run the
 * same queries, so neither the answer nor its timing tells who is registered.
 */
export async function publicQuery(db: Db, keys: DataKeys, input: { idNumber: string; name: string }): Promise<{ items: PublicQueryItem[] }> {
  const id = checkResidentId(input.idNumber.trim());
  const normalized = id.valid ? id.normalized : input.idNumber.trim().toUpperCase();
  const index = residentIdIndex(keys, normalized);
  const found = await db
    .select({ line: subsidyRosterLine, roster: subsidyRoster, itemName: subsidyItem.name })
    .from(subsidyRosterLine)
    .innerJoin(subsidyRoster, and(eq(subsidyRoster.regionCode, subsidyRosterLine.regionCode), eq(subsidyRoster.id, subsidyRosterLine.rosterId)))
    .leftJoin(subsidyItem, and(eq(subsidyItem.regionCode, subsidyRoster.regionCode), eq(subsidyItem.code, subsidyRoster.itemCode)))
    .where(and(eq(subsidyRosterLine.residentIdIndex, index), eq(subsidyRosterLine.withdrawn, false), inArray(subsidyRoster.status, PUBLIC_STATUSES)))
    .orderBy(desc(subsidyRoster.period), asc(subsidyRoster.itemCode))
    .limit(200);
  const name = input.name.trim();
  const mine = found.filter((f) => f.line.name === name);
  const items: PublicQueryItem[] = [];
  for (const f of mine) {
    const facts = await paymentFacts(db, f.line.regionCode, f.line.rosterId, [f.line.lineNo]);
    const s = facts(f.line.lineNo);
    items.push({ item: f.itemName ?? f.roster.itemCode, period: f.roster.period, amount: formatYuan(f.line.amountFen), status: publicStatus(s.status), paidAt: s.paidOn, cardMasked: f.line.cardMasked });
  }
  return { items };
}

export interface ArticleView {
  id: string;
  regionCode: string;
  title: string;
  body: string;
  published: boolean;
  updatedAt: string;
}

const articleView = (a: typeof subsidyArticle.$inferSelect): ArticleView => ({ id: a.id, regionCode: a.regionCode, title: a.title, body: a.body, published: a.published, updatedAt: a.updatedAt.toISOString() });

export async function listArticles(db: Db, filter: { scopePrefix?: string; regionCode?: string | undefined; publishedOnly: boolean }): Promise<ArticleView[]> {
  const conditions: SQL[] = [];
  if (filter.scopePrefix !== undefined) conditions.push(scopeCondition(subsidyArticle.regionCode, filter.scopePrefix.slice(0, 9)));
  if (filter.regionCode) conditions.push(eq(subsidyArticle.regionCode, filter.regionCode));
  if (filter.publishedOnly) conditions.push(eq(subsidyArticle.published, true));
  const found = await db.select().from(subsidyArticle).where(and(...conditions)).orderBy(desc(subsidyArticle.updatedAt)).limit(100);
  return found.map(articleView);
}

export async function saveArticle(tx: Db, actor: Actor, input: { id?: string | undefined; regionCode?: string | undefined; title: string; body: string; published: boolean }, at = nowDate()): Promise<ArticleView> {
  const regionCode = townshipFor(actor, input.regionCode);
  if (input.id) {
    const [before] = await tx.select().from(subsidyArticle).where(and(eq(subsidyArticle.id, input.id), scopeCondition(subsidyArticle.regionCode, actor.scopePrefix)));
    if (!before) return fail("OUT_OF_SCOPE", "文章不存在或不在您的数据范围内。");
    const [row] = await tx.update(subsidyArticle).set({ title: input.title, body: input.body, published: input.published, updatedAt: at }).where(and(eq(subsidyArticle.regionCode, before.regionCode), eq(subsidyArticle.id, input.id))).returning();
    await recordAudit(tx, { regionCode: before.regionCode, actor: who(actor), action: "subsidy.articleUpdated", entityType: "subsidyArticle", entityId: input.id, before: { title: before.title, published: before.published }, after: { title: input.title, published: input.published } }, at);
    return articleView(row!);
  }
  const id = uuidv7(at.getTime());
  const [row] = await tx.insert(subsidyArticle).values({ regionCode, id, title: input.title, body: input.body, published: input.published, updatedAt: at }).returning();
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.articleCreated", entityType: "subsidyArticle", entityId: id, after: { title: input.title, published: input.published } }, at);
  return articleView(row!);
}
