// The register pages (台账管理): policy documents, tax sources with the key sources ranked and the
// revenue estimate, basic data per village, and the district's side-by-side page.
import { lazy } from "react";
import type { AppRoute } from "../../routeTypes.ts";

export const registersRoutes: AppRoute[] = [
  { path: "/registers/policy-documents", title: "政策文件台账", group: "registers", permission: "register.read", page: lazy(() => import("./PolicyDocumentsPage.tsx")) },
  { path: "/registers/tax-sources", title: "税源台账", group: "registers", permission: "register.read", page: lazy(() => import("./TaxSourcesPage.tsx")) },
  { path: "/registers/tax-analysis", title: "重点税源与收入预计", group: "registers", permission: "register.read", page: lazy(() => import("./TaxAnalysisPage.tsx")) },
  { path: "/registers/basic-data", title: "基础数据台账", group: "registers", permission: "register.read", page: lazy(() => import("./BasicDataPage.tsx")) },
  { path: "/registers/overview", title: "全区台账一览", group: "registers", permission: "register.read", levels: ["district"], page: lazy(() => import("./OverviewPage.tsx")) },
];
