// A home page for every role: the to-do one click away with its count, and the cards the domains
// register for the roles they serve (a director's budget execution and payments in flight, an
// accountant's periods and vouchers waiting, a clerk's own requests). The card is a neutral shape
// (figures, a chart, a short table) so a new domain adds a card without a new page.
import type { TodoCountsView } from "./todo.ts";

/** How a value is read: money is a yuan string ("1983900.00") shown with separators, right-aligned. */
export type HomeValueKind = "money" | "count" | "percent" | "text";

/** One figure on a card: 已支付 1,234,567.00 元, with the page that lists it. */
export interface HomeFigure {
  label: string;
  value: string;
  kind: HomeValueKind;
  /** A web path (/treasury/payments?status=financeReview) opening what the figure counts. */
  link?: string;
  /** danger: overdue, refused; warning: waiting long; success: done. */
  tone?: "danger" | "warning" | "success";
}

/** A chart drawn with ECharts: categories along one axis, one or more series of values. */
export interface HomeChart {
  type: "bar" | "pie";
  /** Bars lying down (township names read better along the vertical axis). */
  horizontal?: boolean;
  categories: string[];
  series: { name: string; kind: HomeValueKind; values: string[] }[];
}

/** A short table on a card; rows may open a page. */
export interface HomeTable {
  columns: { key: string; title: string; kind: HomeValueKind }[];
  rows: (Record<string, string> & { link?: string })[];
}

/** One card of a home page, filled by the domain that registered it. */
export interface HomeCardView {
  /** Stable code (budget.execution); the browser flows find cards by it. */
  code: string;
  title: string;
  /** wide: the full row (a chart of 14 townships); normal: half a row. */
  size: "normal" | "wide";
  /** A sentence under the title: the year, the scope, how a figure is counted. */
  note?: string;
  figures: HomeFigure[];
  chart?: HomeChart;
  table?: HomeTable;
  /** The page behind the card (预算执行, 支付申请 …). */
  link?: { label: string; path: string };
  /** Shown instead of an empty chart or table. */
  empty?: string;
}

/** The home page of the signed-in user. */
export interface HomeView {
  /** Whose home it is: 财政所所长 · 青禾镇. */
  heading: string;
  /** The kind of home, from the user's roles: the district's, a director's, an accountant's, a clerk's. */
  audience: "district" | "director" | "accountant" | "clerk" | "reader";
  fiscalYear: number;
  todo: TodoCountsView;
  cards: HomeCardView[];
}
