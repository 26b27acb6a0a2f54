// The debt domain's public face: the register's tables others may join on, the repayment a treasury
// payment makes (the ledger posts from it), the indicators, and the monthly report kind.
export { debt, debtRepayment, debtScheduleLine } from "./tables.ts";
export { repaymentOfPayment, type RepaymentOfPayment } from "./repayment.ts";
export { capacityOf, debtIndicators, districtDebt } from "./indicators.ts";
export { debtMonthlyReport, DEBT_MONTHLY_REPORT, debtYearPosition } from "./report.ts";
export { generateSchedule, readTerms, scheduleJson, type ScheduleLine, type ScheduleTerms } from "./schedule.ts";
// The guarded spreadsheet reading and writing the registers share with the debt register.
