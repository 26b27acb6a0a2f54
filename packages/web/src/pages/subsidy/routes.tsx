// The subsidy pages (惠农补贴), listed once in src/routes.tsx.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const subsidyRoutes: AppRoute[] = [
  { path: "/subsidy/rosters", title: "发放清册", group: "subsidy", permission: "subsidy.read", order: 1, page: lazy(() => import("./RostersPage.tsx")) },
  { path: "/subsidy/rosters/:id", title: "清册详情", group: "subsidy", permission: "subsidy.read", hideInMenu: true, page: lazy(() => import("./RosterDetailPage.tsx")) },
  { path: "/subsidy/rosters/:id/notice", title: "公示表", group: "subsidy", permission: "subsidy.read", hideInMenu: true, page: lazy(() => import("./NoticePrintPage.tsx")) },
  { path: "/subsidy/recipients", title: "补贴对象名册", group: "subsidy", permission: "subsidy.read", order: 2, page: lazy(() => import("./RecipientsPage.tsx")) },
  { path: "/subsidy/payments", title: "发放与重发", group: "subsidy", permission: "subsidy.pay", order: 3, page: lazy(() => import("./PaymentsPage.tsx")) },
  { path: "/subsidy/items", title: "补贴项目与政策", group: "subsidy", permission: "subsidy.read", order: 4, page: lazy(() => import("./ItemsPage.tsx")) },
];
