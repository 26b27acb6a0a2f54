// The debt register (债务台账): registering a debt of any kind with its repayment schedule (generated
// by the rules or imported from Excel and checked), amending it on the record, a hidden debt's
// resolution plan, and reading it with its schedule lines' states, repayments and full history.
import { and, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { debtKindNames, formatYuan, parseYuan, scheduleLineStatusNames, scopeCovers, type CreateDebtBody, type DebtDetailView, type DebtView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { regionNames } from "../platform/regionTable.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import { paymentStatusLabels } from "@xiangcai/shared";
import { appendDebtEvent, fail, loadDebts, who, type DebtRow, type LoadedDebt } from "./common.ts";
import { checkDebtInput, lineState, overdueOf, balanceAt, paidBetween } from "./rules.ts";
import { checkImportedSchedule, generateSchedule, readTerms, type ImportedLine, type ScheduleLine } from "./schedule.ts";
import { debt, debtEvent, debtScheduleLine, type ResolutionPlan } from "./tables.ts";

export const DEBT_EVENT_NAMES: Record<string, string> = {
  registered: "登记",
  amended: "修改",
  scheduleGenerated: "生成还本付息计划",
  scheduleImported: "导入还本付息计划",
  resolutionPlanSet: "设定化债方案",
  repaymentEntered: "录入还款（国库支付）",
};

type CreateDebtInput = Omit<Required<Pick<CreateDebtBody, "regionCode" | "kind" | "name" | "creditorName" | "documentNo" | "principal" | "startDate">>, never> & {
  bondType?: "general" | "special" | undefined;
  bondPurpose?: "new" | "refinancing" | undefined;
  creditorCreditCode?: string | undefined;
  purpose?: string | undefined;
  dueDate?: string | undefined;
  annualRate?: string | undefined;
  periods?: number | undefined;
  frequency?: "monthly" | "quarterly" | "semiannual" | "annual" | undefined;
  method?: "bullet" | "equalPrincipal" | "annuity" | undefined;
  isHidden?: boolean | undefined;
  resolutionPlan?: { documentNo: string; measures: string; targets: { year: number; amount: string }[] } | undefined;
};
export type { CreateDebtInput };

/** A running number per township and year: ZW2026101-0001. */
async function nextDebtNo(tx: Db, regionCode: string, year: string): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`debtNo:${regionCode}:${year}`}))`);
  const prefix = `ZW${year}${regionCode.slice(6, 9)}-`;
  const [last] = await tx.select({ no: debt.debtNo }).from(debt).where(and(eq(debt.regionCode, regionCode), ilike(debt.debtNo, `${prefix}%`))).orderBy(desc(debt.debtNo)).limit(1);
  const next = last ? Number(last.no.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(4, "0")}`;
}

function planOf(input: CreateDebtInput["resolutionPlan"]): ResolutionPlan | null {
  if (!input) return null;
  const years = input.targets.map((t) => t.year);
  if (new Set(years).size !== years.length) fail("VALIDATION_FAILED", "化债目标的年度不能重复。", [{ path: "resolutionPlan.targets", message: "年度重复" }]);
  return { documentNo: input.documentNo, measures: input.measures, targets: input.targets.map((t) => ({ year: t.year, amountFen: String(parseYuan(t.amount)) })).sort((a, b) => a.year - b.year) };
}

/** The schedule of new terms: arrears are one line of principal on the due date; other kinds follow the rules. */
function scheduleFor(input: { kind: string; principalFen: bigint; startDate: string; dueDate?: string | undefined; annualRate: string; periods: number; frequency: string; method: string }): ScheduleLine[] {
  if (input.kind === "arrears") return [{ period: 1, dueDate: input.dueDate!, principalFen: input.principalFen, interestFen: 0n, paymentFen: input.principalFen, balanceFen: 0n }];
  const read = readTerms({ principal: formatYuan(input.principalFen), rate: input.annualRate, start: input.startDate, periods: input.periods, frequency: input.frequency, method: input.method });
  if (!read.ok) return fail("VALIDATION_FAILED", read.problems.map((p) => p.message).join("；"), read.problems.map((p) => ({ path: p.field === "start" ? "startDate" : p.field === "rate" ? "annualRate" : p.field, message: p.message })));
  return generateSchedule(read.terms);
}

