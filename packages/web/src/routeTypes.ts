// The shape of one entry in the route list (routes.tsx). Domain route files import this
// type, not routes.tsx, so that no import cycle arises.
import type { ComponentType, LazyExoticComponent, ReactNode } from "react";
import type { RouteInfo } from "./navigation.ts";

export interface AppRoute extends RouteInfo {
  /** The page, loaded on first visit: `lazy(() => import("./pages/…/SomePage.tsx"))` with a default export. */
  page: LazyExoticComponent<ComponentType>;
  /** Icon for items shown at the top level of the menu (the 首页 group). */
  icon?: ReactNode;
}
