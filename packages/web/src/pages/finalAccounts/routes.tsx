// The final accounts' pages (决算管理): the township's workspace for a year and its print view, the
// district's status page with the consolidated tables, and publication to residents (预决算公开).
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const finalAccountsRoutes: AppRoute[] = [
  { path: "/final-accounts", title: "年度决算", group: "finalAccounts", permission: "report.read", page: lazy(() => import("./WorkspacePage.tsx")) },
  { path: "/final-accounts/print", title: "决算打印", group: "finalAccounts", permission: "report.read", hideInMenu: true, page: lazy(() => import("./PrintPage.tsx")) },
  { path: "/final-accounts/district", title: "决算上报情况", group: "finalAccounts", permission: "report.read", levels: ["district"], page: lazy(() => import("./DistrictPage.tsx")) },
  { path: "/final-accounts/publications", title: "预决算公开", group: "finalAccounts", permission: "report.read", page: lazy(() => import("./PublicationsPage.tsx")) },
];
