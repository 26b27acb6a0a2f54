// The organisation domain's public face.
export { region, budgetUnit } from "./tables.ts";
export { createRegion, getRegion, listRegions, createBudgetUnit, listBudgetUnits, auditRegionOf, BUDGET_UNIT_FLOW, type RegionView, type BudgetUnitView } from "./service.ts";
export { orgRoutes } from "./routes.ts";
