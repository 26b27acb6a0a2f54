// The subsidy domain's public face.
export { subsidyRoutes } from "./routes.ts";
export { seedSubsidyDemo, DEMO_ITEM_CODE } from "./demo.ts";
export { runRosterCommand, ROSTER_USAGE } from "./cli.ts";
export { ROSTER_FLOW } from "./service.ts";
