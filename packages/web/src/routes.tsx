// Every page of the signed-in area, in one list. The side menu, breadcrumbs, permission
// checks and the landing page all follow from this list (see navigation.ts).
//
// To add a domain (预算, 国库支付, 会计核算, 惠农补贴, 债务, 绩效, 档案): write its pages under
// src/pages/<domain>/, list them in src/pages/<domain>/routes.tsx as `AppRoute[]` with the
// domain's menu group ("budget", "treasury", "ledger", "finalAccounts", "subsidy", "debt",
// "performance", "archive") and permission, then add one line here: `...budgetRoutes,`.
import { HomeOutlined, ScheduleOutlined } from "@ant-design/icons";
import { lazy } from "react";
import type { AppRoute } from "./routeTypes.ts";
import { subsidyRoutes } from "./pages/subsidy/routes.tsx";
import { ledgerRoutes } from "./pages/ledger/routes.tsx";
import { budgetRoutes } from "./pages/budget/routes.tsx";
import { treasuryRoutes } from "./pages/treasury/routes.tsx";
import { debtRoutes } from "./pages/debt/routes.tsx";
import { finalAccountsRoutes } from "./pages/finalAccounts/routes.tsx";
import { performanceRoutes } from "./pages/performance/routes.tsx";
import { fiscalRoutes } from "./pages/fiscal/routes.tsx";
import { supervisionRoutes } from "./pages/supervision/routes.tsx";
import { registersRoutes } from "./pages/registers/routes.tsx";
import { parkCreditRoutes } from "./pages/parkCredit/routes.tsx";
import { hallRoutes } from "./pages/hall/routes.tsx";

export const appRoutes: AppRoute[] = [
  {
    // Every signed-in user's landing page: the cards of their kind of home (GET /home).
    path: "/home",
    title: "首页",
    group: "home",
    // Every role holds flow.read (the to-do); the cards inside follow each domain's permissions.
    permission: "flow.read",
    icon: <HomeOutlined />,
    page: lazy(() => import("./pages/home/HomePage.tsx")),
  },
  {
    path: "/todo",
    title: "我的待办",
    group: "home",
    permission: "flow.read",
    icon: <ScheduleOutlined />,
    page: lazy(() => import("./pages/todo/TodoPage.tsx")),
  },
  ...budgetRoutes,
  ...treasuryRoutes,
  ...subsidyRoutes,
  ...ledgerRoutes,
  ...finalAccountsRoutes,
  ...debtRoutes,
  ...performanceRoutes,
  ...fiscalRoutes,
  ...supervisionRoutes,
  ...registersRoutes,
  ...parkCreditRoutes,
  ...hallRoutes,
  {
    path: "/org/regions",
    title: "组织机构",
    group: "org",
    permission: "org.read",
    page: lazy(() => import("./pages/org/RegionsPage.tsx")),
  },
  {
    path: "/org/budget-units",
    title: "预算单位",
    group: "org",
    permission: "budgetUnit.read",
    page: lazy(() => import("./pages/org/BudgetUnitsPage.tsx")),
  },
  {
    path: "/users",
    title: "用户管理",
    group: "system",
    permission: ["user.read", "user.manage"],
    page: lazy(() => import("./pages/users/UsersPage.tsx")),
  },
  {
    path: "/audit",
    title: "审计日志",
    group: "system",
    permission: "audit.read",
    page: lazy(() => import("./pages/audit/AuditPage.tsx")),
  },
  {
    path: "/settings",
    title: "系统设置",
    group: "system",
    // Who sets rules or reads them for audit; a clerk's menu holds only what the clerk may use.
    permission: ["settings.manage", "supervision.configure", "audit.read"],
    page: lazy(() => import("./pages/settings/SettingsPage.tsx")),
  },
  {
    path: "/account/password",
    title: "修改密码",
    group: "account",
    hideInMenu: true,
    page: lazy(() => import("./pages/account/ChangePasswordPage.tsx")),
  },
  {
    path: "/account/totp",
    title: "双因素认证",
    group: "account",
    hideInMenu: true,
    page: lazy(() => import("./pages/account/TotpPage.tsx")),
  },
];
