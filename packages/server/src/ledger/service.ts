// The ledger's use cases over the database: account sets and charts, vouchers (entered → reviewed
// → posted), numbering under a locked counter row, reversal, month and year closing, balances.
// Functions take the database handle first; the caller owns the transaction.
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { ledgerVoucherStatusNames, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes, invariant, type FieldError } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { assertDifferentPerson } from "../platform/separation.ts";
import { recordAudit } from "../audit/index.ts";
import { budgetUnit } from "../org/index.ts";
import { region } from "../platform/regionTable.ts";
import {
  basisOfCode,
  checkSubAccountCode,
  checkVoucher,
  parseChartCsv,
  periodOfDate,
  reversalLines,
  voucherLabel,
  AUX_DIMENSIONS,
  type AccountSetKind,
  type Aux,
  type Basis,
  type AuxDimension,
  type ChartAccount,
  type LineInput,
  type Movement,
  type VoucherInput,
  type VoucherKind,
  type VoucherProblem,
} from "./rules.ts";
import { ledgerAccount, ledgerAccountSet, ledgerMonthTotal, ledgerPeriod, ledgerVoucher, ledgerVoucherLine } from "./tables.ts";
import type { AccountSetView, VoucherLineView, VoucherView } from "@xiangcai/shared";
export type { AccountSetView, VoucherLineView, VoucherView };

export const fail = defineErrorCodes({
  UNBALANCED_FINANCIAL: 422,
  UNBALANCED_BUDGET: 422,
  UNKNOWN_ACCOUNT: 422,
  NOT_LEAF: 422,
  BAD_AMOUNT: 400,
  PERIOD_CLOSED: 409,
  MISSING_AUX: 422,
  TOO_FEW_LINES: 422,
  PARALLEL_UNCONFIRMED: 409,
  PERIOD_NOT_READY: 409,
  ACCOUNT_IN_USE: 409,
  CHART_INVALID: 400,
  TEMPLATE_INVALID: 422,
  VOUCHER_REVIEWED: 409,
  VOUCHER_POSTED: 409,
  NOT_PREPARER: 403,
  VOUCHER_NOT_EDITABLE: 409,
  OPENING_LOCKED: 409,
  OPENING_UNBALANCED: 422,
});

/** Who acts: a signed-in user, or the system (command line, outbox consumer) with `userId: null`. */
export interface LedgerActor {
  userId: string | null;
  displayName: string;
  scopePrefix: string;
}

export const systemActor = (displayName: string): LedgerActor => ({ userId: null, displayName, scopePrefix: "" });
export const auditActor = (a: LedgerActor) => ({ id: a.userId, name: a.displayName });
export const auditRegion = (regionCode: string) => regionCode.slice(0, 9);
/** The preparer's name on vouchers the system builds. */
const SYSTEM_PREPARER = "系统生成";

export type AccountSetRow = typeof ledgerAccountSet.$inferSelect;
type VoucherRow = typeof ledgerVoucher.$inferSelect;
type LineRow = typeof ledgerVoucherLine.$inferSelect;

// ---------------------------------------------------------------- account sets and charts

const builtInChartCache = new Map<AccountSetKind, ChartAccount[]>();
const CHART_FILES: Record<AccountSetKind, string> = { unit: "gov-accounting-chart.csv", fiscal: "fiscal-general-chart.csv" };

/**
 * The chart shipped with the platform for a kind of set: 政府会计制度 (data/gov-accounting-chart.csv)
 * for a unit's books, 财政总会计制度 (data/fiscal-general-chart.csv) for the township's fiscal books.
 */
export function builtInChart(kind: AccountSetKind = "unit"): ChartAccount[] {
  let chart = builtInChartCache.get(kind);
  if (!chart) {
    const parsed = parseChartCsv(readFileSync(new URL(`./data/${CHART_FILES[kind]}`, import.meta.url), "utf8"));
    invariant(parsed.ok, `the built-in ${kind} chart parses`);
    chart = parsed.accounts;
    builtInChartCache.set(kind, chart);
  }
  return chart.map((a) => ({ ...a, requiredAux: [...a.requiredAux] }));
}

