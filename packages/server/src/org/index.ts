// The organisation domain's public face. (The region table is the platform's tenant registry,
// platform/regionTable.ts; this domain writes it.)
export { budgetUnit, type BudgetUnitKind, type BudgetUnitStatus } from "./tables.ts";
export { createRegion, getRegion, listRegions, createBudgetUnit, listBudgetUnits, auditRegionOf, BUDGET_UNIT_FLOW, type RegionView, type BudgetUnitView } from "./service.ts";
export { budgetUnitTodoSummary } from "./todoSummary.ts";
