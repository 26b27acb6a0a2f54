// The overdue matters card of the dashboards: open flow matters past their time limit (限时办结) in
// the actor's scope, by kind of matter, and for the district by township, so a supervisor sees where
// work is stuck. It reads the flow engine's table through its face.
import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import type { HomeCardView } from "@xiangcai/shared";
import { region } from "../platform/regionTable.ts";
import { flowDefinition, flowInstance, instanceScope } from "../flow/index.ts";
import type { HomeCard } from "./registry.ts";

export const overdueMattersCard: HomeCard = {
  code: "flow.overdue",
  audiences: ["district", "director", "reader"],
  permissions: ["flow.read"],
  order: 40,
  async load(db, actor, { audience, now }): Promise<HomeCardView> {
    const where = and(instanceScope(actor), isNull(flowInstance.closedAt), lt(flowInstance.deadlineAt, now));
    const byFlow = await db.select({ flowCode: flowInstance.flowCode, n: sql<number>`count(*)::int` }).from(flowInstance).where(where).groupBy(flowInstance.flowCode);
    const total = byFlow.reduce((sum, f) => sum + f.n, 0);
    const nameOf = (code: string) => {
      try {
        return flowDefinition(code).name;
      } catch {
        return code;
      }
    };
    const card: HomeCardView = {
      code: "flow.overdue",
      title: "超期事项",
      size: "normal",
      note: "已超过办理时限（限时办结）仍未办结的审批事项",
      figures: [{ label: "超期事项", value: String(total), kind: "count", link: "/todo?tab=overdue", ...(total > 0 ? { tone: "danger" as const } : {}) }],
      link: { label: "查看超期事项", path: "/todo?tab=overdue" },
      ...(total === 0 ? { empty: "没有超期事项" } : {}),
    };
    if (total === 0) return card;
    if (audience === "district") {
      const township = sql<string>`substr(${flowInstance.regionCode}, 1, 9)`;
      const byTownship = await db.select({ code: township, n: sql<number>`count(*)::int` }).from(flowInstance).where(where).groupBy(township).orderBy(sql`count(*) desc`);
      const names = new Map((await db.select({ code: region.regionCode, name: region.name }).from(region).where(inArray(region.regionCode, byTownship.map((t) => t.code)))).map((r) => [r.code, r.name]));
      card.chart = { type: "bar", horizontal: true, categories: byTownship.map((t) => names.get(t.code) ?? t.code), series: [{ name: "超期事项", kind: "count", values: byTownship.map((t) => String(t.n)) }] };
    }
    card.table = {
      columns: [
        { key: "kind", title: "事项类型", kind: "text" },
        { key: "count", title: "超期", kind: "count" },
      ],
      rows: byFlow.sort((a, b) => b.n - a.n).map((f) => ({ kind: nameOf(f.flowCode), count: String(f.n), link: "/todo?tab=overdue" })),
    };
    return card;
  },
};