export async function createAccountSet(
  tx: Db,
  actor: LedgerActor,
  input: { regionCode: string; code: string; name: string; year: number; kind?: AccountSetKind | undefined; budgetUnitId?: string | null | undefined; chart?: ChartAccount[] | undefined; id?: string | undefined },
  now: Date,
): Promise<AccountSetView> {
  // The system actor (command line) has the empty prefix: the whole database.
  if (actor.scopePrefix !== "" && !scopeCovers(actor.scopePrefix, input.regionCode)) fail("OUT_OF_SCOPE", "该区划不在您的数据范围内。");
  const [home] = await tx.select().from(region).where(eq(region.regionCode, input.regionCode));
  if (!home) return fail("VALIDATION_FAILED", `区划 ${input.regionCode} 不存在。`, [{ path: "regionCode", message: "区划不存在" }]);
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(input.code)) fail("VALIDATION_FAILED", "账套代码为1-40位字母、数字或 _ . -", [{ path: "code", message: "格式不正确" }]);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) fail("VALIDATION_FAILED", "会计年度应在 2000-2100 之间。", [{ path: "year", message: "年度无效" }]);
  const [dup] = await tx.select({ id: ledgerAccountSet.id }).from(ledgerAccountSet).where(eq(ledgerAccountSet.code, input.code));
  if (dup) fail("DUPLICATE", `账套代码 ${input.code} 已存在。`, [{ path: "code", message: "账套代码已存在" }]);
  const kind = input.kind ?? "unit";
  if (kind === "fiscal") {
    // The township's treasury books: one per township, kept at the township level, for no budget unit.
    if (input.budgetUnitId) fail("VALIDATION_FAILED", "财政总会计账套是乡镇本级财政的账，不属于任何预算单位。", [{ path: "budgetUnitId", message: "财政总会计账套不选预算单位" }]);
    if (input.regionCode.length !== 9) fail("VALIDATION_FAILED", "财政总会计账套只能建在乡镇（9位区划代码）。", [{ path: "regionCode", message: "请选择乡镇" }]);
    const [other] = await tx.select({ code: ledgerAccountSet.code }).from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, input.regionCode), eq(ledgerAccountSet.kind, "fiscal")));
    if (other) fail("DUPLICATE", `本乡镇已有财政总会计账套 ${other.code}。`, [{ path: "kind", message: "已有财政总会计账套" }]);
  }
  if (input.budgetUnitId) {
    const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.id, input.budgetUnitId)));
    if (!unit) fail("VALIDATION_FAILED", "该预算单位不在本乡镇。", [{ path: "budgetUnitId", message: "预算单位不存在" }]);
    const [taken] = await tx.select({ code: ledgerAccountSet.code }).from(ledgerAccountSet).where(and(eq(ledgerAccountSet.regionCode, input.regionCode), eq(ledgerAccountSet.budgetUnitId, input.budgetUnitId)));
    if (taken) fail("DUPLICATE", `该预算单位已有账套 ${taken.code}。`, [{ path: "budgetUnitId", message: "已有账套" }]);
  }
  const id = input.id ?? uuidv7(now.getTime());
  await tx.insert(ledgerAccountSet).values({ regionCode: input.regionCode, id, code: input.code, name: input.name, kind, budgetUnitId: input.budgetUnitId ?? null, startYear: input.year, createdBy: actor.userId, createdAt: now });
  const chart = input.chart ?? builtInChart(kind);
  await tx.insert(ledgerAccount).values(chart.map((a) => ({ regionCode: input.regionCode, setId: id, ...a })));
  await openYear(tx, input.regionCode, id, input.year);
  await recordAudit(tx, { regionCode: auditRegion(input.regionCode), actor: auditActor(actor), action: "ledger.accountSetCreated", entityType: "ledgerAccountSet", entityId: id, after: { code: input.code, name: input.name, kind, year: input.year, accounts: chart.length, budgetUnitId: input.budgetUnitId ?? null } }, now);
  return getAccountSet(tx, actor, id);
}

async function openYear(tx: Db, regionCode: string, setId: string, year: number) {
  await tx
    .insert(ledgerPeriod)
    .values(Array.from({ length: 12 }, (_, i) => ({ regionCode, setId, year, month: i + 1, status: "open" as const })))
    .onConflictDoNothing();
}

/** The set, if the actor may see it; OUT_OF_SCOPE otherwise (never a leak). */
export async function loadSet(db: Db, actor: LedgerActor, setId: string): Promise<AccountSetRow> {
  const [set] = await db.select().from(ledgerAccountSet).where(and(eq(ledgerAccountSet.id, setId), scopeCondition(ledgerAccountSet.regionCode, actor.scopePrefix)));
  if (!set) return fail("OUT_OF_SCOPE", "账套不存在或不在您的数据范围内。");
  return set;
}

export async function findSetByCode(db: Db, code: string): Promise<AccountSetRow | undefined> {
  const [set] = await db.select().from(ledgerAccountSet).where(eq(ledgerAccountSet.code, code));
  return set;
}

export async function getAccountSet(db: Db, actor: LedgerActor, setId: string): Promise<AccountSetView> {
  const set = await loadSet(db, actor, setId);
  const [home] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, set.regionCode));
  const unit = set.budgetUnitId ? (await db.select({ name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, set.regionCode), eq(budgetUnit.id, set.budgetUnitId))))[0] : undefined;
  const periods = await db.select().from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id))).orderBy(asc(ledgerPeriod.year), asc(ledgerPeriod.month));
  const counts = await db
    .select({ year: ledgerVoucher.year, month: ledgerVoucher.month, n: sql<bigint>`count(*)` })
    .from(ledgerVoucher)
    .where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.status, "posted")))
    .groupBy(ledgerVoucher.year, ledgerVoucher.month);
  const countOf = (y: number, m: number) => Number(counts.find((c) => c.year === y && c.month === m)?.n ?? 0n);
  return {
    id: set.id,
    regionCode: set.regionCode,
    regionName: home?.name ?? set.regionCode,
    code: set.code,
    name: set.name,
    kind: set.kind,
    budgetUnitId: set.budgetUnitId,
    budgetUnitName: unit?.name ?? null,
    startYear: set.startYear,
    cashFlow: set.cashFlow,
    periods: periods.map((p) => ({ year: p.year, month: p.month, status: p.status, vouchersPosted: countOf(p.year, p.month) })),
  };
}

/** A set's options: whether it prepares the 现金流量表 (a unit set's choice; 财政总会计 has no such statement here). */
export async function setAccountSetOptions(tx: Db, actor: LedgerActor, setId: string, options: { cashFlow: boolean }, at: Date): Promise<AccountSetView> {
  const set = await loadSet(tx, actor, setId);
  if (set.kind === "fiscal" && options.cashFlow) fail("VALIDATION_FAILED", "财政总会计账套不编制单位现金流量表。", [{ path: "cashFlow", message: "不适用于财政总会计账套" }]);
  if (set.cashFlow !== options.cashFlow) {
    await tx.update(ledgerAccountSet).set({ cashFlow: options.cashFlow }).where(and(eq(ledgerAccountSet.regionCode, set.regionCode), eq(ledgerAccountSet.id, set.id)));
    await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.setOptionsChanged", entityType: "ledgerAccountSet", entityId: set.id, before: { cashFlow: set.cashFlow }, after: { cashFlow: options.cashFlow } }, at);
  }
  return getAccountSet(tx, actor, setId);
}

