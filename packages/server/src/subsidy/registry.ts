// The recipient registry (补贴对象名册) and the reference lists it is checked against (deceased,
// officials, village cadres): entered one by one or imported from Excel with named columns.
import { and, asc, eq, ilike, sql, type SQL } from "drizzle-orm";
import { checkBankCard, checkResidentId, maskBankCard, maskResidentId, saveRecipientBody } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern } from "../platform/scope.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { decryptPersonal, encryptPersonal, type DataKeys } from "../platform/crypto.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { region } from "../platform/regionTable.ts";
import { normalizeHeader } from "./rules.ts";
import { cardIndex, residentIdIndex, villageDirectory } from "./check.ts";
import { inspectXlsxBuffer, rowFieldProblems, SheetFileError, streamSheetRows } from "../platform/sheetReader.ts";
import { subsidyRecipient, subsidyReferenceEntry, type AccountType, type ReferenceKind } from "./tables.ts";
import { assertVillageOf, assertWritable, fail, fileProblem, rowScope, townshipFor, who } from "./common.ts";
import type { RecipientView, RecipientImportReport as ImportReport } from "@xiangcai/shared";
export type { RecipientView, ImportReport };

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

export function validCard(raw: string, accountType: AccountType, path = "card"): string {
  const card = checkBankCard(raw.trim(), { accountType });
  if (!card.valid) return fail("VALIDATION_FAILED", `银行卡号无效：${card.reason === "CHECKSUM" ? "校验位不正确" : card.reason === "LENGTH" ? "应为15-19位数字" : "只能是数字"}`, [{ path, message: "银行卡号无效" }]);
  return card.normalized;
}

/** Creates or updates (by ID number) a recipient; a changed card is audited with both masked numbers. */
export async function saveRecipient(tx: Db, actor: Actor, keys: DataKeys, input: RecipientInput, at: Date): Promise<RecipientView> {
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

export async function updateRecipient(tx: Db, actor: Actor, keys: DataKeys, id: string, patch: Omit<Partial<RecipientInput>, "residentId" | "regionCode">, at: Date): Promise<RecipientView> {
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

export const registryHeaders = { name: "姓名", residentId: "身份证号", village: "村（居）", householdNo: "户号", head: "户主", card: "银行卡号", bank: "开户银行", accountType: "账户类型", status: "状态" } as const;
const REGISTRY_ROWS_MAX = 50_000;

/**
 * Imports the recipient registry from Excel, all or nothing: any invalid row refuses the whole
 * file with every problem listed, so a half-imported registry never exists.
 */
export async function importRecipients(tx: Db, actor: Actor, keys: DataKeys, regionCodeInput: string | undefined, buffer: Buffer, at: Date): Promise<ImportReport> {
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
    const fields = { name: r.get("name"), residentId: r.get("residentId"), card: r.get("card"), bankName: r.get("bank"), householdNo: r.get("householdNo") };
    const { name, residentId, card, bankName, householdNo } = saveRecipientBody.shape;
    for (const broken of rowFieldProblems({ name, residentId, card, bankName, householdNo }, fields, { ...registryHeaders, bankName: registryHeaders.bank })) problems.push({ path: where, message: broken.message });
    if (!checkResidentId(r.get("residentId"), at).valid) problems.push({ path: where, message: "身份证号无效" });
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

/** A date cell as YYYY-MM-DD: "" when empty, null when it is not a real date (2026/3/5 and 2026-3-5 are read too). */
export function normalizeDate(text: string): string | null {
  if (text === "") return "";
  const m = /^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?$/u.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export const referenceKindNames: Record<ReferenceKind, string> = { deceased: "死亡人员", official: "公职人员", cadre: "村干部" };

/** Imports a reference list (deceased, officials, cadres) by ID number, and flags registered people. */
export async function importReferenceList(tx: Db, actor: Actor, keys: DataKeys, regionCodeInput: string | undefined, kind: ReferenceKind, buffer: Buffer, at: Date): Promise<{ rows: number; matched: number }> {
  const regionCode = townshipFor(actor, regionCodeInput);
  // The deceased list may give the date of death (死亡日期, YYYY-MM-DD): fund supervision checks payments for later periods.
  const rows = await readTable(buffer, { name: "姓名", residentId: "身份证号", diedOn: "死亡日期" }, ["residentId"], REGISTRY_ROWS_MAX).catch(fileProblem);
  const today = chinaDate(at);
  const bad = rows.flatMap((r) => {
    const problems: { path: string; message: string }[] = [];
    if (!checkResidentId(r.get("residentId"), at).valid) problems.push({ path: `第 ${r.row} 行`, message: "身份证号无效" });
    const died = kind === "deceased" ? normalizeDate(r.get("diedOn")) : "";
    if (died === null) problems.push({ path: `第 ${r.row} 行`, message: "死亡日期无效（应为 YYYY-MM-DD）" });
    else if (died > today) problems.push({ path: `第 ${r.row} 行`, message: "死亡日期晚于今天" });
    return problems;
  });
  if (bad.length) fail("FILE_INVALID", `${referenceKindNames[kind]}名单有 ${bad.length} 处问题，未导入：${bad.slice(0, 5).map((p) => `${p.path}${p.message}`).join("；")}`, bad.slice(0, 200));
  let matched = 0;
  for (const r of rows) {
    const index = residentIdIndex(keys, validId(r.get("residentId")));
    const diedOn = kind === "deceased" ? normalizeDate(r.get("diedOn")) || null : null;
    await tx
      .insert(subsidyReferenceEntry)
      .values({ regionCode, kind, residentIdIndex: index, name: r.get("name"), importedAt: at, diedOn })
      .onConflictDoUpdate({ target: [subsidyReferenceEntry.regionCode, subsidyReferenceEntry.kind, subsidyReferenceEntry.residentIdIndex], set: { diedOn: sql`coalesce(excluded.died_on, ${subsidyReferenceEntry.diedOn})` } });
    const flag = kind === "deceased" ? { alive: false } : kind === "official" ? { official: true } : { cadre: true };
    const changed = await tx.update(subsidyRecipient).set({ ...flag, updatedAt: at }).where(and(eq(subsidyRecipient.regionCode, regionCode), eq(subsidyRecipient.residentIdIndex, index))).returning({ id: subsidyRecipient.id });
    matched += changed.length;
  }
  await recordAudit(tx, { regionCode, actor: who(actor), action: "subsidy.referenceListImported", entityType: "subsidyReferenceList", entityId: kind, after: { kind, rows: rows.length, matched } }, at);
  return { rows: rows.length, matched };
}
