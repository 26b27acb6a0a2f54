// The pure rules of a budget's revenue side (收入预算): which kinds of line stand on which side, and
// when the draft is balanced — per budget (一般公共预算, 政府性基金预算), revenue (own tax and non-tax
// revenue, transfer revenue from above, funds brought in and carried over) equals expenditure (the
// reviewed expenditure lines) plus remittances up (上解) and funds taken out (调出). 预算法 第十二条:
// 各级预算应当遵循统筹兼顾、勤俭节约、量力而行、讲求绩效和收支平衡的原则.
import { formatYuan, revenueFundNames, revenueLineKindNames, revenueLineKinds } from "@xiangcai/shared";

export { revenueFundNames, revenueLineKindNames };
import type { RevenueFund, RevenueLineKind } from "./tables.ts";

/** The kinds in the order a draft lists them. */
export const REVENUE_LINE_KINDS: readonly RevenueLineKind[] = revenueLineKinds;
/** Lines that stand beside expenditure on the uses side of the balance. */
export function isUseOfFunds(kind: RevenueLineKind): boolean {
  return kind === "remittance" || kind === "transferOut";
}

/** The revenue class a line of each kind must carry (tax under 101, non-tax under 103), or null. */
export function requiredRevenueClass(kind: RevenueLineKind): "101" | "103" | null {
  return kind === "tax" ? "101" : kind === "nonTax" ? "103" : null;
}

/** The budget an expenditure line's fund nature belongs to: only 政府性基金 has its own; the rest is general. */
export function revenueFundOfFundNature(fundNature: string): RevenueFund {
  return fundNature === "governmentFund" ? "governmentFund" : "generalBudget";
}

export interface FundBalance {
  fund: RevenueFund;
  /** Own revenue, transfers, 调入 and carry-over. */
  sourcesFen: bigint;
  expenditureFen: bigint;
  /** 上解 and 调出. */
  otherUsesFen: bigint;
  /** sources − (expenditure + other uses): zero when balanced. */
  differenceFen: bigint;
}

export interface BudgetBalance {
  funds: FundBalance[];
  balanced: boolean;
}

/** The balance of a draft per budget, from its revenue-side lines and its expenditure by budget. */
export function budgetBalanceOf(revenueLines: readonly { kind: RevenueLineKind; fund: RevenueFund; amountFen: bigint }[], expenditure: readonly { fund: RevenueFund; amountFen: bigint }[]): BudgetBalance {
  const funds: FundBalance[] = (["generalBudget", "governmentFund"] as const).map((fund) => {
    let sourcesFen = 0n;
    let otherUsesFen = 0n;
    for (const l of revenueLines) {
      if (l.fund !== fund) continue;
      if (isUseOfFunds(l.kind)) otherUsesFen += l.amountFen;
      else sourcesFen += l.amountFen;
    }
    const expenditureFen = expenditure.filter((e) => e.fund === fund).reduce((s, e) => s + e.amountFen, 0n);
    return { fund, sourcesFen, expenditureFen, otherUsesFen, differenceFen: sourcesFen - expenditureFen - otherUsesFen };
  });
  return { funds, balanced: funds.every((f) => f.differenceFen === 0n) };
}

/** Why a draft is not balanced, in words a congress deputy reads: each budget's two sides. */
export function imbalanceMessage(balance: BudgetBalance): string {
  return balance.funds
    .filter((f) => f.differenceFen !== 0n)
    .map((f) => `${revenueFundNames[f.fund]}收入合计 ${formatYuan(f.sourcesFen, { thousands: true })} 元，支出合计 ${formatYuan(f.expenditureFen + f.otherUsesFen, { thousands: true })} 元（其中上解、调出 ${formatYuan(f.otherUsesFen, { thousands: true })} 元），${f.differenceFen > 0n ? "收大于支" : "支大于收"} ${formatYuan(f.differenceFen < 0n ? -f.differenceFen : f.differenceFen, { thousands: true })} 元`)
    .join("；");
}
