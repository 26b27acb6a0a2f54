// The ledger domain's public face: other domains import only from here.
export { ledgerAccountSet, ledgerAccount, ledgerPeriod, ledgerVoucher, ledgerVoucherLine, ledgerMonthTotal, ledgerSkippedEvent } from "./tables.ts";
export { createAccountSet, enterVoucher, reviewVoucher, postVoucher, reverseVoucher, closeMonth, reopenMonth, getVoucher, trialBalanceOf, findSetByCode, type LedgerActor } from "./service.ts";
export { ledgerRoutes } from "./routes.ts";
