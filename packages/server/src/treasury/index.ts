// The treasury domain's public face.
export { paymentRequest, bankBatch, bankResultFile, paymentQuota, paymentRefund } from "./tables.ts";
export { indexPayeeIds } from "./service.ts";
export { createPayment, getPayment, listPayments, createBankBatch, bankBatchFile, importBankResult, setQuota, listQuotas, PAYMENT_FLOW, type PaymentView } from "./service.ts";
export { paymentPaidTopic, paymentReturnedTopic, paymentRefundedTopic } from "./events.ts";
export { registerPaymentCheck, type PaymentCheck, type PaymentCheckContext } from "./paymentChecks.ts";
export { paymentTodoSummary } from "./todoSummary.ts";
export { treasuryRevenueReport, treasuryRevenueLine } from "./tables.ts";
export { revenueReportedTopic, quotaSetTopic, paymentEnteredTopic } from "./events.ts";
export { recordRevenueReport, type RevenueReportView } from "./revenue.ts";
export { myPaymentRequestsCard, paymentsInFlightCard } from "./homeCards.ts";
