// The debt pages (债务管理): the register, one debt and its printable schedule, the ratio and maturity
// profile, the district ranking, and the monthly report with the district's status page.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const debtRoutes: AppRoute[] = [
  { path: "/debt/debts", title: "债务台账", group: "debt", permission: "debt.read", page: lazy(() => import("./DebtsPage.tsx")) },
  { path: "/debt/debts/:id", title: "债务详情", group: "debt", permission: "debt.read", hideInMenu: true, page: lazy(() => import("./DebtPage.tsx")) },
  { path: "/debt/debts/:id/print", title: "还本付息计划表", group: "debt", permission: "debt.read", hideInMenu: true, page: lazy(() => import("./DebtPrintPage.tsx")) },
  { path: "/debt/indicators", title: "债务率与到期结构", group: "debt", permission: "debt.read", page: lazy(() => import("./IndicatorsPage.tsx")) },
  { path: "/debt/district", title: "全区债务排名", group: "debt", permission: "debt.read", page: lazy(() => import("./DistrictPage.tsx")) },
  { path: "/debt/monthly-reports", title: "债务月报", group: "debt", permission: "report.read", page: lazy(() => import("./ReportPages.tsx")) },
  { path: "/debt/monthly-reports/status", title: "债务月报上报情况", group: "debt", permission: "report.read", levels: ["district"], page: lazy(() => import("./ReportStatusRoute.tsx")) },
];
