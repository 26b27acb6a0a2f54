// The ledger pages (会计核算), listed once in src/routes.tsx.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const ledgerRoutes: AppRoute[] = [
  { path: "/ledger/vouchers", title: "凭证管理", group: "ledger", permission: "ledger.read", order: 1, page: lazy(() => import("./VouchersPage.tsx")) },
  { path: "/ledger/vouchers/new", title: "录入凭证", group: "ledger", permission: "ledger.enter", hideInMenu: true, page: lazy(() => import("./VoucherEntryPage.tsx")) },
  { path: "/ledger/vouchers/:id", title: "记账凭证", group: "ledger", permission: "ledger.read", hideInMenu: true, page: lazy(() => import("./VoucherPage.tsx")) },
  { path: "/ledger/reports", title: "账簿与报表", group: "ledger", permission: "ledger.read", order: 2, page: lazy(() => import("./ReportsPage.tsx")) },
  { path: "/ledger/bank", title: "银行对账", group: "ledger", permission: "ledger.read", order: 3, page: lazy(() => import("./BankReconciliationPage.tsx")) },
  { path: "/ledger/periods", title: "结账", group: "ledger", permission: "ledger.read", order: 3, page: lazy(() => import("./PeriodsPage.tsx")) },
  { path: "/ledger/templates", title: "凭证模板", group: "ledger", permission: "ledger.read", order: 4, page: lazy(() => import("./TemplatesPage.tsx")) },
  { path: "/ledger/accounts", title: "会计科目", group: "ledger", permission: "ledger.read", order: 5, page: lazy(() => import("./AccountsPage.tsx")) },
  { path: "/ledger/opening-balances", title: "期初余额", group: "ledger", permission: "ledger.read", order: 5, page: lazy(() => import("./OpeningBalancesPage.tsx")) },
];