async function writeSchedule(tx: Db, row: Pick<DebtRow, "regionCode" | "id">, version: number, lines: readonly ScheduleLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 200) {
    await tx.insert(debtScheduleLine).values(lines.slice(i, i + 200).map((l) => ({ regionCode: row.regionCode, debtId: row.id, version, period: l.period, dueDate: l.dueDate, principalFen: l.principalFen, interestFen: l.interestFen })));
  }
}

const scheduleSummary = (lines: readonly ScheduleLine[]) => ({
  periods: lines.length,
  firstDue: lines[0]?.dueDate ?? null,
  lastDue: lines.at(-1)?.dueDate ?? null,
  principal: formatYuan(lines.reduce((s, l) => s + l.principalFen, 0n)),
  interest: formatYuan(lines.reduce((s, l) => s + l.interestFen, 0n)),
});

/** Registers a debt and its schedule (version 1), on the record. */
export async function registerDebt(tx: Db, actor: Actor, input: CreateDebtInput, at: Date): Promise<DebtDetailView> {
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  if (!/^[0-9]{9}$/.test(input.regionCode)) fail("VALIDATION_FAILED", "债务登记在乡镇或区本级。", [{ path: "regionCode", message: "须为9位区划代码" }]);
  const isHidden = input.isHidden ?? false;
  const errors = checkDebtInput({ kind: input.kind, bondType: input.bondType, bondPurpose: input.bondPurpose, creditorCreditCode: input.creditorCreditCode, startDate: input.startDate, dueDate: input.dueDate, isHidden, hasResolutionPlan: Boolean(input.resolutionPlan) });
  if (errors.length) return fail("VALIDATION_FAILED", errors.map((e) => e.message).join("；"), errors);
  const principalFen = parseYuan(input.principal);
  const terms = input.kind === "arrears" ? { annualRate: "0", periods: 1, frequency: "annual" as const, method: "bullet" as const } : { annualRate: input.annualRate ?? "0", periods: input.periods ?? 1, frequency: input.frequency ?? "annual", method: input.method ?? "bullet" };
  const lines = scheduleFor({ kind: input.kind, principalFen, startDate: input.startDate, dueDate: input.dueDate, ...terms });
  const plan = planOf(input.resolutionPlan);
  const id = uuidv7(at.getTime());
  const row: DebtRow = {
    regionCode: input.regionCode,
    id,
    debtNo: await nextDebtNo(tx, input.regionCode, input.startDate.slice(0, 4)),
    kind: input.kind,
    name: input.name,
    bondType: input.kind === "bond" ? input.bondType! : null,
    bondPurpose: input.kind === "bond" ? input.bondPurpose! : null,
    creditorName: input.creditorName,
    creditorCreditCode: input.creditorCreditCode?.trim().toUpperCase() || null,
    documentNo: input.documentNo,
    purpose: input.purpose ?? "",
    principalFen,
    startDate: input.startDate,
    maturityDate: lines.at(-1)!.dueDate,
    annualRate: terms.annualRate,
    periods: terms.periods,
    frequency: terms.frequency,
    method: terms.method,
    isHidden,
    resolutionPlan: plan,
    scheduleVersion: 1,
    scheduleSource: "generated",
    status: "active",
    createdBy: actor.userId,
    createdAt: at,
    updatedAt: at,
  };
  await tx.insert(debt).values(row);
  await writeSchedule(tx, row, 1, lines);
  const facts = { debtNo: row.debtNo, kind: row.kind, name: row.name, creditor: row.creditorName, documentNo: row.documentNo, principal: formatYuan(principalFen), startDate: row.startDate, maturityDate: row.maturityDate, annualRate: row.annualRate, method: row.method, frequency: row.frequency, periods: row.periods, isHidden };
  await appendDebtEvent(tx, row, { kind: "registered", after: facts, actor, at });
  await appendDebtEvent(tx, row, { kind: "scheduleGenerated", after: { version: 1, ...scheduleSummary(lines) }, actor, at });
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "debt.registered", entityType: "debt", entityId: id, after: facts }, at);
  return getDebt(tx, actor, id, at);
}

async function lockDebt(tx: Db, actor: Actor, id: string): Promise<DebtRow> {
  const [row] = await tx.select().from(debt).where(and(eq(debt.id, id), scopeCondition(debt.regionCode, actor.scopePrefix))).for("update");
  if (!row) return fail("OUT_OF_SCOPE", "债务不存在或不在您的数据范围内。");
  return row;
}

