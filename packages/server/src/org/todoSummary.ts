// A budget unit waiting for registration, as the director sees it in the to-do drawer. Changes nothing.
import { and, eq } from "drizzle-orm";
import type { TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { appUser, type Actor } from "../identity/index.ts";
import type { TodoMatter } from "../flow/index.ts";
import { budgetUnit } from "./tables.ts";

const KIND_NAMES = { administrative: "行政单位", publicInstitution: "事业单位", other: "其他" } as const;

export async function budgetUnitTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView> {
  const [found] = await db
    .select({ u: budgetUnit, regionName: region.name, createdByName: appUser.displayName })
    .from(budgetUnit)
    .leftJoin(region, eq(region.regionCode, budgetUnit.regionCode))
    .leftJoin(appUser, eq(appUser.id, budgetUnit.createdBy))
    .where(and(eq(budgetUnit.id, matter.entityId), scopeCondition(budgetUnit.regionCode, actor.scopePrefix)));
  if (!found) return fail("OUT_OF_SCOPE", "预算单位不存在或不在您的数据范围内。");
  const { u } = found;
  return {
    kindName: "预算单位登记",
    headline: u.name,
    amount: null,
    fields: [
      { label: "单位名称", value: u.name, wide: true },
      { label: "统一社会信用代码", value: u.creditCode },
      { label: "单位类型", value: KIND_NAMES[u.kind] ?? u.kind },
      { label: "所属乡镇", value: found.regionName ?? u.regionCode },
      { label: "登记人", value: found.createdByName ?? "" },
    ],
    table: null,
    attachments: [],
    link: { label: "查看预算单位", path: `/org/budget-units?q=${encodeURIComponent(u.creditCode)}` },
    warnings: [],
  };
}
