// Subsidy's card on the home pages: the rosters (清册) by stage, people and money at each, for the
// dashboards and for the clerks and villages who move them (a village sees its own rosters).
import { and, ne, sql } from "drizzle-orm";
import { formatYuan, rosterStatusNames, rosterStatuses, type HomeCardView } from "@xiangcai/shared";
import type { HomeCard } from "../home/index.ts";
import { rowScope } from "./common.ts";
import { subsidyRoster } from "./tables.ts";

export const rosterStagesCard: HomeCard = {
  code: "subsidy.rosterStages",
  audiences: ["district", "director", "clerk", "reader"],
  permissions: ["subsidy.read"],
  order: 30,
  async load(db, actor): Promise<HomeCardView | null> {
    const r = subsidyRoster;
    const found = await db
      .select({ status: r.status, n: sql<number>`count(*)::int`, amount: sql<string>`coalesce(sum(${r.totalFen}), 0)::text` })
      .from(r)
      .where(and(rowScope(actor, r.regionCode, r.villageCode), ne(r.status, "rejected")))
      .groupBy(r.status);
    const stages = rosterStatuses.filter((s) => s !== "rejected");
    const of = (s: string) => found.find((f) => f.status === s);
    const open = found.filter((f) => f.status !== "closed").reduce((sum, f) => sum + f.n, 0);
    const openAmount = found.filter((f) => f.status !== "closed").reduce((sum, f) => sum + BigInt(f.amount), 0n);
    return {
      code: "subsidy.rosterStages",
      title: "补贴清册进度",
      size: "normal",
      note: "惠农补贴“一卡通”清册按所处环节（不含不予发放）",
      figures: [
        { label: "在办清册", value: String(open), kind: "count", link: "/subsidy/rosters" },
        { label: "在办金额", value: formatYuan(openAmount), kind: "money" },
        { label: "已办结", value: String(of("closed")?.n ?? 0), kind: "count", tone: "success" },
      ],
      chart: {
        type: "bar",
        categories: stages.map((s) => rosterStatusNames[s]),
        series: [
          { name: "清册数", kind: "count", values: stages.map((s) => String(of(s)?.n ?? 0)) },
          { name: "金额", kind: "money", values: stages.map((s) => formatYuan(BigInt(of(s)?.amount ?? "0"))) },
        ],
      },
      ...(found.length === 0 ? { empty: "还没有补贴清册" } : {}),
      link: { label: "发放清册", path: "/subsidy/rosters" },
    };
  },
};