export async function listAccountSets(db: Db, actor: LedgerActor, filter: { regionCode?: string | undefined; q?: string | undefined; kind?: AccountSetKind | undefined }, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(ledgerAccountSet.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(ledgerAccountSet.regionCode, filter.regionCode));
  if (filter.kind) conditions.push(eq(ledgerAccountSet.kind, filter.kind));
  if (filter.q) conditions.push(or(ilike(ledgerAccountSet.name, containsPattern(filter.q)), ilike(ledgerAccountSet.code, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const found = await db
    .select({ s: ledgerAccountSet, regionName: region.name })
    .from(ledgerAccountSet)
    .leftJoin(region, eq(region.regionCode, ledgerAccountSet.regionCode))
    .where(where)
    .orderBy(asc(ledgerAccountSet.regionCode), asc(ledgerAccountSet.code))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(ledgerAccountSet).where(where);
  return {
    items: found.map(({ s, regionName }) => ({ id: s.id, regionCode: s.regionCode, regionName: regionName ?? s.regionCode, code: s.code, name: s.name, kind: s.kind, budgetUnitId: s.budgetUnitId, startYear: s.startYear, cashFlow: s.cashFlow })),
    total: Number(count?.n ?? 0n),
  };
}

export async function loadChart(db: Db, set: AccountSetRow): Promise<Map<string, ChartAccount>> {
  const found = await db.select().from(ledgerAccount).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id))).orderBy(asc(ledgerAccount.code));
  return new Map(found.map((a) => [a.code, { code: a.code, name: a.name, basis: a.basis, category: a.category, normalSide: a.normalSide, parentCode: a.parentCode, isLeaf: a.isLeaf, requiredAux: a.requiredAux }]));
}

/** Whether an account holds entries: voucher lines (of any status) or balances (opening, closed months). */
export async function accountHasLines(db: Db, set: AccountSetRow, code: string): Promise<boolean> {
  const [used] = await db
    .select({ one: sql<number>`1` })
    .from(ledgerVoucherLine)
    .where(and(eq(ledgerVoucherLine.regionCode, set.regionCode), eq(ledgerVoucherLine.setId, set.id), eq(ledgerVoucherLine.accountCode, code)))
    .limit(1);
  const [opening] = await db
    .select({ one: sql<number>`1` })
    .from(ledgerMonthTotal)
    .where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.accountCode, code)))
    .limit(1);
  return Boolean(used || opening);
}

/** Adds a sub-account (明细科目): the parent's code plus two digits; the parent must hold no entries. */
export async function addSubAccount(tx: Db, actor: LedgerActor, setId: string, input: { parentCode: string; code: string; name: string; requiredAux?: AuxDimension[] | undefined }, at: Date): Promise<ChartAccount> {
  const set = await loadSet(tx, actor, setId);
  const chart = await loadChart(tx, set);
  const parent = chart.get(input.parentCode);
  if (!parent) return fail("UNKNOWN_ACCOUNT", `上级科目 ${input.parentCode} 不存在。`);
  const problem = checkSubAccountCode(input.parentCode, input.code);
  if (problem) fail("VALIDATION_FAILED", problem, [{ path: "code", message: problem }]);
  if (chart.has(input.code)) fail("DUPLICATE", `科目 ${input.code} 已存在。`, [{ path: "code", message: "科目已存在" }]);
  if (parent.isLeaf && (await accountHasLines(tx, set, parent.code))) {
    fail("ACCOUNT_IN_USE", `科目 ${parent.code} ${parent.name} 已有记账数据，不能再增设明细科目。`);
  }
  const account: ChartAccount = { ...parent, code: input.code, name: input.name, parentCode: parent.code, isLeaf: true, requiredAux: input.requiredAux ?? parent.requiredAux };
  await tx.insert(ledgerAccount).values({ regionCode: set.regionCode, setId: set.id, ...account });
  if (parent.isLeaf) await tx.update(ledgerAccount).set({ isLeaf: false }).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id), eq(ledgerAccount.code, parent.code)));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.accountAdded", entityType: "ledgerAccount", entityId: `${set.code}:${account.code}`, after: account }, at);
  return account;
}

/** Sets which auxiliary dimensions an account requires on every line. */
export async function setRequiredAux(tx: Db, actor: LedgerActor, setId: string, code: string, requiredAux: AuxDimension[], at: Date): Promise<ChartAccount> {
  const set = await loadSet(tx, actor, setId);
  const chart = await loadChart(tx, set);
  const account = chart.get(code);
  if (!account) return fail("UNKNOWN_ACCOUNT", `科目 ${code} 不存在。`);
  const unique = AUX_DIMENSIONS.filter((d) => requiredAux.includes(d));
  await tx.update(ledgerAccount).set({ requiredAux: unique }).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id), eq(ledgerAccount.code, code)));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.accountAuxChanged", entityType: "ledgerAccount", entityId: `${set.code}:${code}`, before: { requiredAux: account.requiredAux }, after: { requiredAux: unique } }, at);
  return { ...account, requiredAux: unique };
}

/**
 * Imports a chart from CSV into a set, all or nothing: every account of the file is added; an
 * account already in the set must agree on basis, category and side (its name may be updated).
 */
