// Proves that the menu shows each page only to users holding its permission, in a stable
// order, and that breadcrumbs and the landing page follow from the same route list.
import { describe, expect, it } from "vitest";
import {
  breadcrumbFor,
  buildMenu,
  findRoute,
  hasPermission,
  landingPath,
  mayOpen,
  pathMatches,
  selectedMenuPath,
  userLevel,
  type RouteInfo,
} from "./navigation.ts";

const routes: RouteInfo[] = [
  { path: "/todo", title: "我的待办", group: "home", permission: "flow.read" },
  { path: "/org/regions", title: "组织机构", group: "org", permission: "org.read" },
  { path: "/org/budget-units", title: "预算单位", group: "org", permission: "budgetUnit.read" },
  { path: "/users", title: "用户管理", group: "system", permission: ["user.read", "user.manage"] },
  { path: "/audit", title: "审计日志", group: "system", permission: "audit.read", order: -1 },
  { path: "/budget/requests", title: "预算申报", group: "budget", permission: "budget.read" },
  { path: "/budget/requests/:id", title: "申报详情", group: "budget", permission: "budget.read", hideInMenu: true },
  { path: "/account/password", title: "修改密码", group: "account", hideInMenu: true },
  { path: "/budget/status", title: "全区上报情况", group: "budget", permission: "budget.read", levels: ["district"] },
];

describe("hasPermission", () => {
  it("allows everything when no permission is required", () => {
    expect(hasPermission([], undefined)).toBe(true);
  });

  it("needs the named permission, or any one of a list", () => {
    expect(hasPermission(["org.read"], "org.read")).toBe(true);
    expect(hasPermission(["org.read"], "org.manage")).toBe(false);
    expect(hasPermission(["user.manage"], ["user.read", "user.manage"])).toBe(true);
    expect(hasPermission([], ["user.read", "user.manage"])).toBe(false);
  });
});

describe("buildMenu", () => {
  it("shows only the items the user holds permissions for, dropping empty groups", () => {
    const menu = buildMenu(routes, ["flow.read", "budgetUnit.read"], "district");
    expect(menu).toEqual([
      { key: "home", title: "首页", flat: true, items: [{ path: "/todo", title: "我的待办" }] },
      { key: "org", title: "基础信息", flat: false, items: [{ path: "/org/budget-units", title: "预算单位" }] },
    ]);
  });

  it("orders groups by the group table and items by order, then by list position", () => {
    const all = ["flow.read", "org.read", "budgetUnit.read", "user.read", "audit.read", "budget.read"];
    const menu = buildMenu(routes, all, "district");
    expect(menu.map((group) => group.key)).toEqual(["home", "budget", "org", "system"]);
    expect(menu.find((group) => group.key === "system")?.items.map((item) => item.title)).toEqual(["审计日志", "用户管理"]);
  });

  it("never lists hidden routes", () => {
    const menu = buildMenu(routes, ["budget.read"], "district");
    expect(menu.flatMap((group) => group.items.map((item) => item.path))).toEqual(["/budget/requests", "/budget/status"]);
  });

  it("lists a page meant for the district to district users only, whatever their permissions", () => {
    expect(buildMenu(routes, ["budget.read"], "township").flatMap((group) => group.items.map((item) => item.path))).toEqual(["/budget/requests"]);
    const status = routes.find((r) => r.path === "/budget/status")!;
    expect(mayOpen(status, ["budget.read"], "district")).toBe(true);
    expect(mayOpen(status, ["budget.read"], "township")).toBe(false);
    expect(mayOpen(status, [], "district")).toBe(false);
    expect(mayOpen(routes[0]!, ["flow.read"], "township")).toBe(true);
  });

  it("tells a district user by the district's code, and a township's or a village's user from it", () => {
    expect(userLevel("329901000")).toBe("district");
    expect(userLevel("329901101")).toBe("township");
    expect(userLevel("329901001")).toBe("township");
    expect(userLevel("329901101201")).toBe("township");
    expect(userLevel("329901001000")).toBe("township");
  });

  it("shows nothing to a user without permissions", () => {
    expect(buildMenu(routes, [], "district")).toEqual([]);
  });
});

describe("route matching", () => {
  it("matches parameters to exactly one segment", () => {
    expect(pathMatches("/budget/requests/:id", "/budget/requests/42")).toBe(true);
    expect(pathMatches("/budget/requests/:id", "/budget/requests")).toBe(false);
    expect(pathMatches("/budget/requests/:id", "/budget/requests/42/x")).toBe(false);
    expect(pathMatches("/users", "/users/")).toBe(true);
  });

  it("prefers a literal route over a parameterised one", () => {
    const list: RouteInfo[] = [
      { path: "/users/:id", title: "详情", group: "system" },
      { path: "/users/new", title: "新建", group: "system" },
    ];
    expect(findRoute(list, "/users/new")?.title).toBe("新建");
    expect(findRoute(list, "/users/7")?.title).toBe("详情");
  });
});

describe("breadcrumbFor", () => {
  it("names home, the group and the page", () => {
    expect(breadcrumbFor(routes, "/org/budget-units", "/todo")).toEqual([
      { title: "首页", path: "/todo" },
      { title: "基础信息" },
      { title: "预算单位" },
    ]);
  });

  it("skips the group of flat home pages and does not repeat the landing page", () => {
    expect(breadcrumbFor(routes, "/todo", "/todo")).toEqual([{ title: "首页", path: "/todo" }]);
  });

  it("answers just home for an unknown path", () => {
    expect(breadcrumbFor(routes, "/nowhere", "/todo")).toEqual([{ title: "首页", path: "/todo" }]);
  });
});

describe("landingPath and selectedMenuPath", () => {
  it("lands on the first visible menu item", () => {
    expect(landingPath(routes, ["flow.read", "org.read"], "district")).toBe("/todo");
    expect(landingPath(routes, ["audit.read"], "district")).toBe("/audit");
    expect(landingPath(routes, [], "district")).toBeNull();
  });

  it("highlights the group's list page for a hidden detail page", () => {
    expect(selectedMenuPath(routes, "/budget/requests/9")).toBe("/budget/requests");
    expect(selectedMenuPath(routes, "/org/regions")).toBe("/org/regions");
    expect(selectedMenuPath(routes, "/x")).toBeUndefined();
  });
});
