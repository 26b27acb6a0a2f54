// How a home card's value reads: money in the one format, percentages with their sign, counts as they are.
import type { HomeValueKind } from "@xiangcai/shared";
import { formatYuanText } from "../../lib/money.ts";

export function homeValueText(value: string | undefined, kind: HomeValueKind): string {
  if (value === undefined || value === "") return "—";
  if (kind === "money") return formatYuanText(value);
  if (kind === "percent") return value === "—" ? "—" : `${value}%`;
  return value;
}

/** A chart needs numbers; the exact figure stays in the tooltip (amounts above 2^53 fen do not occur on a chart of a year). */
export function chartNumber(value: string): number {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}
