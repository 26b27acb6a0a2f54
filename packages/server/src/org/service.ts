// Organisation: the district, its townships and villages (by region code), and budget units,
// whose registration runs through the flow engine (clerk enters → director approves).
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { checkCreditCode, checkRegionCode, scopeCovers, type BudgetUnitView, type RegionKind, type RegionView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import { appUser } from "../identity/index.ts";
import type { Actor } from "../identity/index.ts";
import { flowInstance, startFlow, type FlowDefinition } from "../flow/index.ts";
import { budgetUnit, type BudgetUnitKind, type BudgetUnitStatus } from "./tables.ts";
import { region } from "../platform/regionTable.ts";

type RegionRow = typeof region.$inferSelect;


const kindNames: Record<RegionKind, string> = {
  district: "区县",
  subdistrict: "街道",
  town: "镇",
  township: "乡",
  otherUnit: "其他乡级单位",
  residentsCommittee: "居委会",
  villageCommittee: "村委会",
  otherVillageUnit: "其他村级单位",
};

function viewRegion(r: RegionRow): RegionView {
  return {
    regionCode: r.regionCode,
    name: r.name,
    level: r.level,
    kind: r.kind as RegionKind,
    kindName: kindNames[r.kind as RegionKind] ?? r.kind,
    parentCode: r.parentCode,
    population: r.population,
  };
}

/** The audit chain a region's records go to: villages share their township's chain. */
export const auditRegionOf = (regionCode: string) => regionCode.slice(0, 9);

const auditActorOf = (actor: Actor): AuditActor => ({ id: actor.userId, name: actor.displayName });

export async function createRegion(
  tx: Db,
  by: AuditActor,
  input: { regionCode: string; name: string; parentCode?: string | null | undefined; population?: number | null | undefined },
  at: Date,
): Promise<RegionView> {
  const checked = checkRegionCode(input.regionCode);
  if (!checked.valid) return fail("VALIDATION_FAILED", `区划代码无效：${checked.message}`, [{ path: "regionCode", message: checked.message }]);
  const parentCode = input.parentCode ?? checked.parentCode;
  if (parentCode !== checked.parentCode) {
    fail("VALIDATION_FAILED", `上级区划应为 ${checked.parentCode ?? "无"}。`, [{ path: "parentCode", message: "上级区划与代码不符" }]);
  }
  if (parentCode) {
    const [parent] = await tx.select({ code: region.regionCode }).from(region).where(eq(region.regionCode, parentCode));
    if (!parent) fail("VALIDATION_FAILED", `上级区划 ${parentCode} 不存在。`, [{ path: "parentCode", message: "上级区划不存在" }]);
  }
  const [exists] = await tx.select({ code: region.regionCode }).from(region).where(eq(region.regionCode, input.regionCode));
  if (exists) fail("DUPLICATE", `区划代码 ${input.regionCode} 已存在。`, [{ path: "regionCode", message: "区划代码已存在" }]);
  const [row] = await tx
    .insert(region)
    .values({ regionCode: input.regionCode, name: input.name, level: checked.level, kind: checked.kind, parentCode, population: input.population ?? null })
    .returning();
  invariant(row, "inserted region is returned");
  const view = viewRegion(row);
  await recordAudit(tx, { regionCode: auditRegionOf(row.regionCode), actor: by, action: "region.created", entityType: "region", entityId: row.regionCode, after: view }, at);
  return view;
}

export async function updateRegion(tx: Db, actor: Actor, code: string, input: { name?: string | undefined; population?: number | null | undefined }, at: Date): Promise<RegionView> {
  const before = await getRegion(tx, actor, code);
  const [row] = await tx
    .update(region)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.population !== undefined ? { population: input.population } : {}),
      updatedAt: at,
    })
    .where(eq(region.regionCode, code))
    .returning();
  invariant(row, "updated region is returned");
  const after = viewRegion(row);
  await recordAudit(tx, { regionCode: auditRegionOf(code), actor: auditActorOf(actor), action: "region.updated", entityType: "region", entityId: code, before, after }, at);
  return after;
}