export async function importChart(tx: Db, actor: LedgerActor, setId: string, csv: string, at: Date): Promise<{ added: number; updated: number }> {
  const set = await loadSet(tx, actor, setId);
  const parsed = parseChartCsv(csv);
  if (!parsed.ok) return fail("CHART_INVALID", `科目表有误：${parsed.problems.map((p) => `第${p.row}行 ${p.message}`).join("；")}`, parsed.problems.map((p) => ({ path: `row${p.row}`, message: p.message })));
  const chart = await loadChart(tx, set);
  let added = 0;
  let updated = 0;
  for (const account of parsed.accounts) {
    const existing = chart.get(account.code);
    if (existing) {
      if (existing.basis !== account.basis || existing.category !== account.category || existing.normalSide !== account.normalSide) {
        fail("CHART_INVALID", `科目 ${account.code} 的类别或余额方向与账套中已有科目不一致。`);
      }
      if (existing.name !== account.name) {
        await tx.update(ledgerAccount).set({ name: account.name }).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id), eq(ledgerAccount.code, account.code)));
        updated++;
      }
      continue;
    }
    const parent = account.parentCode ? chart.get(account.parentCode) : undefined;
    if (parent?.isLeaf && (await accountHasLines(tx, set, parent.code))) fail("ACCOUNT_IN_USE", `科目 ${parent.code} 已有记账数据，不能增设明细科目 ${account.code}。`);
    await tx.insert(ledgerAccount).values({ regionCode: set.regionCode, setId: set.id, ...account });
    if (parent?.isLeaf) {
      await tx.update(ledgerAccount).set({ isLeaf: false }).where(and(eq(ledgerAccount.regionCode, set.regionCode), eq(ledgerAccount.setId, set.id), eq(ledgerAccount.code, parent.code)));
      parent.isLeaf = false;
    }
    chart.set(account.code, account);
    added++;
  }
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.chartImported", entityType: "ledgerAccountSet", entityId: set.id, after: { added, updated } }, at);
  return { added, updated };
}

// ---------------------------------------------------------------- vouchers

async function closedChecker(db: Db, set: AccountSetRow): Promise<(year: number, month: number) => boolean> {
  const periods = await db.select({ year: ledgerPeriod.year, month: ledgerPeriod.month, status: ledgerPeriod.status }).from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id)));
  const open = new Set(periods.filter((p) => p.status === "open").map((p) => p.year * 100 + p.month));
  return (year, month) => !open.has(year * 100 + month);
}

function failWith(problems: VoucherProblem[]): never {
  const first = problems[0];
  invariant(first, "failWith has a problem");
  const errors: FieldError[] = problems.map((p) => ({ path: p.line === undefined ? p.code : `lines.${p.line}`, message: p.message }));
  return fail(first.code, problems.map((p) => p.message).join("；"), errors);
}

const fenText = (fen: bigint) => {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
};

/** The auxiliary dimensions of a stored row (a voucher line, an opening balance). */
export function auxOf(l: Pick<LineRow, "functionalCode" | "economicCode" | "project" | "payee" | "department"> & { revenueCode?: string | null }): Aux {
  const aux: Aux = {};
  if (l.functionalCode) aux.functional = l.functionalCode;
  if (l.economicCode) aux.economic = l.economicCode;
  if (l.project) aux.project = l.project;
  if (l.payee) aux.payee = l.payee;
  if (l.department) aux.department = l.department;
  if (l.revenueCode) aux.revenue = l.revenueCode;
  return aux;
}

function viewVoucher(v: VoucherRow, lines: LineRow[], chart: Map<string, ChartAccount>, set: AccountSetRow): VoucherView {
  return {
    id: v.id,
    setId: v.setId,
    setCode: set.code,
    setName: set.name,
    regionCode: v.regionCode,
    year: v.year,
    month: v.month,
    date: v.voucherDate,
    summary: v.summary,
    attachments: v.attachments,
    kind: v.kind,
    originalId: v.originalId,
    source: v.source,
    status: v.status,
    number: v.number,
    label: voucherLabel(v.number),
    parallelConfirmed: v.parallelConfirmed,
    enteredByName: v.enteredByName,
    reviewedByName: v.reviewedByName,
    postedByName: v.postedByName,
    enteredAt: v.enteredAt.toISOString(),
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
    postedAt: v.postedAt?.toISOString() ?? null,
    lines: lines
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => ({
        lineNo: l.lineNo,
        account: l.accountCode,
        accountName: chart.get(l.accountCode)?.name ?? l.accountCode,
        basis: l.basis,
        summary: l.summary,
        debit: l.debitFen !== 0n ? fenText(l.debitFen) : null,
        credit: l.creditFen !== 0n ? fenText(l.creditFen) : null,
        aux: auxOf(l),
      })),
  };
}

export interface EnterVoucherInput extends VoucherInput {
  attachments?: number | undefined;
  confirmParallel?: boolean | undefined;
  kind?: "normal" | "supplementary" | undefined;
  originalId?: string | null | undefined;
}

function lineValues(set: AccountSetRow, voucherId: string, lines: readonly LineInput[]) {
  return lines.map((l, i) => ({
    regionCode: set.regionCode,
    voucherId,
    lineNo: i + 1,
    setId: set.id,
    accountCode: l.account,
    basis: basisOfCode(l.account),
    summary: l.summary ?? null,
    debitFen: l.debitFen,
    creditFen: l.creditFen,
    functionalCode: l.aux?.functional ?? null,
    economicCode: l.aux?.economic ?? null,
    project: l.aux?.project ?? null,
    payee: l.aux?.payee ?? null,
    department: l.aux?.department ?? null,
    revenueCode: l.aux?.revenue ?? null,
  }));
}

/** The columns of a new voucher row that say where it is, what it says and where it came from. */
function newVoucherRow(set: AccountSetRow, id: string, input: EnterVoucherInput, about: { kind: VoucherKind; originalId: string | null; source: string | undefined; parallelConfirmed: boolean }) {
  const { year, month } = periodOfDate(input.date);
  const { kind, originalId, parallelConfirmed } = about;
  return { regionCode: set.regionCode, id, setId: set.id, year, month, voucherDate: input.date, summary: input.summary, attachments: input.attachments ?? 0, kind, originalId, source: about.source ?? null, parallelConfirmed };
}

