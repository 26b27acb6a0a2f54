// Voucher templates per business type (凭证模板), kept on the server. The built-in templates are the
// worked entries of DOMAIN.md §5 for a township unit; a township may store its own templates for all
// its account sets, or for one set. A stored template with a built-in's business type replaces that
// built-in in its scope (a set's own over the township's over the built-in); a disabled one hides it.
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { scopeCovers, type LedgerTemplateView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { recordAudit } from "../audit/index.ts";
import { fail, loadChart, loadSet, builtInChart, type LedgerActor } from "./service.ts";
import { AUX_DIMENSIONS, VOUCHER_LINES_MAX, basisOfCode, fundingLeafOf, FUNDING_ACCOUNTS, type ChartAccount } from "./rules.ts";
import { ledgerAccountSet, ledgerVoucherTemplate, type TemplateLine } from "./tables.ts";

export interface BuiltInTemplate {
  businessType: string;
  name: string;
  summary: string;
  lines: TemplateLine[];
}

const d = (account: string, aux?: TemplateLine["aux"]): TemplateLine => ({ account, side: "debit", ...(aux ? { aux } : {}) });
const c = (account: string, aux?: TemplateLine["aux"]): TemplateLine => ({ account, side: "credit", ...(aux ? { aux } : {}) });

/** The common township business types (DOMAIN.md §5 worked entries, 政府会计制度). */
export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  { businessType: "quotaReceived", name: "授权支付额度到账", summary: "收到零余额账户用款额度", lines: [d("1011"), c("4001"), d("800101"), c("6001")] },
  { businessType: "officeExpense", name: "零余额账户支付办公费", summary: "零余额账户支付办公费", lines: [d("5101"), c("1011"), d("7101", { economic: "30201" }), c("800101")] },
  { businessType: "directPayment", name: "财政直接支付", summary: "财政直接支付", lines: [d("5001"), c("4001"), d("7101"), c("6001")] },
  { businessType: "salaryAccrual", name: "计提工资", summary: "计提本月工资", lines: [d("5101"), c("2201")] },
  { businessType: "salaryPayment", name: "发放工资", summary: "零余额账户发放工资", lines: [d("2201"), c("1011"), d("7101", { economic: "30101" }), c("800101")] },
  { businessType: "fixedAssetPurchase", name: "购置固定资产", summary: "零余额账户购置固定资产", lines: [d("1601"), c("1011"), d("7101", { economic: "31002" }), c("800101")] },
  { businessType: "depreciation", name: "计提折旧", summary: "计提本月固定资产折旧", lines: [d("5101"), c("1602")] },
  { businessType: "quotaCancellation", name: "年末注销零余额账户用款额度", summary: "年末注销未用零余额账户用款额度", lines: [d("120102"), c("1011"), d("800103"), c("800101")] },
];
export const BUILT_IN_TYPES = new Set(BUILT_IN_TEMPLATES.map((t) => t.businessType));

export type TemplateView = LedgerTemplateView;

export interface TemplateInput {
  setId?: string | null | undefined;
  regionCode?: string | undefined;
  businessType: string;
  name: string;
  summary: string;
  lines: TemplateLine[];
  active?: boolean | undefined;
}

type Row = typeof ledgerVoucherTemplate.$inferSelect;

export function oneAmount(lines: readonly TemplateLine[]): boolean {
  const count = { financial: 0, budget: 0 };
  for (const l of lines) count[basisOfCode(l.account)] += l.side === "debit" ? 1 : -1;
  return count.financial === 0 && count.budget === 0;
}

const viewOf = (r: Row): TemplateView => ({
  id: r.id,
  builtIn: false,
  regionCode: r.regionCode,
  setId: r.setId,
  businessType: r.businessType,
  name: r.name,
  summary: r.summary,
  lines: r.lines,
  active: r.active,
  updatedByName: r.updatedByName,
  updatedAt: r.updatedAt.toISOString(),
  oneAmount: oneAmount(r.lines),
});

const builtInView = (t: BuiltInTemplate, regionCode: string): TemplateView => ({
  id: `builtin:${t.businessType}`,
  builtIn: true,
  regionCode,
  setId: null,
  businessType: t.businessType,
  name: t.name,
  summary: t.summary,
  lines: t.lines.map((l) => ({ ...l, ...(l.aux ? { aux: { ...l.aux } } : {}) })),
  active: true,
  updatedByName: null,
  updatedAt: null,
  oneAmount: oneAmount(t.lines),
});

/**
 * Checks a template's lines against a chart: known accounts, each basis present with both a debit
 * and a credit line, known auxiliary dimensions. Non-leaf accounts are allowed (a set may have
 * opened sub-accounts since); the voucher entered from it is checked as any voucher is.
 */
