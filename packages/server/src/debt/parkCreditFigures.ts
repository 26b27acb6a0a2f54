// The park credit programme's figures (财园信贷通统计): per bank its fund, lending room, loans
// outstanding, overdue, compensation and recoveries; per year the loans granted and repaid and the
// fund's deposits, compensation and recoveries; and the district's total.
import { and, asc, eq } from "drizzle-orm";
import { formatDecimal, formatYuan, percentOf, type ParkFiguresView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { Actor } from "../identity/index.ts";
import { fundMultiple } from "./parkCredit.ts";
import { countsAsOutstanding, fundTotals, lendingCapacity, unpaidPrincipal } from "./parkCreditRules.ts";
import { parkCreditBank, parkCreditFundMovement, parkCreditLoan, parkCreditLoanEvent } from "./tables.ts";

const yuan = (fen: bigint) => formatYuan(fen);

export async function parkCreditFigures(db: Db, actor: Actor): Promise<ParkFiguresView> {
  const regionCode = /^[0-9]{6}000$/.test(actor.regionCode) ? actor.regionCode : `${actor.scopePrefix.slice(0, 6)}000`;
  const banks = await db.select().from(parkCreditBank).where(scopeCondition(parkCreditBank.regionCode, actor.scopePrefix)).orderBy(asc(parkCreditBank.createdAt), asc(parkCreditBank.name));
  const movements = await db.select().from(parkCreditFundMovement).where(scopeCondition(parkCreditFundMovement.regionCode, actor.scopePrefix));
  const loans = await db.select().from(parkCreditLoan).where(scopeCondition(parkCreditLoan.regionCode, actor.scopePrefix));
  const repayments = await db.select({ amountFen: parkCreditLoanEvent.amountFen, date: parkCreditLoanEvent.eventDate }).from(parkCreditLoanEvent).where(and(scopeCondition(parkCreditLoanEvent.regionCode, actor.scopePrefix), eq(parkCreditLoanEvent.kind, "repaid")));
  const multiple = await fundMultiple(db, regionCode);
  const total = { fund: 0n, capacity: 0n, outstanding: 0n, granted: 0n, loans: 0, compensated: 0n, recovered: 0n };
  const byBank = banks.map((b) => {
    const fund = fundTotals(movements.filter((m) => m.bankId === b.id));
    const mine = loans.filter((l) => l.bankId === b.id);
    const outstanding = mine.reduce((s, l) => (countsAsOutstanding(l.status) ? s + unpaidPrincipal(l) : s), 0n);
    const overdue = mine.reduce((s, l) => (l.status === "overdue" || l.status === "defaulted" ? s + unpaidPrincipal(l) : s), 0n);
    const granted = mine.reduce((s, l) => s + l.amountFen, 0n);
    const capacity = lendingCapacity(fund.balanceFen, multiple);
    total.fund += fund.balanceFen;
    total.capacity += capacity;
    total.outstanding += outstanding;
    total.granted += granted;
    total.loans += mine.length;
    total.compensated += fund.compensatedFen;
    total.recovered += fund.recoveredFen;
    return { bankId: b.id, bankName: b.name, fundBalance: yuan(fund.balanceFen), capacity: yuan(capacity), outstanding: yuan(outstanding), granted: yuan(granted), loans: mine.length, overdue: yuan(overdue), compensated: yuan(fund.compensatedFen), recovered: yuan(fund.recoveredFen), usePercent: capacity > 0n ? formatDecimal(percentOf(outstanding, capacity, 2)) : "0.00" };
  });
  const years = new Map<number, { loans: number; granted: bigint; repaid: bigint; compensated: bigint; recovered: bigint; deposited: bigint }>();
  const yearOf = (date: string) => {
    const y = Number(date.slice(0, 4));
    if (!years.has(y)) years.set(y, { loans: 0, granted: 0n, repaid: 0n, compensated: 0n, recovered: 0n, deposited: 0n });
    return years.get(y)!;
  };
  for (const l of loans) {
    const y = yearOf(l.startDate);
    y.loans++;
    y.granted += l.amountFen;
  }
  for (const r of repayments) yearOf(r.date).repaid += r.amountFen;
  for (const m of movements) {
    const y = yearOf(m.movementDate);
    if (m.kind === "deposit") y.deposited += m.amountFen;
    if (m.kind === "withdrawal") y.deposited -= m.amountFen;
    if (m.kind === "compensation") y.compensated += m.amountFen;
    if (m.kind === "recovery") y.recovered += m.amountFen;
  }
  return {
    multiple: formatDecimal(multiple),
    total: { fundBalance: yuan(total.fund), capacity: yuan(total.capacity), outstanding: yuan(total.outstanding), granted: yuan(total.granted), loans: total.loans, compensated: yuan(total.compensated), recovered: yuan(total.recovered) },
    byBank,
    byYear: [...years.entries()].sort(([a], [b]) => a - b).map(([year, y]) => ({ year, loans: y.loans, granted: yuan(y.granted), repaid: yuan(y.repaid), compensated: yuan(y.compensated), recovered: yuan(y.recovered), deposited: yuan(y.deposited) })),
  };
}
