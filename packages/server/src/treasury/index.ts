// The treasury domain's public face.
export { paymentRequest, bankBatch, bankResultFile, paymentQuota } from "./tables.ts";
export { createPayment, getPayment, listPayments, createBankBatch, bankBatchFile, importBankResult, setQuota, listQuotas, PAYMENT_FLOW, type PaymentView } from "./service.ts";
export { treasuryRoutes } from "./routes.ts";
