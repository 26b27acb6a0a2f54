// The budget domain's part of the one to-do: the 调剂 card the director approves from (both
// indicators with classification names and what is left, amount, reason), and the work on budget
// lines that waits for a person outside the flow engine: lines waiting for the finance office's
// review, and lines returned to whoever entered them. Read only.
import { and, asc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import { formatYuan, fundNatureNames, type TodoItemView, type TodoSummaryView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { appUser, type Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { classificationNamesOf, codeWithName } from "../catalog/index.ts";
import type { TodoMatter, TodoSource } from "../flow/index.ts";
import { budgetIndicator, budgetLine, budgetRound, budgetTransfer } from "./tables.ts";

export async function transferTodoSummary(db: Db, actor: Actor, matter: TodoMatter): Promise<TodoSummaryView> {
  const [t] = await db
    .select({ t: budgetTransfer, requestedBy: appUser.displayName })
    .from(budgetTransfer)
    .leftJoin(appUser, eq(appUser.id, budgetTransfer.createdBy))
    .where(and(eq(budgetTransfer.id, matter.entityId), scopeCondition(budgetTransfer.regionCode, actor.scopePrefix)));
  if (!t) return fail("OUT_OF_SCOPE", "调剂申请不存在或不在您的数据范围内。");
  const indicators = await db
    .select({ i: budgetIndicator, unitName: budgetUnit.name })
    .from(budgetIndicator)
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, budgetIndicator.regionCode), eq(budgetUnit.id, budgetIndicator.budgetUnitId)))
    .where(and(eq(budgetIndicator.regionCode, t.t.regionCode), or(eq(budgetIndicator.id, t.t.fromIndicatorId), eq(budgetIndicator.id, t.t.toIndicatorId))));
  const from = indicators.find((x) => x.i.id === t.t.fromIndicatorId);
  const to = indicators.find((x) => x.i.id === t.t.toIndicatorId);
  const year = from?.i.fiscalYear ?? to?.i.fiscalYear ?? 0;
  const names = await classificationNamesOf(db, t.t.regionCode, year, {
    functional: indicators.map((x) => x.i.functionalCode),
    economic: indicators.map((x) => x.i.economicCode),
  });
  const row = (x: typeof from) =>
    x
      ? {
          indicator: `${x.unitName ?? ""} · ${x.i.summary}（${x.i.documentNo}）`,
          functional: codeWithName(x.i.functionalCode, names.functional),
          economic: codeWithName(x.i.economicCode, names.economic),
          available: formatYuan(x.i.availableFen),
        }
      : { indicator: "（指标不存在）", functional: "", economic: "", available: "" };
  const warnings: string[] = [];
  if (from && to && from.i.fundNature !== to.i.fundNature) {
    warnings.push(`调出指标为${fundNatureNames[from.i.fundNature]}，调入指标为${fundNatureNames[to.i.fundNature]}，资金性质不同，请核实是否符合规定。`);
  }
  if (from && to && from.i.budgetUnitId !== to.i.budgetUnitId) warnings.push("调出与调入属于不同预算单位。");
  return {
    kindName: "预算调剂",
    headline: `${from?.unitName ?? ""} ${from?.i.summary ?? ""} → ${to?.unitName ?? ""} ${to?.i.summary ?? ""}`.trim(),
    amount: { label: "调剂金额", value: formatYuan(t.t.amountFen) },
    fields: [
      { label: "申请人", value: t.requestedBy ?? "" },
      { label: "申请日期", value: chinaDate(t.t.createdAt) },
      { label: "调剂原因", value: t.t.reason, wide: true },
    ],
    table: {
      title: "调出与调入指标（可用余额为调剂金额占用后的余额）",
      columns: [
        { key: "side", title: "" },
        { key: "indicator", title: "预算单位 · 指标" },
        { key: "functional", title: "功能分类" },
        { key: "economic", title: "经济分类" },
        { key: "available", title: "可用", money: true },
      ],
      rows: [
        { side: "调出", ...row(from) },
        { side: "调入", ...row(to) },
      ],
      more: 0,
    },
    attachments: [],
    link: from ? { label: "查看预算指标", path: `/budget/indicators?q=${encodeURIComponent(from.i.summary)}` } : null,
    warnings,
  };
}

// ---------------------------------------------------------------- budget lines as to-do work

const lineKindNames = { basic: "基本支出", project: "项目支出" } as const;

