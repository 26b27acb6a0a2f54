// A township's final account as the person it waits for sees it in the to-do (the district reviewing
// it, the township after a return): the year, the totals, the formulas, the version, and the link to
// the workspace with every table. Read with the person's rights; changes nothing.
import { and, eq } from "drizzle-orm";
import { scopeCovers, type TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import type { Actor } from "../identity/index.ts";
import type { TodoMatter } from "../flow/index.ts";
import { reportInstance } from "../reporting/index.ts";
import { evaluate, totalsOf, type FinalContent } from "./rules.ts";

export async function finalAccountsTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView | null> {
  if (!scopeCovers(actor.scopePrefix, matter.regionCode)) return null;
  const [row] = await db
    .select({ r: reportInstance, regionName: region.name })
    .from(reportInstance)
    .leftJoin(region, eq(region.regionCode, reportInstance.regionCode))
    .where(and(eq(reportInstance.regionCode, matter.regionCode), eq(reportInstance.id, matter.entityId)));
  if (!row) return null;
  const content = row.r.content as FinalContent;
  const totals = totalsOf(content);
  const failed = evaluate(content).filter((r) => !r.passed);
  const errors = failed.filter((r) => r.level === "error").length;
  const warnings = failed.length - errors;
  return {
    kindName: "乡镇财政总决算",
    headline: `${row.regionName ?? row.r.regionCode}${row.r.period}年度财政总决算`,
    amount: { label: "本年支出合计", value: totals.expenditure },
    fields: [
      { label: "本年收入合计", value: totals.revenue, kind: "money" },
      { label: "审核公式", value: failed.length ? `未通过 ${failed.length} 项（错误 ${errors}，提示 ${warnings}）` : "全部通过" },
      { label: "版本", value: `第 ${row.r.version} 版` },
    ],
    table: null,
    attachments: [],
    link: { label: "查看决算", path: `/final-accounts?region=${row.r.regionCode}&year=${row.r.period}` },
    warnings: warnings ? [`有 ${warnings} 项提示，上报说明中应有解释。`] : [],
  };
}