/** Changes descriptive fields on the record (before and after kept); the amounts and terms change only through a new schedule. */
export async function amendDebt(tx: Db, actor: Actor, id: string, input: { name?: string | undefined; purpose?: string | undefined; documentNo?: string | undefined; creditorName?: string | undefined; isHidden?: boolean | undefined; reason: string }, at: Date): Promise<DebtDetailView> {
  const row = await lockDebt(tx, actor, id);
  if (input.isHidden && row.kind === "bond") fail("VALIDATION_FAILED", "政府债券是法定债务，不能标为隐性债务。", [{ path: "isHidden", message: "债券不能标为隐性债务" }]);
  if (input.isHidden === false && row.resolutionPlan) fail("VALIDATION_FAILED", "该债务有化债方案，不能取消隐性债务标记。", [{ path: "isHidden", message: "有化债方案" }]);
  const changes: Partial<DebtRow> = {};
  const before: Record<string, unknown> = {};
  for (const key of ["name", "purpose", "documentNo", "creditorName", "isHidden"] as const) {
    const value = input[key];
    if (value !== undefined && value !== row[key]) {
      (changes as Record<string, unknown>)[key] = value;
      before[key] = row[key];
    }
  }
  if (Object.keys(changes).length === 0) fail("VALIDATION_FAILED", "没有要修改的内容。");
  await tx.update(debt).set({ ...changes, updatedAt: at }).where(and(eq(debt.regionCode, row.regionCode), eq(debt.id, row.id)));
  await appendDebtEvent(tx, row, { kind: "amended", before, after: { ...changes, reason: input.reason }, actor, at });
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "debt.amended", entityType: "debt", entityId: row.id, before, after: { ...changes, reason: input.reason } }, at);
  return getDebt(tx, actor, id, at);
}

/** Sets (or replaces, on the record) a hidden debt's resolution plan with its yearly targets. */
export async function setResolutionPlan(tx: Db, actor: Actor, id: string, input: { plan: NonNullable<CreateDebtInput["resolutionPlan"]>; reason: string }, at: Date): Promise<DebtDetailView> {
  const row = await lockDebt(tx, actor, id);
  if (!row.isHidden) fail("VALIDATION_FAILED", "化债方案只适用于隐性债务。", [{ path: "plan", message: "不是隐性债务" }]);
  const plan = planOf(input.plan);
  await tx.update(debt).set({ resolutionPlan: plan, updatedAt: at }).where(and(eq(debt.regionCode, row.regionCode), eq(debt.id, row.id)));
  await appendDebtEvent(tx, row, { kind: "resolutionPlanSet", before: row.resolutionPlan, after: { ...plan, reason: input.reason }, actor, at });
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: "debt.resolutionPlanSet", entityType: "debt", entityId: row.id, before: row.resolutionPlan, after: plan }, at);
  return getDebt(tx, actor, id, at);
}

async function refuseIfRepaid(tx: Db, row: DebtRow): Promise<void> {
  const [loaded] = await loadDebts(tx, and(eq(debt.regionCode, row.regionCode), eq(debt.id, row.id))!);
  if (loaded && loaded.repayments.some((r) => r.state !== "void")) fail("DEBT_HAS_REPAYMENTS", "该债务已有还款，不能更换还本付息计划；如需调整请先与债权人确认，另行登记。");
}

async function installSchedule(tx: Db, actor: Actor, row: DebtRow, lines: readonly ScheduleLine[], source: "generated" | "imported", terms: Partial<DebtRow>, reason: string, at: Date): Promise<void> {
  const version = row.scheduleVersion + 1;
  await writeSchedule(tx, row, version, lines);
  await tx.update(debt).set({ ...terms, scheduleVersion: version, scheduleSource: source, maturityDate: lines.at(-1)!.dueDate, updatedAt: at }).where(and(eq(debt.regionCode, row.regionCode), eq(debt.id, row.id)));
  const after = { version, reason, ...terms, ...scheduleSummary(lines) };
  await appendDebtEvent(tx, row, { kind: source === "generated" ? "scheduleGenerated" : "scheduleImported", before: { version: row.scheduleVersion, maturityDate: row.maturityDate }, after, actor, at });
  await recordAudit(tx, { regionCode: row.regionCode, actor: who(actor), action: source === "generated" ? "debt.scheduleGenerated" : "debt.scheduleImported", entityType: "debt", entityId: row.id, after }, at);
}

