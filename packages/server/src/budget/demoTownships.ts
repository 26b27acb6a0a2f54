// Demo data of the budget and treasury domains in the district's other townships, so the district's
// side-by-side views (execution by township, the ranking, payments in flight) list all fourteen: each
// township but 青禾镇 (written out by hand in demo.ts) gets an approved budget of its own size — 白塔镇
// keeps the one demo.ts gives it — and the year's payments through its own staff: quarterly wages
// and performance pay paid through the bank, office purchases (one returned by the bank), and this
// month's requests still in approval. Sizes, pace and states vary by township, deterministically
// (from its place in the list and its population), so the charts and the ranking differ.
import { and, eq } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { chinaDate } from "../platform/workingDays.ts";
import { transition } from "../flow/index.ts";
import { budgetUnit } from "../org/index.ts";
import type { Actor } from "../identity/index.ts";
import { createBankBatch, createPayment, importBankResult, paymentRequest } from "../treasury/index.ts";
import { addLine, approveRound, issueFromRound, openRound, reviewLine, type BudgetLineInput } from "./preparation.ts";
import { demoPayeeCreditCode, seedRevenueSide } from "./demo.ts";
import { budgetIndicator } from "./tables.ts";

const QINGHE = "329901101";
const BAITA = "329901102";

/** A township of the demo district with the usernames of its staff (demo/seed.ts townshipStaff). */
export interface DemoTownship {
  code: string;
  name: string;
  population: number;
  staff: { director: string; budget: string; unitAccountant: string; clerk: string; cashier: string };
}

export interface TownshipsBudgetDemoContext {
  actor(username: string): Actor;
  now: Date;
  townships: readonly DemoTownship[];
}

const dayOf = (year: number, month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour - 8));
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The budget's lines as shares (per cent) of the township's size: unit, functional, economic class. */
const budgetShares: { unit: string; functional: string; economic: string; percent: number }[] = [
  { unit: "人民政府", functional: "2010301", economic: "30101", percent: 36 },
  { unit: "人民政府", functional: "2010301", economic: "30201", percent: 5 },
  { unit: "中心小学", functional: "2050202", economic: "30101", percent: 25 },
  { unit: "卫生院", functional: "2100302", economic: "30107", percent: 12 },
];

/**
 * The wage runs that have passed by the given month: one halfway through the year so far, one last
 * month (in December: June for January-June, November for July-November), with the months each covers.
 */
export function wageRuns(month: number): { month: number; covers: number; label: string }[] {
  const first = Math.ceil(month / 2);
  const runs = first < month ? [{ month: first, covers: first, label: first === 1 ? "1月" : `1-${first}月` }] : [];
  if (month - 1 > first) runs.push({ month: month - 1, covers: month - 1 - first, label: month - 1 === first + 1 ? `${month - 1}月` : `${first + 1}-${month - 1}月` });
  return runs;
}

export async function seedTownshipsBudgetDemo(tx: Db, context: TownshipsBudgetDemoContext): Promise<void> {
  const { now } = context;
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const units = await tx.select().from(budgetUnit).where(eq(budgetUnit.status, "active"));
  for (const [k, t] of context.townships.entries()) {
    if (t.code === QINGHE) continue;
    const unitOf = (suffix: string) => {
      const found = units.find((u) => u.regionCode === t.code && u.name === `${t.name}${suffix}`);
      invariant(found, `demo unit ${t.name}${suffix}`);
      return found.id;
    };
    if (t.code !== BAITA) await approvedBudget(tx, context, t, k, year, unitOf);
    await yearOfPayments(tx, context, t, k, { year, month, now }, unitOf);
  }
}