async function loadVoucherRow(db: Db, actor: LedgerActor, id: string): Promise<VoucherRow> {
  const [v] = await db.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.id, id), scopeCondition(ledgerVoucher.regionCode, actor.scopePrefix)));
  if (!v) return fail("OUT_OF_SCOPE", "凭证不存在或不在您的数据范围内。");
  return v;
}

async function linesOf(db: Db, v: Pick<VoucherRow, "regionCode" | "id">): Promise<LineRow[]> {
  return db.select().from(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, v.regionCode), eq(ledgerVoucherLine.voucherId, v.id))).orderBy(asc(ledgerVoucherLine.lineNo));
}

export async function getVoucher(db: Db, actor: LedgerActor, id: string): Promise<VoucherView> {
  const v = await loadVoucherRow(db, actor, id);
  const set = await loadSet(db, actor, v.setId);
  return viewVoucher(v, await linesOf(db, v), await loadChart(db, set), set);
}

/** Enters a voucher (录入): checked against the chart and periods, not numbered until posted. */
export async function enterVoucher(tx: Db, actor: LedgerActor, setId: string, input: EnterVoucherInput, now: Date, extra: { source?: string; kind?: VoucherKind; id?: string } = {}): Promise<VoucherView> {
  const set = await loadSet(tx, actor, setId);
  const chart = await loadChart(tx, set);
  const { problems, warnings } = checkVoucher(input, { account: (c) => chart.get(c), isClosed: await closedChecker(tx, set) }, { signed: extra.kind === "reversal", closing: extra.kind === "closing" });
  if (problems.length) failWith(problems);
  if (warnings.length && !input.confirmParallel) fail("PARALLEL_UNCONFIRMED", `${warnings.map((w) => w.message).join("；")}。确认无误请勾选“确认不需平行记账”后再保存。`);
  const kind = extra.kind ?? input.kind ?? "normal";
  let originalId: string | null = null;
  if (input.originalId) {
    const original = await loadVoucherRow(tx, actor, input.originalId);
    if (original.setId !== set.id || original.status !== "posted") fail("VALIDATION_FAILED", "补充或冲销的原凭证须为本账套已记账凭证。", [{ path: "originalId", message: "原凭证无效" }]);
    originalId = original.id;
  } else if (kind === "supplementary") fail("VALIDATION_FAILED", "补充凭证须指明原凭证。", [{ path: "originalId", message: "缺少原凭证" }]);
  const id = extra.id ?? uuidv7(now.getTime());
  await tx.insert(ledgerVoucher).values({
    ...newVoucherRow(set, id, input, { kind, originalId, source: extra.source, parallelConfirmed: warnings.length > 0 }),
    status: "entered",
    enteredBy: actor.userId,
    enteredByName: actor.displayName,
    enteredAt: now,
  });
  await tx.insert(ledgerVoucherLine).values(lineValues(set, id, input.lines));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.voucherEntered", entityType: "ledgerVoucher", entityId: id, after: { set: set.code, date: input.date, summary: input.summary, kind, originalId, lines: input.lines.length, parallelConfirmed: warnings.length > 0 } }, now);
  return getVoucher(tx, actor, id);
}

/** Reviews (审核) an entered voucher: someone other than whoever entered it. */
export async function reviewVoucher(tx: Db, actor: LedgerActor, id: string, now: Date): Promise<VoucherView> {
  const v = await loadVoucherRow(tx, actor, id);
  if (v.status !== "entered") fail("INVALID_TRANSITION", `凭证当前为${statusNames[v.status]}，不能审核。`);
  if (v.enteredBy && actor.userId) assertDifferentPerson(v.enteredBy, actor.userId, "该凭证");
  await tx.update(ledgerVoucher).set({ status: "reviewed", reviewedBy: actor.userId, reviewedByName: actor.displayName, reviewedAt: now }).where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id), eq(ledgerVoucher.status, "entered")));
  await recordAudit(tx, { regionCode: auditRegion(v.regionCode), actor: auditActor(actor), action: "ledger.voucherReviewed", entityType: "ledgerVoucher", entityId: v.id, before: { status: "entered" }, after: { status: "reviewed" } }, now);
  return getVoucher(tx, actor, id);
}

/**
 * Edits an entered voucher (修改凭证): only its preparer, only while nobody has reviewed it; a
 * reviewed voucher must have its review withdrawn by discarding, a posted one is corrected by a
 * reversing or supplementary voucher. Checked as a new voucher is; the lines are replaced; the
 * audit record holds the voucher before and after.
 */
