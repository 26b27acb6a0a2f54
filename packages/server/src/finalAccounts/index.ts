// The final accounts' public face: the report kind (registered by src/domains.ts) and the reads other
// domains may use (a township's final-account content and its audit formulas), and its to-do card.
export { finalAccountsReport, FINAL_ACCOUNTS_REPORT } from "./report.ts";
export { buildFinalContent } from "./build.ts";
export { finalAccountsTodoSummary } from "./todoSummary.ts";
export { evaluate, formulasOf, totalsOf, type FinalContent, type Formula } from "./rules.ts";
// The township's side of a unit's 财政拨款预算收入, which the ledger's posting rules are proved against.
export { noAuthorisedFacts, townshipSideOfUnit, type AuthorisedKindFacts, type UnitAppropriationFacts } from "./shapes.ts";
