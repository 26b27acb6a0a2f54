// What waits for a person, whatever the domain: the flow engine's matters with the summary card their
// domain provides (what is being approved), why a move the person might expect is not theirs and who
// can make it, and the work other domains feed into the one to-do (budget lines waiting for review …).
import { z } from "zod";
import { pageQuery } from "./common.ts";
import type { FlowTaskDetail } from "./views.ts";

/** One labelled fact on a summary card. `money` values are yuan strings, shown right-aligned with separators. */
export interface TodoSummaryField {
  label: string;
  value: string;
  kind?: "text" | "money";
  /** Spans the card's full width (a purpose, a reason). */
  wide?: boolean;
}

/** A small table on a card (a roster's villages, an adjustment's lines); at most a few rows. */
export interface TodoSummaryTable {
  title: string;
  columns: { key: string; title: string; money?: boolean }[];
  rows: Record<string, string>[];
  /** Rows left out to keep the card short, seen on the full page. */
  more: number;
}

/** A file attached to the matter: its name and where the browser downloads it (an API path), if it is stored. */
export interface TodoSummaryAttachment {
  name: string;
  downloadPath: string | null;
}

/** What is being approved, as its domain describes it: shown beside the approve button. */
export interface TodoSummaryView {
  /** The kind of thing (支付申请, 预算调剂 …). */
  kindName: string;
  /** Its number or name (ZF2026101-000012, 东风村 2026 年耕地地力保护补贴清册). */
  headline: string;
  /** The amount at stake, yuan, with its label (支付金额, 调剂金额 …), or null. */
  amount: { label: string; value: string } | null;
  fields: TodoSummaryField[];
  table: TodoSummaryTable | null;
  attachments: TodoSummaryAttachment[];
  /** The full page of the matter in the web app. */
  link: { label: string; path: string } | null;
  /** Points the approver must see (over the indicator's available amount, lines with findings …). */
  warnings: string[];
}

/** A move of the current step the person may not make, why, and who can. */
export interface FlowBlockedActionView {
  action: string;
  label: string;
  reason: string;
  whoCan: string[];
}

/** A flow matter as the to-do drawer shows it. */
export interface TodoTaskDetail extends FlowTaskDetail {
  summary: TodoSummaryView | null;
  blocked: FlowBlockedActionView[];
  /** Who acts at the current step (names, with their roles), for "谁可以办理". */
  handlers: { name: string; roleNames: string[] }[];
}

/** One item of work outside the flow engine that waits for the person (a budget line to review …). */
export interface TodoItemView {
  id: string;
  regionCode: string;
  regionName: string;
  title: string;
  /** Where it stands (待审核, 已退回待修改 …). */
  stateName: string;
  amount: string | null;
  deadlineAt: string | null;
  overdue: boolean;
  createdAt: string | null;
  /** The page where the work is done. */
  link: { label: string; path: string };
  /** A few facts to read in the list without opening it. */
  facts: TodoSummaryField[];
}

/** A kind of work a domain feeds into the to-do, and how much of it waits for the person. */
export interface TodoSourceCount {
  code: string;
  name: string;
  total: number;
  overdue: number;
}

/** Everything that waits for the person: the flow's lists and each fed kind of work. */
export interface TodoCountsView {
  flow: { todo: number; overdue: number; owned: number };
  sources: TodoSourceCount[];
  /** Flow to-do plus every source: the number on the menu and the home page. */
  total: number;
}

export const todoSourceQuery = z.strictObject({ ...pageQuery });
export const todoSourceParams = z.strictObject({ code: z.string().regex(/^[a-zA-Z.]{1,60}$/) });