export async function editVoucher(tx: Db, actor: LedgerActor, id: string, input: Omit<EnterVoucherInput, "kind" | "originalId">, now: Date): Promise<VoucherView> {
  const found = await loadVoucherRow(tx, actor, id);
  // Lock the row so a review or posting cannot slip in between the check and the change.
  const [v] = await tx.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, found.regionCode), eq(ledgerVoucher.id, found.id))).for("update");
  invariant(v, "locked voucher exists");
  if (v.status === "posted") fail("VOUCHER_POSTED", "已记账凭证不能修改，请用红字冲销或补充凭证更正。");
  if (v.status === "reviewed") fail("VOUCHER_REVIEWED", "凭证已审核，不能修改；如需修改请审核人先取消审核。");
  if (!v.enteredBy || v.enteredBy !== actor.userId) fail("NOT_PREPARER", `只有制单人${v.enteredByName}可以修改这张凭证。`);
  if (v.kind === "reversal" || v.kind === "closing") fail("VOUCHER_NOT_EDITABLE", "红字冲销凭证和结转凭证由系统按原凭证生成，不能修改。");
  const set = await loadSet(tx, actor, v.setId);
  const chart = await loadChart(tx, set);
  const { problems, warnings } = checkVoucher(input, { account: (c) => chart.get(c), isClosed: await closedChecker(tx, set) });
  if (problems.length) failWith(problems);
  if (warnings.length && !input.confirmParallel) fail("PARALLEL_UNCONFIRMED", `${warnings.map((w) => w.message).join("；")}。确认无误请勾选“确认不需平行记账”后再保存。`);
  const beforeLines = await linesOf(tx, v);
  const { year, month } = periodOfDate(input.date);
  await tx.delete(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, v.regionCode), eq(ledgerVoucherLine.voucherId, v.id)));
  await tx
    .update(ledgerVoucher)
    .set({ year, month, voucherDate: input.date, summary: input.summary, attachments: input.attachments ?? 0, parallelConfirmed: warnings.length > 0 })
    .where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id), eq(ledgerVoucher.status, "entered")));
  await tx.insert(ledgerVoucherLine).values(lineValues(set, v.id, input.lines));
  const lineText = (l: { account: string; debitFen: bigint; creditFen: bigint; aux?: Aux | undefined }) => ({ account: l.account, debit: fenText(l.debitFen), credit: fenText(l.creditFen), aux: l.aux ?? {} });
  await recordAudit(tx, {
    regionCode: auditRegion(v.regionCode),
    actor: auditActor(actor),
    action: "ledger.voucherEdited",
    entityType: "ledgerVoucher",
    entityId: v.id,
    before: { date: v.voucherDate, summary: v.summary, attachments: v.attachments, lines: beforeLines.map((l) => lineText({ account: l.accountCode, debitFen: l.debitFen, creditFen: l.creditFen, aux: auxOf(l) })) },
    after: { date: input.date, summary: input.summary, attachments: input.attachments ?? 0, lines: input.lines.map(lineText) },
  }, now);
  return getVoucher(tx, actor, v.id);
}

/** Withdraws the review of a reviewed voucher, or discards an entered one (never a posted one). */
export async function discardVoucher(tx: Db, actor: LedgerActor, id: string, at: Date): Promise<void> {
  const v = await loadVoucherRow(tx, actor, id);
  if (v.status === "posted") fail("INVALID_TRANSITION", "已记账凭证不能删除，请用红字冲销或补充凭证更正。");
  await tx.delete(ledgerVoucherLine).where(and(eq(ledgerVoucherLine.regionCode, v.regionCode), eq(ledgerVoucherLine.voucherId, v.id)));
  await tx.delete(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id)));
  await recordAudit(tx, { regionCode: auditRegion(v.regionCode), actor: auditActor(actor), action: "ledger.voucherDiscarded", entityType: "ledgerVoucher", entityId: v.id, before: { status: v.status, summary: v.summary } }, at);
}

export const statusNames = ledgerVoucherStatusNames;

/** Adds posted lines to the month totals (one upsert per account). */
async function addToTotals(tx: Db, set: Pick<AccountSetRow, "regionCode" | "id">, year: number, month: number, lines: readonly { accountCode: string; debitFen: bigint; creditFen: bigint }[]) {
  const byAccount = new Map<string, Movement>();
  for (const l of lines) {
    const m = byAccount.get(l.accountCode) ?? { debitFen: 0n, creditFen: 0n };
    m.debitFen += l.debitFen;
    m.creditFen += l.creditFen;
    byAccount.set(l.accountCode, m);
  }
  const values = [...byAccount].map(([accountCode, m]) => ({ regionCode: set.regionCode, setId: set.id, year, month, accountCode, debitFen: m.debitFen, creditFen: m.creditFen }));
  for (let i = 0; i < values.length; i += 1000) {
    await tx
      .insert(ledgerMonthTotal)
      .values(values.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [ledgerMonthTotal.regionCode, ledgerMonthTotal.setId, ledgerMonthTotal.year, ledgerMonthTotal.month, ledgerMonthTotal.accountCode],
        set: { debitFen: sql`${ledgerMonthTotal.debitFen} + excluded.debit_fen`, creditFen: sql`${ledgerMonthTotal.creditFen} + excluded.credit_fen` },
      });
  }
}

/** Locks the month's counter row and takes `count` numbers from it; PERIOD_CLOSED when closed. */
async function takeNumbers(tx: Db, set: Pick<AccountSetRow, "regionCode" | "id">, year: number, month: number, count: number): Promise<number> {
  const [period] = await tx
    .select()
    .from(ledgerPeriod)
    .where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)))
    .for("update");
  if (!period || period.status !== "open") return fail("PERIOD_CLOSED", `${year}年${month}月已结账或未开设，不能记账。`);
  await tx.update(ledgerPeriod).set({ nextNumber: period.nextNumber + count }).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)));
  return period.nextNumber;
}

async function postRow(tx: Db, actor: LedgerActor, v: VoucherRow, now: Date): Promise<number> {
  const number = await takeNumbers(tx, { regionCode: v.regionCode, id: v.setId }, v.year, v.month, 1);
  await tx.update(ledgerVoucher).set({ status: "posted", number, postedBy: actor.userId, postedByName: actor.displayName, postedAt: now }).where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id)));
  await addToTotals(tx, { regionCode: v.regionCode, id: v.setId }, v.year, v.month, await linesOf(tx, v));
  await recordAudit(tx, { regionCode: auditRegion(v.regionCode), actor: auditActor(actor), action: "ledger.voucherPosted", entityType: "ledgerVoucher", entityId: v.id, before: { status: v.status }, after: { status: "posted", number: voucherLabel(number), year: v.year, month: v.month } }, now);
  return number;
}

/** Posts (记账) a reviewed voucher: the month's next number, taken under the counter row's lock. */
export async function postVoucher(tx: Db, actor: LedgerActor, id: string, now: Date): Promise<VoucherView> {
  const v = await loadVoucherRow(tx, actor, id);
  // Lock the voucher row too, so two posting clicks cannot both pass the status check.
  await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id))).for("update");
  const [fresh] = await tx.select().from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, v.regionCode), eq(ledgerVoucher.id, v.id)));
  invariant(fresh, "locked voucher exists");
  if (fresh.status !== "reviewed") fail("INVALID_TRANSITION", `凭证当前为${statusNames[fresh.status]}，须先审核再记账。`);
  await postRow(tx, actor, fresh, now);
  return getVoucher(tx, actor, id);
}

