// The fund supervision pages (资金监管): alerts and their follow-up, reports, rules and suppressions.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const supervisionRoutes: AppRoute[] = [
  { path: "/supervision/alerts", title: "监管预警", group: "supervision", permission: "supervision.read", order: 1, page: lazy(() => import("./AlertsPage.tsx")) },
  { path: "/supervision/alerts/:id", title: "预警详情", group: "supervision", permission: "supervision.read", hideInMenu: true, page: lazy(() => import("./AlertDetailPage.tsx")) },
  { path: "/supervision/report", title: "监管报告", group: "supervision", permission: "supervision.read", order: 2, page: lazy(() => import("./ReportPage.tsx")) },
  { path: "/supervision/report/print", title: "监管报告（打印）", group: "supervision", permission: "supervision.read", hideInMenu: true, page: lazy(() => import("./ReportPrintPage.tsx")) },
  { path: "/supervision/rules", title: "监管规则", group: "supervision", permission: "supervision.read", order: 3, page: lazy(() => import("./RulesPage.tsx")) },
  { path: "/supervision/suppressions", title: "误报屏蔽", group: "supervision", permission: "supervision.read", order: 4, page: lazy(() => import("./SuppressionsPage.tsx")) },
];
