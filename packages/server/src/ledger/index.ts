// The ledger domain's public face: other domains import only from here.
export { ledgerAccountSet, ledgerAccount, ledgerPeriod, ledgerVoucher, ledgerVoucherLine, ledgerMonthTotal, ledgerSkippedEvent } from "./tables.ts";
export { createAccountSet, enterVoucher, reviewVoucher, postVoucher, reverseVoucher, closeMonth, reopenMonth, getVoucher, findSetByCode, registerMonthCloseCheck, type LedgerActor, type MonthCloseCheck } from "./service.ts";
export { assertBankReconciled } from "./bankService.ts";
export { trialBalanceOf } from "./balances.ts";
// The fiscal general accounts (财政总会计): a township's statements, for the final accounts to read.
export { fiscalStatementOf, fiscalStatementOfTownship, FISCAL_STATEMENT_CODES, fiscalStatementTitles, type FiscalStatement, type FiscalStatementCode } from "./fiscalReports.ts";
export { fiscalSetOf } from "./fiscalConsumer.ts";
// The year of any set as the final accounts (决算) read it.
export { setYearFigures, accountSetsOfTownship, type SetYearFigures } from "./fiscalReports.ts";
export type { AccountSetKind } from "./rules.ts";
export type { StatementRow } from "./statements.ts";
export { ledgerWorkCard } from "./homeCards.ts";
