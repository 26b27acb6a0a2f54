// The treasury payment pages (国库支付): requests, the printable payment order, bank files.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const treasuryRoutes: AppRoute[] = [
  { path: "/treasury/payments", title: "支付申请", group: "treasury", permission: "payment.read", page: lazy(() => import("./PaymentsPage.tsx")) },
  { path: "/treasury/payments/:id", title: "支付申请详情", group: "treasury", permission: "payment.read", hideInMenu: true, page: lazy(() => import("./PaymentPage.tsx")) },
  { path: "/treasury/payments/:id/order", title: "支付凭证", group: "treasury", permission: "payment.read", hideInMenu: true, page: lazy(() => import("./PaymentOrderPage.tsx")) },
  { path: "/treasury/quotas", title: "授权支付额度", group: "treasury", permission: "payment.read", page: lazy(() => import("./QuotasPage.tsx")) },
  { path: "/treasury/bank", title: "银行发送与回盘", group: "treasury", permission: ["payment.bank", "payment.review"], page: lazy(() => import("./BankPage.tsx")) },
];
