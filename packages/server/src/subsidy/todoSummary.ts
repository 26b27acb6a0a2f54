// A roster as its reviewer sees it in the to-do drawer: item, period, village, how many people and
// how much, findings still open, the notice period and objections, the indicator it will draw on,
// its villages with their counts and amounts, and a link to the roster itself. Changes nothing.
import { and, eq, sql } from "drizzle-orm";
import { formatYuan, type TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";
import { budgetIndicator } from "../budget/index.ts";
import type { TodoMatter } from "../flow/index.ts";
import { getRoster } from "./rosters.ts";
import { subsidyObjection, subsidyRosterLine } from "./tables.ts";

/** Villages shown on the card; the rest are counted and seen on the roster's page. */
const VILLAGES_SHOWN = 6;

export async function rosterTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView> {
  const r = await getRoster(db, actor, matter.entityId);
  const lineScope = and(eq(subsidyRosterLine.regionCode, r.regionCode), eq(subsidyRosterLine.rosterId, r.id), eq(subsidyRosterLine.withdrawn, false));
  const [villages, objections, indicator] = await Promise.all([
    db
      .select({ village: subsidyRosterLine.villageName, people: sql<number>`count(*)::int`, totalFen: sql<string>`coalesce(sum(${subsidyRosterLine.amountFen}), 0)::text` })
      .from(subsidyRosterLine)
      .where(lineScope)
      .groupBy(subsidyRosterLine.villageName)
      .orderBy(subsidyRosterLine.villageName),
    db
      .select({ open: sql<number>`count(*) filter (where ${subsidyObjection.outcome} is null)::int`, all: sql<number>`count(*)::int` })
      .from(subsidyObjection)
      .where(and(eq(subsidyObjection.regionCode, r.regionCode), eq(subsidyObjection.rosterId, r.id))),
    r.indicatorId
      ? db.select({ documentNo: budgetIndicator.documentNo, summary: budgetIndicator.summary, availableFen: budgetIndicator.availableFen }).from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, r.regionCode), eq(budgetIndicator.id, r.indicatorId)))
      : Promise.resolve([]),
  ]);
  const objection = objections[0] ?? { open: 0, all: 0 };
  const warnings: string[] = [];
  if (r.errorCount > 0) warnings.push(`清册还有 ${r.errorCount} 项错误（身份证、银行卡、重复、超标准等），须退回村级修改。`);
  if (r.warningCount > 0) warnings.push(`有 ${r.warningCount} 项提示（如公职人员、村干部），须逐项填写审核意见。`);
  if (objection.open > 0) warnings.push(`公示期内有 ${objection.open} 条异议尚未处理，相关人员暂不发放。`);
  const source = indicator[0];
  return {
    kindName: "惠农补贴清册",
    headline: `${r.villageName ?? "全镇"} · ${r.itemName} · ${r.period}`,
    amount: { label: "发放总额", value: r.total },
    fields: [
      { label: "补贴项目", value: `${r.itemName}（${r.itemCode}）` },
      { label: "期间", value: r.period },
      { label: "村（居）", value: r.villageName ?? "全镇" },
      { label: "人数", value: `${r.lineCount} 人` },
      { label: "错误 / 提示", value: `${r.errorCount} / ${r.warningCount}` },
      { label: "异议", value: objection.all === 0 ? "无" : `${objection.all} 条（未处理 ${objection.open} 条）` },
      { label: "公示期", value: r.noticeStartsOn && r.noticeEndsOn ? `${r.noticeStartsOn} 至 ${r.noticeEndsOn}` : "尚未公示" },
      { label: "支出指标", value: source ? `${source.documentNo} ${source.summary}（可用 ${formatYuan(source.availableFen)}）` : "尚未指定", wide: true },
      { label: "来源", value: r.sourceName, wide: true },
    ],
    table: {
      title: "按村汇总",
      columns: [
        { key: "village", title: "村（居）" },
        { key: "people", title: "人数" },
        { key: "total", title: "金额（元）", money: true },
      ],
      rows: villages.slice(0, VILLAGES_SHOWN).map((v) => ({ village: v.village || "—", people: String(v.people), total: formatYuan(BigInt(v.totalFen)) })),
      more: Math.max(0, villages.length - VILLAGES_SHOWN),
    },
    attachments: [],
    link: { label: "打开清册", path: `/subsidy/rosters/${r.id}` },
    warnings,
  };
}