/** The year's budget: entered and submitted by the budget accountant, reviewed and approved by the director, issued. */
async function approvedBudget(tx: Db, context: TownshipsBudgetDemoContext, t: DemoTownship, k: number, year: number, unitOf: (suffix: string) => string): Promise<void> {
  const budget = context.actor(t.staff.budget);
  const director = context.actor(t.staff.director);
  // Yuan a head, 84-130 by township, so the sizes differ beyond population (no two totals alike).
  const perHead = 84 + ((k * 31) % 47);
  const round = await openRound(tx, budget, { regionCode: t.code, fiscalYear: year }, dayOf(year - 1, 11, 3 + (k % 5)));
  let total = 0n;
  for (const [i, share] of budgetShares.entries()) {
    const thousands = Math.round((t.population * perHead * share.percent) / 100_000);
    const input: BudgetLineInput = { budgetUnitId: unitOf(share.unit), expenditureKind: "basic", functionalCode: share.functional, economicCode: share.economic, fundNature: "generalBudget", paymentMethod: "direct", amountFen: BigInt(thousands) * 1000_00n };
    const entered = await addLine(tx, budget, round.id, input, dayOf(year - 1, 11, 10 + i));
    await reviewLine(tx, director, entered.id, { decision: "accept" }, dayOf(year - 1, 12, 2 + i));
    total += input.amountFen;
  }
  await seedRevenueSide(tx, budget, round.id, total, dayOf(year - 1, 12, 18));
  const street = t.name.endsWith("街道");
  const short = t.name.slice(0, 2);
  await approveRound(
    tx,
    director,
    round.id,
    {
      session: street ? `${t.name}人大工作委员会预算审查会议` : `${t.name}第十八届人民代表大会第四次会议`,
      resolutionNo: street ? `${short}人大工委〔${year}〕1号` : `${short}人大〔${year}〕1号`,
      resolvedOn: `${year}-01-${String(8 + (k % 9)).padStart(2, "0")}`,
      approvedTotalFen: total,
    },
    dayOf(year, 1, 8 + (k % 9)),
  );
  await issueFromRound(tx, budget, round.id, dayOf(year, 1, 18 + (k % 5)));
}

/**
 * The year's payments of one township, in a bank batch at each wage run that has passed: the wages of
 * the government and the school and an office purchase (the last run's returned by the bank: wrong
 * account), at the last run the health centre's performance pay. This month: the health centre's pay
 * waiting for the finance office, in some a purchase waiting for the unit or a payment at the bank; in
 * one township of three the last run still waits for the finance office, in another nothing is in
 * flight (its year could be closed). Pace (the share of the year's
 * money paid) varies by township, 72-98 %.
 */
