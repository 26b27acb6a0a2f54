// The service hall's card on the home pages: the year's matters (accepted, open, overdue, the
// on-time rate) with a chart by category, or by township on the district's dashboard.
import { matterCategoryNames, type HomeCardView } from "@xiangcai/shared";
import type { HomeCard } from "../home/index.ts";
import { hallStats } from "./stats.ts";

export const hallCard: HomeCard = {
  code: "hall.matters",
  audiences: ["district", "director", "accountant", "clerk", "reader"],
  permissions: ["hall.read"],
  order: 45,
  async load(db, actor, context): Promise<HomeCardView | null> {
    const stats = await hallStats(db, actor, { year: context.fiscalYear }, context.now);
    const district = context.audience === "district" || actor.scopePrefix.length <= 6;
    const t = stats.totals;
    return {
      code: "hall.matters",
      title: "服务大厅",
      size: district ? "wide" : "normal",
      note: `${stats.year} 年受理的群众事项（首问负责、限时办结）`,
      figures: [
        { label: "本年受理", value: String(t.accepted), kind: "count", link: "/hall/matters" },
        { label: "在办", value: String(t.open), kind: "count", link: "/hall/matters?status=handling" },
        { label: "超期未办结", value: String(t.overdueOpen), kind: "count", link: "/hall/matters?overdue=true", ...(t.overdueOpen > 0 ? { tone: "danger" as const } : {}) },
        { label: "按时办结率", value: t.onTimeRate ?? "—", kind: t.onTimeRate ? "percent" : "text", tone: "success" },
      ],
      chart: district
        ? { type: "bar", categories: stats.byRegion.map((r) => r.regionName), series: [{ name: "受理", kind: "count", values: stats.byRegion.map((r) => String(r.accepted)) }, { name: "在办", kind: "count", values: stats.byRegion.map((r) => String(r.open)) }] }
        : { type: "bar", horizontal: true, categories: stats.byCategory.map((c) => matterCategoryNames[c.category]), series: [{ name: "受理", kind: "count", values: stats.byCategory.map((c) => String(c.accepted)) }, { name: "在办", kind: "count", values: stats.byCategory.map((c) => String(c.open)) }] },
      ...(t.accepted === 0 ? { empty: "本年还没有受理事项" } : {}),
      link: { label: "办件统计", path: "/hall/stats" },
    };
  },
};
