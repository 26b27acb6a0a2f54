// Balances of a set from the month totals: opening balances and movements over a month range, and
// the trial balance (科目余额表) built from them.
import { and, eq, lte } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { trialBalance, type Movement, type TrialBalanceRow } from "./rules.ts";
import { ledgerMonthTotal } from "./tables.ts";
import { fail, loadChart, type AccountSetRow } from "./service.ts";

/** Signed (debit positive) balances per leaf account before month `fromMonth` of `year`, and movements in the range. */
export async function balancesFor(db: Db, set: AccountSetRow, year: number, fromMonth: number, toMonth: number): Promise<{ opening: Map<string, bigint>; period: Map<string, Movement> }> {
  const found = await db
    .select({ month: ledgerMonthTotal.month, account: ledgerMonthTotal.accountCode, debitFen: ledgerMonthTotal.debitFen, creditFen: ledgerMonthTotal.creditFen })
    .from(ledgerMonthTotal)
    .where(and(eq(ledgerMonthTotal.regionCode, set.regionCode), eq(ledgerMonthTotal.setId, set.id), eq(ledgerMonthTotal.year, year), lte(ledgerMonthTotal.month, toMonth)));
  const opening = new Map<string, bigint>();
  const period = new Map<string, Movement>();
  for (const r of found) {
    if (r.month < fromMonth) opening.set(r.account, (opening.get(r.account) ?? 0n) + r.debitFen - r.creditFen);
    else {
      const m = period.get(r.account) ?? { debitFen: 0n, creditFen: 0n };
      m.debitFen += r.debitFen;
      m.creditFen += r.creditFen;
      period.set(r.account, m);
    }
  }
  return { opening, period };
}

export function parseMonth(text: string, path: string): { year: number; month: number } {
  const m = /^([0-9]{4})-([0-9]{2})$/.exec(text);
  const month = m ? Number.parseInt(m[2]!, 10) : 0;
  if (!m || month < 1 || month > 12) return fail("VALIDATION_FAILED", `月份 ${text} 应为 YYYY-MM。`, [{ path, message: "应为 YYYY-MM" }]);
  return { year: Number.parseInt(m[1]!, 10), month };
}

/** The trial balance (科目余额表) over a month range of one fiscal year. */
export async function trialBalanceOf(db: Db, set: AccountSetRow, from: string, to: string, level = 4): Promise<TrialBalanceRow[]> {
  const a = parseMonth(from, "from");
  const b = parseMonth(to, "to");
  if (a.year !== b.year || a.month > b.month) fail("VALIDATION_FAILED", "起止月份须在同一会计年度内，且起始不晚于截止。", [{ path: "to", message: "月份范围无效" }]);
  const { opening, period } = await balancesFor(db, set, a.year, a.month, b.month);
  const chart = await loadChart(db, set);
  return trialBalance([...chart.values()], opening, period, level);
}