function lineQuery(db: Db) {
  return db
    .select({ l: budgetLine, fiscalYear: budgetRound.fiscalYear, unitName: budgetUnit.name, regionName: region.name })
    .from(budgetLine)
    .innerJoin(budgetRound, and(eq(budgetRound.regionCode, budgetLine.regionCode), eq(budgetRound.id, budgetLine.roundId)))
    .leftJoin(budgetUnit, and(eq(budgetUnit.regionCode, budgetLine.regionCode), eq(budgetUnit.id, budgetLine.budgetUnitId)))
    .leftJoin(region, eq(region.regionCode, budgetLine.regionCode));
}

async function lineItems(db: Db, where: SQL, page: { limit: number; offset: number }, stateName: string): Promise<{ items: TodoItemView[]; total: number }> {
  const found = await lineQuery(db).where(where).orderBy(asc(budgetLine.createdAt), asc(budgetLine.id)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(budgetLine).innerJoin(budgetRound, and(eq(budgetRound.regionCode, budgetLine.regionCode), eq(budgetRound.id, budgetLine.roundId))).where(where);
  const items: TodoItemView[] = [];
  const byYear = new Map<string, { functional: Map<string, string>; economic: Map<string, string> }>();
  for (const f of found) {
    const key = `${f.l.regionCode}:${f.fiscalYear}`;
    if (!byYear.has(key)) {
      const same = found.filter((g) => g.l.regionCode === f.l.regionCode && g.fiscalYear === f.fiscalYear);
      byYear.set(key, await classificationNamesOf(db, f.l.regionCode, f.fiscalYear, { functional: same.map((g) => g.l.functionalCode), economic: same.map((g) => g.l.economicCode) }));
    }
    const names = byYear.get(key)!;
    items.push({
      id: f.l.id,
      regionCode: f.l.regionCode,
      regionName: f.regionName ?? f.l.regionCode,
      title: `${f.fiscalYear} 年预算申报：${f.unitName ?? ""} ${f.l.projectName ?? lineKindNames[f.l.expenditureKind]}`,
      stateName,
      amount: formatYuan(f.l.requestedFen),
      deadlineAt: null,
      overdue: false,
      createdAt: f.l.createdAt.toISOString(),
      link: { label: "去办理", path: `/budget/rounds?round=${f.l.roundId}&line=${f.l.id}` },
      facts: [
        { label: "功能分类", value: codeWithName(f.l.functionalCode, names.functional) },
        { label: "经济分类", value: codeWithName(f.l.economicCode, names.economic) },
        { label: "资金性质", value: fundNatureNames[f.l.fundNature] },
        ...(f.l.reviewNote ? [{ label: "审核意见", value: f.l.reviewNote, wide: true }] : []),
      ],
    });
  }
  return { items, total: count?.n ?? 0 };
}

/** Lines of a round in preparation waiting for the finance office; never the reviewer's own (separation of duties). */
function waitingReview(actor: Actor): SQL {
  return and(
    scopeCondition(budgetLine.regionCode, actor.scopePrefix),
    eq(budgetRound.status, "preparing"),
    eq(budgetLine.reviewStatus, "pending"),
    ne(budgetLine.createdBy, actor.userId),
    sql`coalesce(${budgetLine.submittedBy}, '00000000-0000-0000-0000-000000000000'::uuid) <> ${actor.userId}::uuid`,
  )!;
}

/** Lines returned to the person who entered them, for correction and resubmission while the round is open. */
function returnedToMe(actor: Actor): SQL {
  return and(
    scopeCondition(budgetLine.regionCode, actor.scopePrefix),
    eq(budgetRound.status, "preparing"),
    eq(budgetLine.reviewStatus, "returned"),
    or(eq(budgetLine.createdBy, actor.userId), eq(budgetLine.submittedBy, actor.userId))!,
  )!;
}

async function countLines(db: Db, where: SQL): Promise<{ total: number; overdue: number }> {
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(budgetLine).innerJoin(budgetRound, and(eq(budgetRound.regionCode, budgetLine.regionCode), eq(budgetRound.id, budgetLine.roundId))).where(where);
  return { total: count?.n ?? 0, overdue: 0 };
}

export const budgetLineReviewTodo: TodoSource = {
  code: "budget.lineReview",
  name: "预算申报待审核",
  permissions: ["budget.review"],
  list: (db, actor, page) => lineItems(db, waitingReview(actor), page, "待审核"),
  count: (db, actor) => countLines(db, waitingReview(actor)),
};

export const budgetLineReturnedTodo: TodoSource = {
  code: "budget.lineReturned",
  name: "退回修改的预算申报",
  permissions: ["budget.request"],
  list: (db, actor, page) => lineItems(db, returnedToMe(actor), page, "已退回，待修改后重新提交"),
  count: (db, actor) => countLines(db, returnedToMe(actor)),
};
