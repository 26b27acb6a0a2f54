// The budget domain's public face. Treasury and subsidy reserve money on indicators through these
// functions only, each in the caller's transaction.
export { reserveOnIndicator, settleReservation, releaseReservation, indicatorAvailability, isYearClosed, type Availability } from "./indicators.ts";
export { budgetIndicator, indicatorReservation, indicatorEvent } from "./tables.ts";
export type { PaymentMethod, FundNature } from "./tables.ts";
export { budgetRoutes } from "./routes.ts";
export { seedBudgetDemo } from "./demo.ts";
