// Every domain's flows, outbox topics and consumers, in one place. Each composition root calls
// registerDomains() before it works: buildApp (app.ts), the demo seed (demo/seed.ts), the CLI and the
// test databases. No domain registers itself when imported. A new domain adds its lines here.
import { registerFlow, type FlowDefinition } from "./flow/index.ts";
import { registerConsumer, type OutboxConsumer, type Topic } from "./platform/outbox.ts";
import { budgetUnitRegistrationFlow } from "./org/service.ts";
import { budgetTransferFlow } from "./budget/transfers.ts";
import { paymentFlow } from "./treasury/service.ts";
import { rosterFlow } from "./subsidy/rosterFlow.ts";
import { ledgerConsumer } from "./ledger/consumer.ts";
import { fiscalLedgerConsumer } from "./ledger/fiscalConsumer.ts";
import { paymentEnteredTopic, paymentPaidTopic, paymentRefundedTopic, paymentReturnedTopic, revenueReportedTopic, quotaSetTopic } from "./treasury/index.ts";
import { authorisedPaymentCarriedOverTopic, directPaymentCarriedOverTopic, remittanceRecordedTopic, upperTransferRecordedTopic } from "./budget/index.ts";
import { linesPaidTopic, linesRecoveredTopic, rosterSubmittedTopic } from "./subsidy/index.ts";
import { alertFlow, supervisionConsumer, supervisionRectification } from "./supervision/index.ts";
import { registerReportKind, reportFlowCode, type ReportKind } from "./reporting/index.ts";
import { registerLineReviewCheck } from "./budget/index.ts";
import { registerPaymentCheck } from "./treasury/index.ts";
import { evaluationFlow, paymentHoldCheck, performanceLineReviewCheck, performanceRectification, targetFlow } from "./performance/index.ts";
import { debtMonthlyReport } from "./debt/index.ts";
import { FINAL_ACCOUNTS_REPORT, finalAccountsReport, finalAccountsTodoSummary } from "./finalAccounts/index.ts";
import { registerTodoSource, registerTodoSummary, type TodoSource, type TodoSummaryProvider } from "./flow/index.ts";
import { BUDGET_TRANSFER_FLOW, budgetLineReturnedTodo, budgetLineReviewTodo, transferTodoSummary } from "./budget/index.ts";
import { PAYMENT_FLOW, paymentTodoSummary } from "./treasury/index.ts";
import { ROSTER_FLOW, rosterTodoSummary } from "./subsidy/index.ts";
import { BUDGET_UNIT_FLOW, budgetUnitTodoSummary } from "./org/index.ts";
import { overdueMattersCard, registerHomeCard, type HomeCard } from "./home/index.ts";
import { budgetExecutionCard, townshipStandingCard } from "./budget/index.ts";
import { myPaymentRequestsCard, paymentsInFlightCard } from "./treasury/index.ts";
import { rosterStagesCard } from "./subsidy/index.ts";
import { assertBankReconciled, ledgerWorkCard, registerMonthCloseCheck } from "./ledger/index.ts";
import { hallCard, hallTodoSummary, SERVICE_MATTER_FLOW, serviceMatterFlow } from "./serviceHall/index.ts";

/** Approval chains run by the flow engine (to-do lists, deadlines, hand-over cover all of them). */
export const flows: readonly FlowDefinition[] = [budgetUnitRegistrationFlow, budgetTransferFlow, paymentFlow, rosterFlow, alertFlow, targetFlow, evaluationFlow, performanceRectification.flow, supervisionRectification.flow, serviceMatterFlow];

/** Every outbox topic, declared in its producer's events.ts (docs/events.md is generated from these). */
export const topics: readonly Topic[] = [paymentEnteredTopic, paymentPaidTopic, paymentReturnedTopic, paymentRefundedTopic, rosterSubmittedTopic, linesPaidTopic, linesRecoveredTopic, upperTransferRecordedTopic, remittanceRecordedTopic, revenueReportedTopic, quotaSetTopic, directPaymentCarriedOverTopic, authorisedPaymentCarriedOverTopic];

/** Handlers of outbox events between domains. */
export const consumers: readonly OutboxConsumer[] = [ledgerConsumer, fiscalLedgerConsumer, supervisionConsumer];

/** Periodic reports townships owe the district (reporting/): each gets its flow when registered. */
export const reportKinds: readonly ReportKind[] = [debtMonthlyReport as unknown as ReportKind, finalAccountsReport as unknown as ReportKind];

/**
 * What each flow's approver sees beside the approve button (the domain's summary card). A new domain
 * adds its flow's card here: [FLOW_CODE, provider].
 */
export const todoSummaries: readonly (readonly [string, TodoSummaryProvider])[] = [
  [PAYMENT_FLOW, paymentTodoSummary],
  [BUDGET_TRANSFER_FLOW, transferTodoSummary],
  [ROSTER_FLOW, rosterTodoSummary],
  [BUDGET_UNIT_FLOW, budgetUnitTodoSummary],
  [reportFlowCode(FINAL_ACCOUNTS_REPORT), finalAccountsTodoSummary],
  [SERVICE_MATTER_FLOW, hallTodoSummary],
];

/** Work outside the flow engine that waits for a person, fed into the one to-do (我的待办, home pages). */
export const todoSources: readonly TodoSource[] = [budgetLineReviewTodo, budgetLineReturnedTodo];

/**
 * The cards of the home pages (首页): each domain describes its part for the roles it serves. A new
 * domain adds its cards here, the way it adds its summary cards to the to-do.
 */
export const homePageCards: readonly HomeCard[] = [budgetExecutionCard, ledgerWorkCard, myPaymentRequestsCard, paymentsInFlightCard, rosterStagesCard, overdueMattersCard, townshipStandingCard, hallCard];

/** Registers every flow, report kind and consumer; safe to call again (the same definitions are kept). */
export function registerDomains(): void {
  for (const flow of flows) registerFlow(flow);
  for (const kind of reportKinds) registerReportKind(kind);
  for (const consumer of consumers) registerConsumer(consumer);
  // Performance's rules on other domains' commands: "no target, no budget" and the results rule on
  // a line's review, the monitoring hold on a project's payments (budget and treasury do not know them).
  registerLineReviewCheck(performanceLineReviewCheck);
  // A month of a unit ledger closes only when its bank reconciliation agrees (when the setting asks).
  registerMonthCloseCheck(assertBankReconciled);
  registerPaymentCheck(paymentHoldCheck);
  for (const [flowCode, provider] of todoSummaries) registerTodoSummary(flowCode, provider);
  for (const source of todoSources) registerTodoSource(source);
  for (const card of homePageCards) registerHomeCard(card);
}
