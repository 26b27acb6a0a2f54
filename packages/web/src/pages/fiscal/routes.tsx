// The fiscal general accounting's own pages (财政总会计): the treasury's daily revenue reports and the
// remittances up. Its books, vouchers and statements are the ledger's pages (会计核算), which serve
// both kinds of account set; the revenue side of the budget is on the preparation page.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const fiscalRoutes: AppRoute[] = [
  { path: "/treasury/revenue-reports", title: "国库收入日报", group: "treasury", permission: "budget.read", page: lazy(() => import("./RevenueReportsPage.tsx")) },
  { path: "/budget/remittances", title: "上解", group: "budget", permission: "budget.read", page: lazy(() => import("./RemittancesPage.tsx")) },
];