export async function getRegion(db: Db, actor: Actor, code: string): Promise<RegionView> {
  const [row] = await db.select().from(region).where(eq(region.regionCode, code));
  if (!row || !scopeCovers(actor.scopePrefix, code)) return fail("OUT_OF_SCOPE", "机构不存在或不在您的数据范围内。");
  return viewRegion(row);
}

export async function listRegions(
  db: Db,
  scopePrefix: string,
  filter: { level?: string | undefined; parentCode?: string | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: RegionView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(region.regionCode, scopePrefix)];
  if (filter.level) conditions.push(eq(region.level, filter.level as RegionView["level"]));
  if (filter.parentCode) conditions.push(eq(region.parentCode, filter.parentCode));
  if (filter.q) conditions.push(or(ilike(region.name, containsPattern(filter.q)), ilike(region.regionCode, `${filter.q.replace(/[\\%_]/g, "")}%`))!);
  const where = and(...conditions);
  const found = await db.select().from(region).where(where).orderBy(asc(region.regionCode)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(region).where(where);
  return { items: found.map(viewRegion), total: Number(count?.n ?? 0n) };
}

// ---------------------------------------------------------------- budget units

export type { BudgetUnitView, RegionView };

export const BUDGET_UNIT_FLOW = "budgetUnitRegistration";

const statusAfter: Record<string, BudgetUnitStatus> = {
  submitted: "pending",
  returned: "returned",
  approved: "active",
  rejected: "rejected",
};

export const budgetUnitRegistrationFlow: FlowDefinition = {
  code: BUDGET_UNIT_FLOW,
  name: "预算单位登记",
  entityType: "budgetUnit",
  initialState: "submitted",
  states: {
    submitted: { name: "待所长审批", roles: ["townshipDirector"], deadlineWorkingDays: 3 },
    returned: { name: "退回修改", roles: ["generalBudgetAccountant", "unitAccountant"], deadlineWorkingDays: 5 },
    approved: { name: "已登记", roles: [], final: true },
    rejected: { name: "不予登记", roles: [], final: true },
  },
  transitions: [
    { from: "submitted", action: "approve", label: "审批通过", to: "approved", separateFromCreator: true },
    { from: "submitted", action: "return", label: "退回修改", to: "returned", noteRequired: true },
    { from: "submitted", action: "reject", label: "不予登记", to: "rejected", noteRequired: true, separateFromCreator: true },
    { from: "returned", action: "resubmit", label: "重新提交", to: "submitted" },
    { from: "returned", action: "withdraw", label: "撤回登记", to: "rejected", noteRequired: true },
  ],
  async onTransition(tx, ctx) {
    const status = statusAfter[ctx.to];
    invariant(status, `budget unit status for state ${ctx.to}`);
    const [before] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, ctx.regionCode), eq(budgetUnit.id, ctx.entityId)));
    invariant(before, "the flow's budget unit exists");
    await tx.update(budgetUnit).set({ status, updatedAt: ctx.at }).where(and(eq(budgetUnit.regionCode, ctx.regionCode), eq(budgetUnit.id, ctx.entityId)));
    await recordAudit(tx, { regionCode: ctx.regionCode, actor: auditActorOf(ctx.actor), action: "budgetUnit.statusChanged", entityType: "budgetUnit", entityId: ctx.entityId, before: { status: before.status }, after: { status } }, ctx.at);
  },
};


