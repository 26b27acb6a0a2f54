// Proves that the route list is well formed: unique absolute paths, a known menu group
// for each, and a permission on every page of the side menu, so that no page is shown
// to users who may not open it.
import { describe, expect, it } from "vitest";
import { MENU_GROUPS, buildMenu, landingPath, mayOpen } from "./navigation.ts";
import { appRoutes } from "./routes.tsx";

describe("appRoutes", () => {
  it("has unique absolute paths", () => {
    const paths = appRoutes.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path).toMatch(/^\/[a-z0-9/:-]+$/);
  });

  it("puts every route in a known menu group", () => {
    const groups = new Set<string>(MENU_GROUPS.map((group) => group.key));
    for (const route of appRoutes) expect(groups.has(route.group)).toBe(true);
  });

  it("requires a permission for every menu page", () => {
    for (const route of appRoutes.filter((candidate) => candidate.hideInMenu !== true)) {
      expect(route.permission, route.path).toBeDefined();
    }
  });

  it("shows an auditor only what audit.read and flow.read allow", () => {
    const menu = buildMenu(appRoutes, ["audit.read", "flow.read"], "district");
    expect(menu.flatMap((group) => group.items.map((item) => item.path))).toEqual(["/home", "/todo", "/audit", "/settings"]);
  });

  it("keeps the bank files and the settings out of a unit clerk's menu", () => {
    const clerk = ["org.read", "flow.read", "budget.read", "budget.request", "payment.read", "payment.create", "performance.read", "performance.enter", "rectification.read", "rectification.work"];
    const paths = buildMenu(appRoutes, clerk, "township").flatMap((group) => group.items.map((item) => item.path));
    expect(paths).toContain("/treasury/payments");
    expect(paths).not.toContain("/treasury/bank");
    expect(paths).not.toContain("/settings");
    expect(buildMenu(appRoutes, ["flow.read", "payment.read", "payment.bank"], "township").flatMap((g) => g.items.map((i) => i.path))).toContain("/treasury/bank");
  });

  it("lists 债务月报上报情况, the district's page of every township, for the district only; a township keeps its own 债务月报", () => {
    const reports = ["flow.read", "debt.read", "report.read", "report.prepare"];
    const township = buildMenu(appRoutes, reports, "township").flatMap((g) => g.items.map((i) => i.path));
    expect(township).toContain("/debt/monthly-reports");
    expect(township).not.toContain("/debt/monthly-reports/status");
    expect(buildMenu(appRoutes, ["flow.read", "debt.read", "report.read", "report.review"], "district").flatMap((g) => g.items.map((i) => i.path))).toContain("/debt/monthly-reports/status");
    const status = appRoutes.find((r) => r.path === "/debt/monthly-reports/status")!;
    expect(mayOpen(status, reports, "township")).toBe(false);
    expect(mayOpen(status, ["report.read"], "district")).toBe(true);
    expect(mayOpen(status, [], "district")).toBe(false);
  });

  it("lists 决算上报情况, the district's page of every township's final account, for the district only; a township keeps its 年度决算", () => {
    const township = buildMenu(appRoutes, ["flow.read", "report.read", "report.prepare"], "township").flatMap((g) => g.items.map((i) => i.path));
    expect(township).toContain("/final-accounts");
    expect(township).not.toContain("/final-accounts/district");
    expect(buildMenu(appRoutes, ["flow.read", "report.read", "report.review"], "district").flatMap((g) => g.items.map((i) => i.path))).toContain("/final-accounts/district");
    const status = appRoutes.find((r) => r.path === "/final-accounts/district")!;
    expect(mayOpen(status, ["report.read"], "township")).toBe(false);
    expect(mayOpen(status, ["report.read"], "district")).toBe(true);
  });

  it("lands every signed-in user on the home page (首页), the to-do one click away", () => {
    expect(landingPath(appRoutes, ["flow.read"], "district")).toBe("/home");
    expect(landingPath(appRoutes, ["flow.read", "budget.read", "payment.read"], "district")).toBe("/home");
  });

  it("shows a district administrator the whole foundation menu", () => {
    const all = ["flow.read", "org.read", "org.manage", "budgetUnit.read", "budgetUnit.create", "user.read", "user.manage", "audit.read", "audit.verify"];
    const menu = buildMenu(appRoutes, all, "district");
    expect(menu.map((group) => group.title)).toEqual(["首页", "基础信息", "系统管理"]);
    expect(menu.flatMap((group) => group.items.map((item) => item.title))).toEqual(["首页", "我的待办", "组织机构", "预算单位", "用户管理", "审计日志", "系统设置"]);
  });
});
