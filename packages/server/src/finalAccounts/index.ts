// The final accounts' public face: the report kind (registered by src/domains.ts) and the reads other
// domains may use (a township's final-account content and its audit formulas).
export { finalAccountsReport, FINAL_ACCOUNTS_REPORT } from "./report.ts";
export { buildFinalContent } from "./build.ts";
export { evaluate, formulasOf, totalsOf, type FinalContent, type Formula } from "./rules.ts";