async function yearOfPayments(tx: Db, context: TownshipsBudgetDemoContext, t: DemoTownship, k: number, when: { year: number; month: number; now: Date }, unitOf: (suffix: string) => string): Promise<void> {
  const { year, month, now } = when;
  const clerk = context.actor(t.staff.clerk);
  const unitAccountant = context.actor(t.staff.unitAccountant);
  const budget = context.actor(t.staff.budget);
  const cashier = context.actor(t.staff.cashier);
  const indicators = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, t.code), eq(budgetIndicator.fiscalYear, year)));
  const indicator = (unit: string, economic: string) => {
    const found = indicators.find((i) => i.budgetUnitId === unitOf(unit) && i.economicCode === economic);
    invariant(found, `demo indicator ${t.name}${unit} ${economic}`);
    return found;
  };
  type Indicator = ReturnType<typeof indicator>;
  const pace = BigInt(72 + ((k * 11) % 27));
  /** The indicator's share for so many months at the township's pace, in whole yuan and some fen. */
  const share = (ind: Indicator, months: number) => ((ind.issuedFen * pace * BigInt(months)) / 1200n / 100n) * 100n + BigInt((k * 37 + months * 11) % 100);
  const bank = `江苏青禾农村商业银行${t.name.slice(0, 2)}支行`;
  const payees = new Map<string, number>();
  const payee = (name: string) => {
    if (!payees.has(name)) payees.set(name, payees.size + 1);
    const n = 1000 + Number(t.code.slice(6)) * 20 + payees.get(name)!;
    return { kind: "organisation" as const, name, creditCode: demoPayeeCreditCode(n), account: `3201${String(200_000_000 + n * 7919).padStart(12, "0")}`, bank };
  };
  type Stop = "unitReview" | "financeReview" | "approved";
  const pay = async (ind: Indicator, payeeName: string, amountFen: bigint, purpose: string, at: Date, stop: Stop = "approved") => {
    const created = await createPayment(tx, clerk, null, { indicatorId: ind.id, payee: payee(payeeName), amountFen, purpose, method: ind.paymentMethod, attachments: ["发票.pdf", "合同.pdf"] }, at);
    invariant(created.flowInstanceId, "a new payment has its flow");
    if (stop === "unitReview") return created;
    await transition(tx, unitAccountant, { instanceId: created.flowInstanceId, action: "approve", expectedState: "unitReview" }, new Date(at.getTime() + 2 * HOUR));
    if (stop === "financeReview") return created;
    await transition(tx, budget, { instanceId: created.flowInstanceId, action: "approve", expectedState: "financeReview" }, new Date(at.getTime() + DAY));
    return created;
  };

  // 白塔镇's budget has no office line; its agricultural centre's project (pump stations) is paid instead.
  const baita = t.code === BAITA;
  const gov = indicator("人民政府", "30101");
  const school = indicator("中心小学", "30101");
  const clinic = indicator("卫生院", "30107");
  const other = baita ? indicator("农业农村服务中心", "30213") : indicator("人民政府", "30201");
  const runs = wageRuns(month);
  const supplier = (returned: boolean) => (baita ? "白塔县水利建筑工程有限公司" : returned ? `青禾县${t.name.slice(0, 2)}办公设备经营部` : `青禾县${t.name.slice(0, 2)}文具商贸有限公司`);
  for (const [r, run] of runs.entries()) {
    const last = r === runs.length - 1;
    const waits = last && r > 0 && k % 3 === 1;
    const returned = last && r > 0 && !baita;
    const stop: Stop = waits ? "financeReview" : "approved";
    const at = dayOf(year, run.month, 8 + (k % 4));
    const later = new Date(at.getTime() + DAY);
    const otherFen = baita ? share(other, run.covers) : BigInt(2_600 + ((k * 53 + run.month * 17) % 40) * 150) * 100n + 40n;
    const orders = [
      await pay(gov, `${t.name}人民政府工资专户`, share(gov, run.covers), `${run.label}工资`, at, stop),
      await pay(school, `${t.name}中心小学工资专户`, share(school, run.covers), `${run.label}工资`, at, stop),
      await pay(other, supplier(returned), otherFen, baita ? "农田水利设施维修工程进度款" : returned ? "打印机和复印纸采购" : "办公用品采购", later, stop),
    ];
    // The health centre's performance pay, once, for the months so far.
    if (last) orders.push(await pay(clinic, `${t.name}卫生院工资专户`, share(clinic, run.month), `${run.month === 1 ? "1" : `1-${run.month}`}月绩效工资`, later, stop));
    if (waits) continue;
    const batch = await createBankBatch(tx, cashier, { regionCode: t.code, paymentIds: orders.map((o) => o.id) }, dayOf(year, run.month, 18));
    const sent = await tx.select().from(paymentRequest).where(and(eq(paymentRequest.regionCode, t.code), eq(paymentRequest.bankBatchId, batch.id)));
    const lines = sent.map((o) => (returned && o.payeeName === supplier(true) ? `${o.orderNo},退票,${formatYuan(o.amountFen)},收款人账号与户名不符` : `${o.orderNo},成功,${formatYuan(o.amountFen)},`));
    await importBankResult(tx, cashier, { regionCode: t.code, content: ["支付凭证号,结果,金额,原因", ...lines].join("\n") }, dayOf(year, run.month, 19, 16));
  }

  // This month: requests in approval (one overdue where the township is slow), in some one at the bank.
  // One township of three has settled everything: nothing in flight, so its year can be closed.
  if (k % 3 === 2) return;
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  await pay(clinic, `${t.name}卫生院工资专户`, share(clinic, 1), `${month}月绩效工资`, daysAgo(1 + (k % 2) * 5), "financeReview");
  if (!baita && k % 2 === 0) await pay(other, supplier(false), BigInt(1_200 + k * 85) * 100n, "会议用品采购", daysAgo(k % 4 === 0 ? 6 : 1), "unitReview");
  if (k % 3 === 0) {
    const atBank = await pay(school, `${t.name}中心小学工资专户`, share(school, 1), `${month}月工资`, daysAgo(3));
    await createBankBatch(tx, cashier, { regionCode: t.code, paymentIds: [atBank.id] }, daysAgo(1));
  }
}