/**
 * Reverses (红字冲销) a posted voucher: a new voucher with the same lines in negative amounts, on
 * the same sides, linked to the original, dated `date` (default: the original's date if its month
 * is open). It is entered like any voucher and reviewed and posted by the usual hands.
 */
export async function reverseVoucher(tx: Db, actor: LedgerActor, id: string, input: { date?: string | undefined; summary?: string | undefined } = {}, now: Date, source?: string): Promise<VoucherView> {
  const original = await loadVoucherRow(tx, actor, id);
  if (original.status !== "posted") fail("INVALID_TRANSITION", "只有已记账凭证需要红字冲销；未记账凭证可直接删除或修改。");
  const [already] = await tx.select({ id: ledgerVoucher.id }).from(ledgerVoucher).where(and(eq(ledgerVoucher.regionCode, original.regionCode), eq(ledgerVoucher.originalId, original.id), eq(ledgerVoucher.kind, "reversal")));
  if (already) fail("DUPLICATE", "该凭证已有红字冲销凭证。");
  const lines = await linesOf(tx, original);
  const input2: EnterVoucherInput = {
    date: input.date ?? original.voucherDate,
    summary: input.summary ?? `冲销${original.year}年${original.month}月${voucherLabel(original.number)}：${original.summary}`.slice(0, 200),
    attachments: 0,
    originalId: original.id,
    confirmParallel: true,
    lines: reversalLines(lines).map((l) => ({ account: l.accountCode, debitFen: l.debitFen, creditFen: l.creditFen, summary: l.summary ?? undefined, aux: auxOf(l) })),
  };
  return enterVoucher(tx, actor, original.setId, input2, now, { kind: "reversal", ...(source ? { source } : {}) });
}

/**
 * Writes a voucher the system builds (from another domain's event, a year-end closing) posted in one
 * step: checked like any voucher, numbered under the month's counter lock, added to the month totals,
 * with one audit row. The system prepares it; whoever asked for it (a person, or the consumer's
 * system actor) is its reviewer and poster.
 */
export async function postSystemVoucher(tx: Db, actor: LedgerActor, setId: string, input: EnterVoucherInput, extra: { source?: string; kind?: VoucherKind } = {}, now: Date): Promise<VoucherView> {
  const set = await loadSet(tx, actor, setId);
  const chart = await loadChart(tx, set);
  const kind = extra.kind ?? input.kind ?? "normal";
  const { problems, warnings } = checkVoucher(input, { account: (c) => chart.get(c), isClosed: await closedChecker(tx, set) }, { signed: kind === "reversal", closing: kind === "closing" });
  if (problems.length) failWith(problems);
  if (input.originalId) {
    const original = await loadVoucherRow(tx, actor, input.originalId);
    invariant(original.setId === set.id && original.status === "posted", "a system voucher's original is a posted voucher of its set");
  }
  const { year, month } = periodOfDate(input.date);
  const number = await takeNumbers(tx, set, year, month, 1);
  const [row] = await tx
    .insert(ledgerVoucher)
    .values({
      ...newVoucherRow(set, uuidv7(now.getTime()), input, { kind, originalId: input.originalId ?? null, source: extra.source, parallelConfirmed: warnings.length > 0 }),
      status: "posted",
      number,
      enteredBy: null,
      enteredByName: SYSTEM_PREPARER,
      enteredAt: now,
      reviewedBy: actor.userId,
      reviewedByName: actor.displayName,
      reviewedAt: now,
      postedBy: actor.userId,
      postedByName: actor.displayName,
      postedAt: now,
    })
    .returning();
  invariant(row, "the voucher was written");
  const lines = await tx.insert(ledgerVoucherLine).values(lineValues(set, row.id, input.lines)).returning();
  await addToTotals(tx, set, year, month, lines);
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.voucherPosted", entityType: "ledgerVoucher", entityId: row.id, after: { status: "posted", number: voucherLabel(number), year, month, set: set.code, date: input.date, summary: input.summary, kind, originalId: row.originalId, source: row.source, lines: lines.length, preparedBy: SYSTEM_PREPARER } }, now);
  return viewVoucher(row, lines, chart, set);
}

/** A posted voucher's lines as voucher input (for the vouchers the system builds from them). */
export async function voucherLinesOf(db: Db, v: Pick<VoucherRow, "regionCode" | "id">): Promise<(LineInput & { basis: Basis })[]> {
  return (await linesOf(db, v)).map((l) => ({ account: l.accountCode, basis: l.basis, debitFen: l.debitFen, creditFen: l.creditFen, summary: l.summary ?? undefined, aux: auxOf(l) }));
}

export interface VoucherListFilter {
  setId?: string | undefined;
  year?: number | undefined;
  month?: number | undefined;
  status?: "entered" | "reviewed" | "posted" | undefined;
  q?: string | undefined;
  account?: string | undefined;
}