/** A new schedule from new terms, as a new version (the old lines stay); refused once anything was repaid. */
export async function regenerateSchedule(tx: Db, actor: Actor, id: string, input: { annualRate: string; periods: number; frequency: DebtRow["frequency"]; method: DebtRow["method"]; reason: string }, at: Date): Promise<DebtDetailView> {
  const row = await lockDebt(tx, actor, id);
  if (row.kind === "arrears") fail("VALIDATION_FAILED", "拖欠企业账款按应付日期一次偿还，或导入分期清偿计划。");
  await refuseIfRepaid(tx, row);
  const lines = scheduleFor({ kind: row.kind, principalFen: row.principalFen, startDate: row.startDate, annualRate: input.annualRate, periods: input.periods, frequency: input.frequency, method: input.method });
  await installSchedule(tx, actor, row, lines, "generated", { annualRate: input.annualRate, periods: input.periods, frequency: input.frequency, method: input.method }, input.reason, at);
  return getDebt(tx, actor, id, at);
}

/**
 * Installs a schedule typed in Excel (a bank's, a bond document's, an arrears clearing plan), after
 * checking every row: with any bad row nothing is written and every bad row is named.
 */
export async function importSchedule(tx: Db, actor: Actor, id: string, rows: readonly ImportedLine[], at: Date): Promise<{ ok: true; debt: DebtDetailView } | { ok: false; errors: { row: number; field: string; message: string }[] }> {
  const row = await lockDebt(tx, actor, id);
  await refuseIfRepaid(tx, row);
  const checked = checkImportedSchedule(row.principalFen, rows);
  if (!checked.ok) return { ok: false, errors: checked.problems };
  if (checked.lines[0]!.dueDate < row.startDate) return { ok: false, errors: [{ row: rows[0]!.row, field: "dueDate", message: `第${rows[0]!.row}行：第一期到期日早于起始日 ${row.startDate}` }] };
  await installSchedule(tx, actor, row, checked.lines, "imported", { periods: checked.lines.length }, "导入 Excel 还本付息计划", at);
  return { ok: true, debt: await getDebt(tx, actor, id, at) };
}

// ---------------------------------------------------------------- reading

