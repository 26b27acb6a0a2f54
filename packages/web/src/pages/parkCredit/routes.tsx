// The park credit programme's pages (财园信贷通), at district level: banks and their risk
// compensation fund, the loans and one loan's life, and the figures by bank and year.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const parkCreditRoutes: AppRoute[] = [
  { path: "/park-credit/banks", title: "财园信贷通·合作银行", group: "debt", permission: "parkCredit.read", page: lazy(() => import("./BanksPage.tsx")) },
  { path: "/park-credit/loans", title: "财园信贷通·贷款台账", group: "debt", permission: "parkCredit.read", page: lazy(() => import("./LoansPage.tsx")) },
  { path: "/park-credit/loans/:id", title: "贷款详情", group: "debt", permission: "parkCredit.read", hideInMenu: true, page: lazy(() => import("./LoanPage.tsx")) },
  { path: "/park-credit/figures", title: "财园信贷通·统计", group: "debt", permission: "parkCredit.read", page: lazy(() => import("./FiguresPage.tsx")) },
];
