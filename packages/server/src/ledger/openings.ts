// Opening balances (期初余额) of an account set migrated from other software: entered per leaf
// account, and per combination of auxiliary dimensions where the account requires them, for the
// set's first year. They take effect all at once as month 0 of the month totals — the trial
// balance, the books and the statements then read them as any opening balance — and only when
// each basis balances (financial debits = credits, budget debits = credits). Once the first year
// has a posted voucher they are fixed: a correction is then a voucher.
import { and, asc, eq, sql } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { recordAudit } from "../audit/index.ts";
import { auxOf, fail, loadChart, loadSet, type AccountSetRow, type LedgerActor } from "./service.ts";
import { AUX_DIMENSIONS, auxNames, sideColumns, type Aux, type Basis, type ChartAccount } from "./rules.ts";
import { ledgerMonthTotal, ledgerOpeningBalance, ledgerPeriod, ledgerVoucher } from "./tables.ts";
import type { OpeningView } from "@xiangcai/shared";
export type { OpeningView };

export interface OpeningLineInput {
  account: string;
  debitFen: bigint;
  creditFen: bigint;
  aux?: Aux | undefined;
}

export const OPENING_LINES_MAX = 5000;

/** The key of an auxiliary combination: the values of the five dimensions in order, joined. */
/**
 * The key of an auxiliary combination. The five dimensions of migration 0008 keep their key shape
 * (stored keys stay valid); the revenue class (migration 0018) is appended only when present.
 */
const BASE_DIMENSIONS = AUX_DIMENSIONS.filter((d) => d !== "revenue");
export const dimKeyOf = (aux: Aux | undefined) => {
  const base = BASE_DIMENSIONS.some((d) => aux?.[d]) ? BASE_DIMENSIONS.map((d) => aux?.[d] ?? "").join("|") : "";
  return aux?.revenue ? `${base || "||||"}|r:${aux.revenue}` : base;
};

/**
 * Checks opening lines against the chart (pure): leaf accounts, one positive side, required
 * dimensions, no combination twice, and each basis balanced. Returns the first refusal.
 */
export function checkOpenings(lines: readonly OpeningLineInput[], account: (code: string) => ChartAccount | undefined): { code: "UNKNOWN_ACCOUNT" | "NOT_LEAF" | "BAD_AMOUNT" | "MISSING_AUX" | "VALIDATION_FAILED" | "OPENING_UNBALANCED"; message: string; line?: number } | null {
  if (lines.length > OPENING_LINES_MAX) return { code: "VALIDATION_FAILED", message: `期初余额不得超过 ${OPENING_LINES_MAX} 行` };
  const seen = new Set<string>();
  const totals = { financial: { d: 0n, c: 0n }, budget: { d: 0n, c: 0n } };
  for (const [i, l] of lines.entries()) {
    const a = account(l.account);
    if (!a) return { code: "UNKNOWN_ACCOUNT", line: i, message: `第${i + 1}行：科目 ${l.account} 不存在` };
    if (!a.isLeaf) return { code: "NOT_LEAF", line: i, message: `第${i + 1}行：科目 ${l.account} ${a.name} 有明细科目，期初余额须录到末级科目` };
    if (l.debitFen < 0n || l.creditFen < 0n || (l.debitFen === 0n) === (l.creditFen === 0n)) return { code: "BAD_AMOUNT", line: i, message: `第${i + 1}行：借方、贷方余额须且只须填一个正数金额` };
    const missing = a.requiredAux.filter((d) => !l.aux?.[d]);
    if (missing.length) return { code: "MISSING_AUX", line: i, message: `第${i + 1}行：科目 ${l.account} 须按${missing.map((d) => auxNames[d]).join("、")}录入期初余额` };
    const key = `${l.account}/${dimKeyOf(l.aux)}`;
    if (seen.has(key)) return { code: "VALIDATION_FAILED", line: i, message: `第${i + 1}行：科目 ${l.account} 的同一辅助核算组合重复录入` };
    seen.add(key);
    totals[a.basis].d += l.debitFen;
    totals[a.basis].c += l.creditFen;
  }
  const unbalanced = (["financial", "budget"] as const).filter((b) => totals[b].d !== totals[b].c);
  if (unbalanced.length) {
    return {
      code: "OPENING_UNBALANCED",
      message: unbalanced.map((b) => `${b === "financial" ? "财务会计" : "预算会计"}期初余额借贷不平：借方 ${formatYuan(totals[b].d)}，贷方 ${formatYuan(totals[b].c)}`).join("；"),
    };
  }
  return null;
}

async function lockReason(db: Db, set: AccountSetRow): Promise<string | null> {
  const [posted] = await db
    .select({ n: sql<string>`count(*)` })
    .from(ledgerVoucher)
    .where(and(eq(ledgerVoucher.regionCode, set.regionCode), eq(ledgerVoucher.setId, set.id), eq(ledgerVoucher.year, set.startYear), eq(ledgerVoucher.status, "posted")));
  if (BigInt(posted?.n ?? 0) > 0n) return `${set.startYear}年已有 ${posted!.n} 张已记账凭证，期初余额不能再修改；如有差错请用凭证更正。`;
  const [closed] = await db.select({ month: ledgerPeriod.month }).from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, set.startYear), eq(ledgerPeriod.status, "closed"))).limit(1);
  if (closed) return `${set.startYear}年${closed.month}月已结账，期初余额不能再修改。`;
  return null;
}