export async function createBudgetUnit(
  tx: Db,
  actor: Actor,
  input: { regionCode: string; creditCode: string; name: string; kind: BudgetUnitKind },
  now: Date,
): Promise<BudgetUnitView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  const [home] = await tx.select().from(region).where(eq(region.regionCode, input.regionCode));
  if (!home || home.level !== "township") fail("VALIDATION_FAILED", "预算单位须登记在乡镇（街道）。", [{ path: "regionCode", message: "请选择乡镇（街道）" }]);
  const code = checkCreditCode(input.creditCode);
  if (!code.valid) {
    const message = { LENGTH: "统一社会信用代码应为18位", CHARSET: "统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）", CHECKSUM: "统一社会信用代码校验位不正确" }[code.reason];
    return fail("VALIDATION_FAILED", message, [{ path: "creditCode", message }]);
  }
  const [dup] = await tx.select({ id: budgetUnit.id }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, input.regionCode), eq(budgetUnit.creditCode, code.normalized)));
  if (dup) fail("DUPLICATE", `统一社会信用代码 ${code.normalized} 已登记。`, [{ path: "creditCode", message: "该代码已登记" }]);
  const id = uuidv7(now.getTime());
  await tx.insert(budgetUnit).values({ regionCode: input.regionCode, id, creditCode: code.normalized, name: input.name, kind: input.kind, status: "pending", createdBy: actor.userId, createdAt: now, updatedAt: now });
  await recordAudit(tx, { regionCode: input.regionCode, actor: auditActorOf(actor), action: "budgetUnit.created", entityType: "budgetUnit", entityId: id, after: { creditCode: code.normalized, name: input.name, kind: input.kind, status: "pending" } }, now);
  const instance = await startFlow(tx, actor, { flowCode: BUDGET_UNIT_FLOW, regionCode: input.regionCode, entityId: id, title: `预算单位登记：${input.name}` }, now);
  return { id, regionCode: input.regionCode, regionName: home!.name, creditCode: code.normalized, name: input.name, kind: input.kind, status: "pending", createdByName: actor.displayName, createdAt: now.toISOString(), flowInstanceId: instance.id };
}

export async function listBudgetUnits(
  db: Db,
  actor: Actor,
  filter: { regionCode?: string | undefined; status?: string | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: BudgetUnitView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(budgetUnit.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(budgetUnit.regionCode, filter.regionCode));
  if (filter.status) conditions.push(eq(budgetUnit.status, filter.status as BudgetUnitStatus));
  if (filter.q) conditions.push(or(ilike(budgetUnit.name, containsPattern(filter.q)), ilike(budgetUnit.creditCode, containsPattern(filter.q)))!);
  const where = and(...conditions);
  const found = await db
    .select({ u: budgetUnit, regionName: region.name, createdByName: appUser.displayName })
    .from(budgetUnit)
    .leftJoin(region, eq(region.regionCode, budgetUnit.regionCode))
    .leftJoin(appUser, eq(appUser.id, budgetUnit.createdBy))
    .where(where)
    .orderBy(asc(budgetUnit.regionCode), asc(budgetUnit.name))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(budgetUnit).where(where);
  // The latest registration flow of each unit on the page, in one query.
  const instances = found.length
    ? await db
        .select({ regionCode: flowInstance.regionCode, entityId: flowInstance.entityId, id: flowInstance.id, createdAt: flowInstance.createdAt })
        .from(flowInstance)
        .where(
          and(
            inArray(flowInstance.regionCode, [...new Set(found.map((f) => f.u.regionCode))]),
            eq(flowInstance.flowCode, BUDGET_UNIT_FLOW),
            inArray(flowInstance.entityId, found.map((f) => f.u.id)),
          ),
        )
        .orderBy(asc(flowInstance.createdAt))
    : [];
  const latest = new Map(instances.map((i) => [`${i.regionCode}/${i.entityId}`, i.id]));
  const items: BudgetUnitView[] = found.map(({ u, regionName, createdByName }) => ({
    id: u.id,
    regionCode: u.regionCode,
    regionName: regionName ?? u.regionCode,
    creditCode: u.creditCode,
    name: u.name,
    kind: u.kind,
    status: u.status,
    createdByName: createdByName ?? "",
    createdAt: u.createdAt.toISOString(),
    flowInstanceId: latest.get(`${u.regionCode}/${u.id}`) ?? null,
  }));
  return { items, total: Number(count?.n ?? 0n) };
}
