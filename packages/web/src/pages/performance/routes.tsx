// The performance pages (绩效管理), listed once in src/routes.tsx: targets, monitoring, the congress
// package, evaluations, results applied, and the rectification register.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const performanceRoutes: AppRoute[] = [
  { path: "/performance/targets", title: "绩效目标", group: "performance", permission: "performance.read", order: 1, page: lazy(() => import("./TargetsPage.tsx")) },
  { path: "/performance/targets/:id", title: "绩效目标表", group: "performance", permission: "performance.read", hideInMenu: true, page: lazy(() => import("./TargetSheetPage.tsx")) },
  { path: "/performance/targets/:id/print", title: "打印绩效目标表", group: "performance", permission: "performance.read", hideInMenu: true, page: lazy(() => import("./TargetPrintPage.tsx")) },
  { path: "/performance/monitoring", title: "运行监控", group: "performance", permission: "performance.read", order: 2, page: lazy(() => import("./MonitoringPage.tsx")) },
  { path: "/performance/congress", title: "人大审查", group: "performance", permission: "performance.read", order: 3, page: lazy(() => import("./CongressPage.tsx")) },
  { path: "/performance/evaluations", title: "绩效评价", group: "performance", permission: "performance.read", order: 4, page: lazy(() => import("./EvaluationsPage.tsx")) },
  { path: "/performance/evaluations/:id", title: "绩效评价报告", group: "performance", permission: "performance.read", hideInMenu: true, page: lazy(() => import("./EvaluationPage.tsx")) },
  { path: "/performance/results", title: "结果应用", group: "performance", permission: "performance.read", order: 5, page: lazy(() => import("./ResultsPage.tsx")) },
  { path: "/performance/rectifications", title: "整改台账", group: "performance", permission: "rectification.read", order: 6, page: lazy(() => import("./RectificationsPage.tsx")) },
];
