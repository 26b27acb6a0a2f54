// Which appropriation fund (财政拨款种类: 一般公共预算 / 政府性基金 / 国有资本经营) an indicator's money is:
// its fund nature's, 上级转移支付 and 其他资金 being spent as 一般公共预算 appropriation (as the fiscal books
// and the unit ledgers' 6001/7101/7201 明细 do: the rule is shared, @xiangcai/shared appropriationFundOf).
// The authorised-payment quota is issued per fund and kind, so a payment draws on its indicator's fund.
import { sql, type SQL } from "drizzle-orm";
import { appropriationFundNames, appropriationFundOf, appropriationFunds, type AppropriationFund } from "@xiangcai/shared";
import { budgetIndicator } from "./tables.ts";

export { appropriationFundNames, appropriationFundOf, appropriationFunds, type AppropriationFund };

/** SQL: the appropriation fund of the `budget_indicator` row of the query, by `appropriationFundOf`'s rule. */
export function indicatorFundSql(): SQL<AppropriationFund> {
  return sql<AppropriationFund>`case when ${budgetIndicator.fundNature} in ('governmentFund', 'stateCapital') then ${budgetIndicator.fundNature} else 'generalBudget' end`;
}