export function checkTemplateLines(lines: readonly TemplateLine[], account: (code: string) => ChartAccount | undefined): string[] {
  const problems: string[] = [];
  if (lines.length < 2) problems.push("模板至少要有两行分录");
  if (lines.length > VOUCHER_LINES_MAX) problems.push(`模板分录不得超过 ${VOUCHER_LINES_MAX} 行`);
  const sides = { financial: new Set<string>(), budget: new Set<string>() };
  lines.forEach((l, i) => {
    const a = account(l.account);
    if (!a) problems.push(`第${i + 1}行：科目 ${l.account} 不存在`);
    for (const key of Object.keys(l.aux ?? {})) if (!(AUX_DIMENSIONS as readonly string[]).includes(key)) problems.push(`第${i + 1}行：辅助核算 ${key} 无效`);
    sides[basisOfCode(l.account)].add(l.side);
  });
  for (const [basis, name] of [["financial", "财务会计"], ["budget", "预算会计"]] as const) {
    if (sides[basis].size === 1) problems.push(`${name}分录须既有借方又有贷方`);
  }
  return problems;
}

/** The templates an actor sees for a set: the set's own, its township's, and the built-in ones not replaced. */
export async function templatesForSet(db: Db, actor: LedgerActor, setId: string, options: { includeInactive?: boolean } = {}): Promise<TemplateView[]> {
  const set = await loadSet(db, actor, setId);
  const stored = await db
    .select()
    .from(ledgerVoucherTemplate)
    .where(and(eq(ledgerVoucherTemplate.regionCode, set.regionCode), or(isNull(ledgerVoucherTemplate.setId), eq(ledgerVoucherTemplate.setId, set.id))))
    .orderBy(asc(ledgerVoucherTemplate.businessType), asc(ledgerVoucherTemplate.name));
  const replaced = new Set(stored.map((r) => r.businessType));
  // A set's own template of a type replaces the township's of the same type.
  const ownTypes = new Set(stored.filter((r) => r.setId === set.id).map((r) => r.businessType));
  const visible = stored.filter((r) => r.setId === set.id || !ownTypes.has(r.businessType) || !BUILT_IN_TYPES.has(r.businessType));
  // The built-ins name 6001/7101/7201; on a set whose chart has their 明细 they name the 一般公共预算
  // 基本支出 leaf (rules.ts fundingLeafOf), so the voucher entered from them is on a leaf.
  const chart = await loadChart(db, set);
  const onLeaf = (t: BuiltInTemplate): BuiltInTemplate => ({ ...t, lines: t.lines.map((l) => ({ ...l, account: FUNDING_ACCOUNTS.includes(l.account) ? (fundingLeafOf(chart, l.account, {}) ?? l.account) : l.account })) });
  const all = [...BUILT_IN_TEMPLATES.filter((t) => !replaced.has(t.businessType)).map((t) => builtInView(onLeaf(t), set.regionCode)), ...visible.map(viewOf)];
  return options.includeInactive ? all : all.filter((t) => t.active);
}