function viewOf(l: LoadedDebt, regionName: string, today: string): DebtView {
  const r = l.row;
  const overdue = overdueOf(l.facts, today);
  const paid = paidBetween(l.facts, "0000-01-01", "9999-12-31");
  const next = l.facts.lines.find((line) => lineState(line, l.facts.repayments, today).status !== "paid" && line.dueDate >= today);
  const resolvedIn = (year: number) => paidBetween(l.facts, `${year}-01-01`, `${year}-12-31`).principalFen;
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName,
    debtNo: r.debtNo,
    kind: r.kind,
    kindName: debtKindNames[r.kind],
    name: r.name,
    bondType: r.bondType,
    bondPurpose: r.bondPurpose,
    creditorName: r.creditorName,
    creditorCreditCode: r.creditorCreditCode,
    documentNo: r.documentNo,
    purpose: r.purpose,
    principal: formatYuan(r.principalFen),
    balance: formatYuan(balanceAt(l.facts, today)),
    repaidPrincipal: formatYuan(paid.principalFen),
    repaidInterest: formatYuan(paid.interestFen),
    startDate: r.startDate,
    maturityDate: r.maturityDate,
    annualRate: r.annualRate,
    periods: r.periods,
    frequency: r.frequency,
    method: r.method,
    isHidden: r.isHidden,
    resolutionPlan: r.resolutionPlan ? { documentNo: r.resolutionPlan.documentNo, measures: r.resolutionPlan.measures, targets: r.resolutionPlan.targets.map((t) => ({ year: t.year, amount: formatYuan(BigInt(t.amountFen)), resolved: formatYuan(resolvedIn(t.year)) })) } : null,
    scheduleVersion: r.scheduleVersion,
    scheduleSource: r.scheduleSource,
    status: r.status,
    overdueLines: overdue.lines,
    overdueAmount: formatYuan(overdue.principalFen + overdue.interestFen),
    nextDueDate: next?.dueDate ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getDebt(db: Db, actor: Actor, id: string, now: Date): Promise<DebtDetailView> {
  const today = chinaDate(now);
  const [l] = await loadDebts(db, and(eq(debt.id, id), scopeCondition(debt.regionCode, actor.scopePrefix))!);
  if (!l) return fail("OUT_OF_SCOPE", "债务不存在或不在您的数据范围内。");
  const names = await regionNames(db, [l.row.regionCode]);
  const events = await db.select().from(debtEvent).where(and(eq(debtEvent.regionCode, l.row.regionCode), eq(debtEvent.debtId, id))).orderBy(debtEvent.seq);
  let balance = l.row.principalFen;
  return {
    ...viewOf(l, names.get(l.row.regionCode) ?? l.row.regionCode, today),
    schedule: l.facts.lines.map((line) => {
      const s = lineState(line, l.facts.repayments, today);
      balance -= line.principalFen;
      return {
        period: line.period,
        dueDate: line.dueDate,
        principal: formatYuan(line.principalFen),
        interest: formatYuan(line.interestFen),
        payment: formatYuan(line.principalFen + line.interestFen),
        balance: formatYuan(balance),
        paidPrincipal: formatYuan(s.paidPrincipalFen),
        paidInterest: formatYuan(s.paidInterestFen),
        pendingAmount: formatYuan(s.pendingFen),
        status: s.status,
        statusName: scheduleLineStatusNames[s.status],
      };
    }),
    repayments: l.repayments.map((r) => ({
      id: r.id,
      period: r.period,
      principal: formatYuan(r.principalFen),
      interest: formatYuan(r.interestFen),
      paymentId: r.paymentId,
      paymentNo: r.paymentNo,
      paymentStatus: r.paymentStatus,
      paymentStatusName: paymentStatusLabels[r.paymentStatus as keyof typeof paymentStatusLabels] ?? r.paymentStatus,
      paidAt: r.paidAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    events: events.map((e) => ({ seq: e.seq, kind: e.kind, kindName: DEBT_EVENT_NAMES[e.kind] ?? e.kind, actorName: e.actorName, at: e.at.toISOString(), before: e.before, after: e.after })),
  };
}

export interface DebtFilter {
  regionCode?: string | undefined;
  kind?: DebtRow["kind"] | undefined;
  hidden?: "true" | "false" | undefined;
  status?: "active" | "settled" | undefined;
  overdue?: "true" | "false" | undefined;
  q?: string | undefined;
}

/** Whether a debt has a line of its current schedule due before `today` and not fully paid by the bank. */
function overdueCondition(today: string): SQL {
  return sql`exists (select 1 from debt_schedule_line l where l.region_code = ${debt.regionCode} and l.debt_id = ${debt.id} and l.version = ${debt.scheduleVersion} and l.due_date < ${today}
    and l.principal_fen + l.interest_fen > coalesce((select sum(r.principal_fen + r.interest_fen) from debt_repayment r join payment_request p on p.region_code = r.region_code and p.id = r.payment_id
      where r.region_code = l.region_code and r.debt_id = l.debt_id and r.schedule_version = l.version and r.period = l.period and p.status = 'paid'), 0))`;
}

export async function listDebts(db: Db, actor: Actor, filter: DebtFilter, page: { limit: number; offset: number }, now: Date): Promise<{ items: DebtView[]; total: number }> {
  const today = chinaDate(now);
  const conditions: SQL[] = [scopeCondition(debt.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(debt.regionCode, filter.regionCode));
  if (filter.kind) conditions.push(eq(debt.kind, filter.kind));
  if (filter.hidden) conditions.push(eq(debt.isHidden, filter.hidden === "true"));
  if (filter.status) conditions.push(eq(debt.status, filter.status));
  if (filter.overdue === "true") conditions.push(overdueCondition(today));
  if (filter.overdue === "false") conditions.push(sql`not ${overdueCondition(today)}`);
  if (filter.q) conditions.push(or(ilike(debt.name, containsPattern(filter.q)), ilike(debt.debtNo, containsPattern(filter.q)), ilike(debt.creditorName, containsPattern(filter.q)), ilike(debt.documentNo, containsPattern(filter.q)))!);
  const where = and(...conditions)!;
  const ids = await db.select({ regionCode: debt.regionCode, id: debt.id }).from(debt).where(where).orderBy(desc(debt.startDate), desc(debt.debtNo)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(debt).where(where);
  if (ids.length === 0) return { items: [], total: count?.n ?? 0 };
  const loaded = await loadDebts(db, and(scopeCondition(debt.regionCode, actor.scopePrefix), inArray(debt.id, ids.map((i) => i.id)))!);
  const byId = new Map(loaded.map((l) => [l.row.id, l]));
  const names = await regionNames(db, loaded.map((l) => l.row.regionCode));
  const items = ids.map((i) => byId.get(i.id)).filter((l): l is LoadedDebt => Boolean(l)).map((l) => viewOf(l, names.get(l.row.regionCode) ?? l.row.regionCode, today));
  invariant(items.length === ids.length, "every listed debt loads");
  return { items, total: count?.n ?? 0 };
}
