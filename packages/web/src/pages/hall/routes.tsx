// The service hall's pages (服务大厅): the matters residents bring to the window, one matter with its
// answer and report to the district, the printable acceptance slip, and the year's figures.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const hallRoutes: AppRoute[] = [
  { path: "/hall/matters", title: "服务事项", group: "hall", permission: "hall.read", page: lazy(() => import("./MattersPage.tsx")) },
  { path: "/hall/matters/:id", title: "服务事项详情", group: "hall", permission: "hall.read", hideInMenu: true, page: lazy(() => import("./MatterPage.tsx")) },
  { path: "/hall/matters/:id/slip", title: "受理回执", group: "hall", permission: "hall.read", hideInMenu: true, page: lazy(() => import("./SlipPage.tsx")) },
  { path: "/hall/stats", title: "办件统计", group: "hall", permission: "hall.read", page: lazy(() => import("./StatsPage.tsx")) },
];