/** The stored templates of a township (every set's and the township-wide ones), for the management page. */
export async function listTemplates(db: Db, actor: LedgerActor, filter: { regionCode?: string | undefined; setId?: string | undefined; active?: boolean | undefined }, page: { limit: number; offset: number }) {
  const conditions = [scopeCondition(ledgerVoucherTemplate.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(ledgerVoucherTemplate.regionCode, filter.regionCode));
  if (filter.setId) conditions.push(eq(ledgerVoucherTemplate.setId, filter.setId));
  if (filter.active !== undefined) conditions.push(eq(ledgerVoucherTemplate.active, filter.active));
  const where = and(...conditions);
  const rows = await db.select().from(ledgerVoucherTemplate).where(where).orderBy(asc(ledgerVoucherTemplate.regionCode), asc(ledgerVoucherTemplate.businessType)).limit(page.limit).offset(page.offset);
  const total = (await db.select({ id: ledgerVoucherTemplate.id }).from(ledgerVoucherTemplate).where(where)).length;
  return { items: rows.map(viewOf), total };
}

async function chartFor(db: Db, actor: LedgerActor, setId: string | null): Promise<(code: string) => ChartAccount | undefined> {
  if (!setId) {
    const chart = new Map(builtInChart().map((a) => [a.code, a]));
    return (code) => chart.get(code);
  }
  const chart = await loadChart(db, await loadSet(db, actor, setId));
  return (code) => chart.get(code);
}

async function scopeOf(tx: Db, actor: LedgerActor, input: { setId?: string | null | undefined; regionCode?: string | undefined }): Promise<{ regionCode: string; setId: string | null }> {
  if (input.setId) {
    const set = await loadSet(tx, actor, input.setId);
    return { regionCode: set.regionCode, setId: set.id };
  }
  if (!input.regionCode || !/^[0-9]{9}$/.test(input.regionCode)) return fail("VALIDATION_FAILED", "请选择账套，或选择适用的乡镇（9位区划代码）。", [{ path: "regionCode", message: "请选择乡镇或账套" }]);
  if (actor.scopePrefix !== "" && !scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "该区划不在您的数据范围内。");
  const [any] = await tx.select({ id: ledgerAccountSet.id }).from(ledgerAccountSet).where(eq(ledgerAccountSet.regionCode, input.regionCode)).limit(1);
  if (!any) return fail("VALIDATION_FAILED", "该乡镇还没有账套。", [{ path: "regionCode", message: "该乡镇没有账套" }]);
  return { regionCode: input.regionCode, setId: null };
}

function cleanLines(lines: readonly TemplateLine[]): TemplateLine[] {
  return lines.map((l) => {
    const aux = Object.fromEntries(Object.entries(l.aux ?? {}).filter(([, v]) => typeof v === "string" && v.trim() !== "").map(([k, v]) => [k, v!.trim()]));
    return { account: l.account, side: l.side, ...(l.summary?.trim() ? { summary: l.summary.trim() } : {}), ...(Object.keys(aux).length ? { aux } : {}) };
  });
}

export async function createTemplate(tx: Db, actor: LedgerActor, input: TemplateInput, now: Date): Promise<TemplateView> {
  const scope = await scopeOf(tx, actor, input);
  const lines = cleanLines(input.lines);
  const problems = checkTemplateLines(lines, await chartFor(tx, actor, scope.setId));
  if (problems.length) fail("TEMPLATE_INVALID", `模板有误：${problems.join("；")}`, problems.map((message) => ({ path: "lines", message })));
  const id = uuidv7(now.getTime());
  const [row] = await tx
    .insert(ledgerVoucherTemplate)
    .values({ regionCode: scope.regionCode, id, setId: scope.setId, businessType: input.businessType, name: input.name.trim(), summary: input.summary.trim(), lines, active: input.active ?? true, createdBy: actor.userId, updatedByName: actor.displayName, updatedAt: now })
    .returning();
  await recordAudit(tx, { regionCode: scope.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "ledger.templateCreated", entityType: "ledgerVoucherTemplate", entityId: id, after: { setId: scope.setId, businessType: input.businessType, name: input.name, lines } }, now);
  return viewOf(row!);
}

async function loadTemplate(tx: Db, actor: LedgerActor, id: string): Promise<Row> {
  const [row] = await tx.select().from(ledgerVoucherTemplate).where(and(eq(ledgerVoucherTemplate.id, id), scopeCondition(ledgerVoucherTemplate.regionCode, actor.scopePrefix)));
  if (!row) return fail("OUT_OF_SCOPE", "模板不存在或不在您的数据范围内。");
  return row;
}

/** Edits a stored template (name, summary, lines, business type, active); its scope does not move. */
export async function updateTemplate(tx: Db, actor: LedgerActor, id: string, input: Partial<Omit<TemplateInput, "setId" | "regionCode">>, now: Date): Promise<TemplateView> {
  const before = await loadTemplate(tx, actor, id);
  const lines = input.lines ? cleanLines(input.lines) : before.lines;
  if (input.lines) {
    const problems = checkTemplateLines(lines, await chartFor(tx, actor, before.setId));
    if (problems.length) fail("TEMPLATE_INVALID", `模板有误：${problems.join("；")}`, problems.map((message) => ({ path: "lines", message })));
  }
  const change = {
    businessType: input.businessType ?? before.businessType,
    name: input.name?.trim() ?? before.name,
    summary: input.summary?.trim() ?? before.summary,
    lines,
    active: input.active ?? before.active,
  };
  const [row] = await tx
    .update(ledgerVoucherTemplate)
    .set({ ...change, updatedByName: actor.displayName, updatedAt: now })
    .where(and(eq(ledgerVoucherTemplate.regionCode, before.regionCode), eq(ledgerVoucherTemplate.id, id)))
    .returning();
  await recordAudit(tx, {
    regionCode: before.regionCode,
    actor: { id: actor.userId, name: actor.displayName },
    action: input.active === false && before.active ? "ledger.templateDisabled" : "ledger.templateChanged",
    entityType: "ledgerVoucherTemplate",
    entityId: id,
    before: { businessType: before.businessType, name: before.name, summary: before.summary, lines: before.lines, active: before.active },
    after: change,
  }, now);
  return viewOf(row!);
}