const fenText = (f: bigint) => (f === 0n ? null : formatYuan(f));

export async function getOpenings(db: Db, actor: LedgerActor, setId: string): Promise<OpeningView> {
  const set = await loadSet(db, actor, setId);
  const chart = await loadChart(db, set);
  const rows = await db.select().from(ledgerOpeningBalance).where(and(eq(ledgerOpeningBalance.regionCode, set.regionCode), eq(ledgerOpeningBalance.setId, set.id))).orderBy(asc(ledgerOpeningBalance.accountCode), asc(ledgerOpeningBalance.dimKey));
  const totals = { financial: { d: 0n, c: 0n }, budget: { d: 0n, c: 0n } };
  const lines = rows.map((r) => {
    const a = chart.get(r.accountCode);
    const basis: Basis = a?.basis ?? (r.accountCode[0]! >= "6" ? "budget" : "financial");
    totals[basis].d += r.debitFen;
    totals[basis].c += r.creditFen;
    return { account: r.accountCode, accountName: a?.name ?? r.accountCode, basis, debit: fenText(r.debitFen), credit: fenText(r.creditFen), aux: auxOf(r) };
  });
  const reason = await lockReason(db, set);
  return {
    year: set.startYear,
    locked: reason !== null,
    lockedReason: reason,
    lines,
    totals: { financialDebit: formatYuan(totals.financial.d), financialCredit: formatYuan(totals.financial.c), budgetDebit: formatYuan(totals.budget.d), budgetCredit: formatYuan(totals.budget.c) },
  };
}

/**
 * Replaces the set's opening balances with `lines`, all or nothing: refused once the first year
 * has a posting (OPENING_LOCKED) or when a basis does not balance (OPENING_UNBALANCED). The first
 * year's months are locked meanwhile, so no posting can slip in between the check and the change.
 */
export async function saveOpenings(tx: Db, actor: LedgerActor, setId: string, lines: readonly OpeningLineInput[], now: Date): Promise<OpeningView> {
  const set = await loadSet(tx, actor, setId);
  await tx.select({ month: ledgerPeriod.month }).from(ledgerPeriod).where(and(eq(ledgerPeriod.regionCode, set.regionCode), eq(ledgerPeriod.setId, set.id), eq(ledgerPeriod.year, set.startYear))).for("update");
  const reason = await lockReason(tx, set);
  if (reason) fail("OPENING_LOCKED", reason);
  const chart = await loadChart(tx, set);
  const problem = checkOpenings(lines, (c) => chart.get(c));
  if (problem) fail(problem.code, problem.message, [{ path: problem.line === undefined ? "lines" : `lines.${problem.line}`, message: problem.message }]);
  const before = await tx.select().from(ledgerOpeningBalance).where(and(eq(ledgerOpeningBalance.regionCode, set.regionCode), eq(ledgerOpeningBalance.setId, set.id)));
  await tx.delete(ledgerOpeningBalance).where(and(eq(ledgerOpeningBalance.regionCode, set.regionCode), eq(ledgerOpeningBalance.setId, set.id)));
  await tx.delete(ledgerMonthTotal).where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.year, set.startYear), eq(ledgerMonthTotal.month, 0)));
  const byAccount = new Map<string, bigint>();
  const values = lines.map((l) => {
    byAccount.set(l.account, (byAccount.get(l.account) ?? 0n) + l.debitFen - l.creditFen);
    return {
      regionCode: set.regionCode,
      setId: set.id,
      accountCode: l.account,
      dimKey: dimKeyOf(l.aux),
      functionalCode: l.aux?.functional || null,
      economicCode: l.aux?.economic || null,
      project: l.aux?.project || null,
      payee: l.aux?.payee || null,
      department: l.aux?.department || null,
      revenueCode: l.aux?.revenue || null,
      debitFen: l.debitFen,
      creditFen: l.creditFen,
      enteredBy: actor.userId,
      enteredAt: now,
    };
  });
  for (let i = 0; i < values.length; i += 1000) await tx.insert(ledgerOpeningBalance).values(values.slice(i, i + 1000));
  const totals = [...byAccount].filter(([, v]) => v !== 0n).map(([accountCode, v]) => ({ regionCode: set.regionCode, setId: set.id, year: set.startYear, month: 0, accountCode, ...sideColumns(v) }));
  for (let i = 0; i < totals.length; i += 1000) await tx.insert(ledgerMonthTotal).values(totals.slice(i, i + 1000));
  const sum = (rows: readonly { debitFen: bigint }[]) => formatYuan(rows.reduce((s, r) => s + r.debitFen, 0n));
  await recordAudit(tx, {
    regionCode: set.regionCode.slice(0, 9),
    actor: { id: actor.userId, name: actor.displayName },
    action: "ledger.openingBalancesSet",
    entityType: "ledgerAccountSet",
    entityId: set.id,
    before: { lines: before.length, debitTotal: sum(before) },
    after: { year: set.startYear, lines: lines.length, debitTotal: sum(lines), accounts: totals.length },
  }, now);
  return getOpenings(tx, actor, set.id);
}
