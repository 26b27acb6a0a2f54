// The budget domain's public face. Treasury and subsidy move money on indicators (reserve, settle,
// release, refund) through these functions only, each in the caller's transaction.
export { reserveOnIndicator, settleReservation, releaseReservation, refundToIndicator, indicatorAvailability, isYearClosed, issueIndicator, type Availability, type IssueIndicatorInput } from "./indicators.ts";
export { closeYear, startDistrictYearEnd, runDistrictYearEnd, getYearEndRun, listYearEndRuns, isRunWorking, districtRunsSettled, type YearEndResult, type YearEndRunView } from "./yearEnd.ts";
export { budgetIndicator, indicatorReservation, indicatorEvent, fiscalYearStatus, yearEndRun, budgetLine, budgetRound, budgetProject, congressResolution } from "./tables.ts";
export type { PaymentMethod, FundNature } from "./tables.ts";
export { registerLineReviewCheck, type LineReviewCheck, type LineReviewContext } from "./reviewChecks.ts";
export { createProject, assessProject } from "./projects.ts";
export { addLine, openRound, reviewLine, type BudgetLineInput } from "./preparation.ts";
export { transferTodoSummary, budgetLineReviewTodo, budgetLineReturnedTodo } from "./todo.ts";
export { BUDGET_TRANSFER_FLOW } from "./transfers.ts";
export { budgetRevenueLine, budgetRemittance } from "./tables.ts";
export { approvedBudgetOf, recordRemittance, type ApprovedBudget } from "./revenue.ts";
export { upperTransferRecordedTopic, remittanceRecordedTopic, directPaymentCarriedOverTopic, authorisedPaymentCarriedOverTopic } from "./events.ts";
export { authorisedCarriedInFen, noMoneyByFundAndKind, unitCarryOverFacts, type ByFundAndKind, type UnitCarryOverFacts } from "./carryOver.ts";
export type { RevenueFund, RevenueLineKind } from "./tables.ts";
export { expenditureKindNames, expenditureKinds, indicatorKindSql, indicatorSpending, spendingOf, spendingOfIndicator, type ExpenditureKind, type Spending } from "./spending.ts";
export { appropriationFundNames, appropriationFundOf, appropriationFunds, indicatorFundSql, type AppropriationFund } from "./fund.ts";
export { budgetExecutionCard, townshipStandingCard } from "./homeCards.ts";
