// The budget pages (预算管理): catalogues, preparation, indicators, execution.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const budgetRoutes: AppRoute[] = [
  { path: "/budget/rounds", title: "预算编制", group: "budget", permission: "budget.read", page: lazy(() => import("./RoundsPage.tsx")) },
  { path: "/budget/projects", title: "项目库", group: "budget", permission: "budget.read", page: lazy(() => import("./ProjectsPage.tsx")) },
  { path: "/budget/indicators", title: "预算指标", group: "budget", permission: "budget.read", page: lazy(() => import("./IndicatorsPage.tsx")) },
  { path: "/budget/execution", title: "预算执行分析", group: "budget", permission: "budget.read", page: lazy(() => import("./ExecutionPage.tsx")) },
  { path: "/budget/catalog", title: "收支分类科目", group: "budget", permission: ["budget.read", "catalog.manage"], page: lazy(() => import("./CatalogPage.tsx")) },
];
