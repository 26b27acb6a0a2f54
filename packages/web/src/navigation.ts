// The menu, breadcrumbs and landing page are all derived from the route list in
// routes.tsx and the user's permissions and level. This file holds the pure rules so that they can
// be tested without React; a route is shown only to users holding its permission, at a level it is for.

/**
 * Menu groups in display order. The business domains (预算 … 档案) are listed now so
 * that their order is settled; a group appears only once some route belongs to it.
 */
export const MENU_GROUPS = [
  { key: "home", title: "首页", flat: true },
  { key: "budget", title: "预算管理", flat: false },
  { key: "treasury", title: "国库支付", flat: false },
  { key: "ledger", title: "会计核算", flat: false },
  { key: "finalAccounts", title: "决算管理", flat: false },
  { key: "subsidy", title: "惠农补贴", flat: false },
  { key: "debt", title: "债务管理", flat: false },
  { key: "registers", title: "台账管理", flat: false },
  { key: "performance", title: "绩效管理", flat: false },
  { key: "supervision", title: "资金监管", flat: false },
  { key: "hall", title: "服务大厅", flat: false },
  { key: "archive", title: "档案管理", flat: false },
  { key: "org", title: "基础信息", flat: false },
  { key: "system", title: "系统管理", flat: false },
  // Pages reached from the user menu (修改密码, 双因素认证), never from the side menu.
  { key: "account", title: "个人设置", flat: false },
] as const;

export type MenuGroupKey = (typeof MENU_GROUPS)[number]["key"];

/** A permission, or a list of which any one suffices; undefined means every signed-in user. */
export type PermissionRule = string | readonly string[] | undefined;

/** Where a user works: the district (region code 329901000) or a township (329901101). */
export type UserLevel = "district" | "township";

export function userLevel(regionCode: string): UserLevel {
  return regionCode.length === 9 && regionCode.endsWith("000") ? "district" : "township";
}

/** What the navigation rules need to know about a route. */
export interface RouteInfo {
  /** Absolute path; ":name" segments match any one segment. */
  path: string;
  title: string;
  group: MenuGroupKey;
  permission?: PermissionRule;
  /**
   * The levels whose users the page is for; undefined means both. A district's one-page view of every
   * township (债务月报上报情况) is not a township's page, though its permission lets a township read its own row.
   */
  levels?: readonly UserLevel[];
  /** Detail pages and account pages stay out of the side menu. */
  hideInMenu?: boolean;
  /** Order within the group; lower first, then by position in the route list. */
  order?: number;
}

export interface MenuItemModel {
  path: string;
  title: string;
}

export interface MenuGroupModel {
  key: MenuGroupKey;
  title: string;
  flat: boolean;
  items: MenuItemModel[];
}

export function hasPermission(permissions: readonly string[], rule: PermissionRule): boolean {
  if (rule === undefined) return true;
  if (typeof rule === "string") return permissions.includes(rule);
  return rule.some((permission) => permissions.includes(permission));
}

/** Whether a user with these permissions, at this level, may open the route (menu and router agree on it). */
export function mayOpen(route: RouteInfo, permissions: readonly string[], level: UserLevel): boolean {
  return hasPermission(permissions, route.permission) && (route.levels === undefined || route.levels.includes(level));
}

/** The side menu for a user: groups in MENU_GROUPS order, empty groups left out. */
export function buildMenu(routes: readonly RouteInfo[], permissions: readonly string[], level: UserLevel): MenuGroupModel[] {
  const menu: MenuGroupModel[] = [];
  for (const group of MENU_GROUPS) {
    const items = routes
      .map((route, index) => ({ route, index }))
      .filter(({ route }) => route.group === group.key && route.hideInMenu !== true)
      .filter(({ route }) => mayOpen(route, permissions, level))
      .sort((a, b) => (a.route.order ?? 0) - (b.route.order ?? 0) || a.index - b.index)
      .map(({ route }) => ({ path: route.path, title: route.title }));
    if (items.length > 0) menu.push({ key: group.key, title: group.title, flat: group.flat, items });
  }
  return menu;
}

/** True when `pathname` matches the route pattern, ":param" matching one non-empty segment. */
export function pathMatches(pattern: string, pathname: string): boolean {
  const patternParts = pattern.split("/").filter((part) => part !== "");
  const pathParts = pathname.split("/").filter((part) => part !== "");
  if (patternParts.length !== pathParts.length) return false;
  return patternParts.every((part, index) => part.startsWith(":") || part === pathParts[index]);
}

export function findRoute<T extends RouteInfo>(routes: readonly T[], pathname: string): T | undefined {
  // Literal routes win over parameterised ones ("/users/new" before "/users/:id").
  const literal = routes.find((route) => !route.path.includes(":") && pathMatches(route.path, pathname));
  return literal ?? routes.find((route) => pathMatches(route.path, pathname));
}

export interface Crumb {
  title: string;
  path?: string;
}

/** 首页 › group › page, or just 首页 › page for pages of the flat home group. */
export function breadcrumbFor(routes: readonly RouteInfo[], pathname: string, homePath: string): Crumb[] {
  const route = findRoute(routes, pathname);
  const crumbs: Crumb[] = [{ title: "首页", path: homePath }];
  if (route === undefined) return crumbs;
  const group = MENU_GROUPS.find((candidate) => candidate.key === route.group);
  if (group !== undefined && !group.flat) crumbs.push({ title: group.title });
  if (route.path !== homePath) crumbs.push({ title: route.title });
  return crumbs;
}

/** Where "/" leads: the first menu item the user may open, or null if there is none. */
export function landingPath(routes: readonly RouteInfo[], permissions: readonly string[], level: UserLevel): string | null {
  const menu = buildMenu(routes, permissions, level);
  return menu[0]?.items[0]?.path ?? null;
}

/** The menu key to highlight for a path: its own route, or for a hidden detail page its group's first item. */
export function selectedMenuPath(routes: readonly RouteInfo[], pathname: string): string | undefined {
  const route = findRoute(routes, pathname);
  if (route === undefined) return undefined;
  if (route.hideInMenu !== true) return route.path;
  return routes.find((candidate) => candidate.group === route.group && candidate.hideInMenu !== true)?.path;
}