export async function listVouchers(db: Db, actor: LedgerActor, filter: VoucherListFilter, page: { limit: number; offset: number }) {
  const conditions: SQL[] = [scopeCondition(ledgerVoucher.regionCode, actor.scopePrefix)];
  if (filter.setId) conditions.push(eq(ledgerVoucher.setId, filter.setId));
  if (filter.year) conditions.push(eq(ledgerVoucher.year, filter.year));
  if (filter.month) conditions.push(eq(ledgerVoucher.month, filter.month));
  if (filter.status) conditions.push(eq(ledgerVoucher.status, filter.status));
  if (filter.q) conditions.push(ilike(ledgerVoucher.summary, containsPattern(filter.q)));
  if (filter.account) {
    conditions.push(sql`exists (select 1 from ledger_voucher_line l where l.region_code = ${ledgerVoucher.regionCode} and l.voucher_id = ${ledgerVoucher.id} and l.account_code like ${`${filter.account.replace(/[^0-9]/g, "")}%`})`);
  }
  const where = and(...conditions);
  const found = await db.select().from(ledgerVoucher).where(where).orderBy(desc(ledgerVoucher.year), desc(ledgerVoucher.month), sql`${ledgerVoucher.number} desc nulls first`, desc(ledgerVoucher.enteredAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(ledgerVoucher).where(where);
  const totals = found.length
    ? await db
        .select({ id: ledgerVoucherLine.voucherId, debitFen: sql<bigint>`sum(${ledgerVoucherLine.debitFen})`, creditFen: sql<bigint>`sum(${ledgerVoucherLine.creditFen})` })
        .from(ledgerVoucherLine)
        .where(and(inArray(ledgerVoucherLine.voucherId, found.map((v) => v.id)), eq(ledgerVoucherLine.basis, "financial")))
        .groupBy(ledgerVoucherLine.voucherId)
    : [];
  return {
    items: found.map((v) => {
      const t = totals.find((x) => x.id === v.id);
      return {
        id: v.id,
        setId: v.setId,
        regionCode: v.regionCode,
        year: v.year,
        month: v.month,
        date: v.voucherDate,
        summary: v.summary,
        kind: v.kind,
        status: v.status,
        number: v.number,
        label: voucherLabel(v.number),
        financialAmount: fenText(BigInt(t?.debitFen ?? 0n)),
        enteredByName: v.enteredByName,
        reviewedByName: v.reviewedByName,
        postedByName: v.postedByName,
        originalId: v.originalId,
      };
    }),
    total: Number(count?.n ?? 0n),
  };
}

// ---------------------------------------------------------------- periods

async function periodRow(tx: Db, set: AccountSetRow, year: number, month: number, lock = false) {
  const q = tx.select().from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)));
  const [p] = lock ? await q.for("update") : await q;
  if (!p) return fail("NOT_FOUND", `账套没有${year}年${month}月的会计期间。`);
  return p;
}

/** Closes a month (结账): every voucher of the month posted, every earlier month closed. */
export async function closeMonth(tx: Db, actor: LedgerActor, setId: string, year: number, month: number, now: Date): Promise<void> {
  const set = await loadSet(tx, actor, setId);
  const p = await periodRow(tx, set, year, month, true);
  if (p.status === "closed") fail("INVALID_TRANSITION", `${year}年${month}月已结账。`);
  const [earlierOpen] = await tx
    .select({ month: ledgerPeriod.month, year: ledgerPeriod.year })
    .from(ledgerPeriod)
    .where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.status, "open"), sql`(${ledgerPeriod.year} * 100 + ${ledgerPeriod.month}) < ${year * 100 + month}`))
    .limit(1);
  if (earlierOpen) fail("PERIOD_NOT_READY", `请先结账${earlierOpen.year}年${earlierOpen.month}月。`);
  const [unposted] = await tx
    .select({ n: sql<bigint>`count(*)` })
    .from(ledgerVoucher)
    .where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.year, year), eq(ledgerVoucher.month, month), inArray(ledgerVoucher.status, ["entered", "reviewed"])));
  if (BigInt(unposted?.n ?? 0n) > 0n) fail("PERIOD_NOT_READY", `${year}年${month}月还有 ${unposted!.n} 张凭证未记账，不能结账。`);
  for (const check of monthCloseChecks) await check(tx, set, year, month);
  await tx.update(ledgerPeriod).set({ status: "closed", closedBy: actor.userId, closedAt: now }).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.monthClosed", entityType: "ledgerAccountSet", entityId: set.id, after: { year, month } }, now);
}

/** A check a month must pass before it closes (the bank reconciliation's); throws a domain error to refuse. */
export type MonthCloseCheck = (tx: Db, set: AccountSetRow, year: number, month: number) => Promise<void>;
const monthCloseChecks: MonthCloseCheck[] = [];

/** Adds a month-close check (called by the composition root, src/domains.ts); the same check once. */
export function registerMonthCloseCheck(check: MonthCloseCheck): void {
  if (!monthCloseChecks.includes(check)) monthCloseChecks.push(check);
}

/** Reopens a closed month (反结账): a director's recorded action with a reason; later months must be open. */
export async function reopenMonth(tx: Db, actor: LedgerActor, setId: string, year: number, month: number, note: string, now: Date): Promise<void> {
  const set = await loadSet(tx, actor, setId);
  const p = await periodRow(tx, set, year, month, true);
  if (p.status !== "closed") fail("INVALID_TRANSITION", `${year}年${month}月未结账。`);
  if (!note.trim()) fail("VALIDATION_FAILED", "反结账须写明原因。", [{ path: "note", message: "请填写原因" }]);
  const [laterClosed] = await tx
    .select({ month: ledgerPeriod.month, year: ledgerPeriod.year })
    .from(ledgerPeriod)
    .where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.status, "closed"), sql`(${ledgerPeriod.year} * 100 + ${ledgerPeriod.month}) > ${year * 100 + month}`))
    .limit(1);
  if (laterClosed) fail("PERIOD_NOT_READY", `请先反结账${laterClosed.year}年${laterClosed.month}月。`);
  await tx.update(ledgerPeriod).set({ status: "open", closedBy: null, closedAt: null }).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, year), eq(ledgerPeriod.month, month)));
  await recordAudit(tx, { regionCode: auditRegion(set.regionCode), actor: auditActor(actor), action: "ledger.monthReopened", entityType: "ledgerAccountSet", entityId: set.id, before: { year, month, status: "closed" }, after: { year, month, status: "open", note } }, now);
}
