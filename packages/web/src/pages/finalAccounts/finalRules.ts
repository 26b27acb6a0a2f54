// The final accounts pages' pure rules, kept apart from React so they can be tested: why a final
// account cannot be submitted now, the 类 rows of the budget/final comparison with the execution rate,
// and the days from approval to publication.
import { parseYuan } from "@xiangcai/shared";
import type { FinalAccountView, FinalTableView } from "./finalApi.ts";

/** Why the final account cannot be submitted now (or, once sent, where it stands); null when it can. */
export function submitBlocker(view: Pick<FinalAccountView, "report" | "problems">): string | null {
  if (view.report?.status === "submitted") return "已上报区财政局，待审核。";
  if (view.report?.status === "accepted") return "区财政局已审核通过并锁定。";
  const errors = view.problems.filter((p) => p.level === "error");
  if (errors.length === 0) return null;
  const formulas = errors.filter((p) => p.code !== "NOTE_MISSING").length;
  const missingNote = errors.some((p) => p.code === "NOTE_MISSING");
  return `${[formulas ? `${formulas} 项审核公式未通过` : "", missingNote ? "决算说明未填写" : ""].filter(Boolean).join("，")}，不能上报。`;
}

export interface ClassRow {
  key: string;
  label: string;
  budget: string;
  adjusted: string;
  final: string;
  /** 决算数 ÷ 调整预算数 in per cent with one decimal (rounded half up), or null without an adjusted budget. */
  rate: string | null;
}

const fen = (v: string | null | undefined) => (v ? parseYuan(v, { allowNegative: true }) : 0n);

/** The 类 rows of a detail table's expenditure side (keys "ge:201", "fe:…"), with the execution rate. */
export function classRows(table: FinalTableView): ClassRow[] {
  return table.rows
    .filter((r) => /^[gf]e:/.test(r.key) && r.level === 1)
    .map((r) => {
      const adjusted = fen(r.values[1]);
      const final = fen(r.values[2]);
      const permille = adjusted > 0n ? (final * 1000n + adjusted / 2n) / adjusted : null;
      const rate = permille === null ? null : `${permille < 0n ? "-" : ""}${(permille < 0n ? -permille : permille) / 10n}.${(permille < 0n ? -permille : permille) % 10n}`;
      return { key: r.key, label: r.label, budget: r.values[0] ?? "0.00", adjusted: r.values[1] ?? "0.00", final: r.values[2] ?? "0.00", rate };
    });
}

/** Calendar days from approval to publication, in China time (the budget law's 20 days). */
export function daysToPublish(approvedAt: string, publishedAt: string): number {
  const day = (iso: string) => Math.floor((new Date(iso).getTime() + 8 * 3_600_000) / 86_400_000);
  return day(publishedAt) - day(approvedAt);
}

/** The township a signed-in user works for (its 9-digit code), or null for a district user (329901000). */
export function ownTownshipOf(regionCode: string | undefined): string | null {
  const township = regionCode?.slice(0, 9) ?? "";
  return /^[0-9]{9}$/.test(township) && !township.endsWith("000") ? township : null;
}
