// Demo data of government debt: 青禾镇 holds a debt of every kind — a general bond and a special
// refinancing bond on-lent from above, a bank loan with its first quarter repaid through a treasury
// payment (paid by the bank) and its second quarter overdue, arrears to a contractor partly cleared,
// and a hidden debt with its resolution plan — and its comprehensive capacity puts it in yellow;
// 白塔镇 is in orange; the other townships each hold a bond. The monthly report: 青禾镇's is accepted
// for the month before last and submitted for last month; 白塔镇's for the month before last was
// prepared and never submitted (overdue). Everything goes through the services.
import { and, eq, like } from "drizzle-orm";
import { creditCodeCheckChar, parseYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { transition } from "../flow/index.ts";
import { budgetUnit } from "../org/index.ts";
import { importCatalog } from "../catalog/index.ts";
import { budgetIndicator, issueIndicator } from "../budget/index.ts";
import { createBankBatch, getPayment, importBankResult } from "../treasury/index.ts";
import { prepareReport, previousPeriod, reviewReport, submitReport } from "../reporting/index.ts";
import { enterCapacity } from "./indicators.ts";
import { registerDebt, type CreateDebtInput } from "./register.ts";
import { repayLine } from "./repayment.ts";
import { addMonthsClamped } from "./schedule.ts";
import { DEBT_MONTHLY_REPORT } from "./report.ts";

export interface DebtDemoContext {
  actor(username: string): Actor;
  now: Date;
}

const QINGHE = "329901101";
const BAITA = "329901102";

/** A valid credit code for a demo creditor (authority 9, 市场监管; 1 机构编制 for a finance bureau). */
export function demoCreditorCode(authority: "1" | "9", index: number): string {
  const first17 = `${authority}1329901MB${String(index).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export const DEBT_FUNCTIONAL_ITEMS: [string, string][] = [
  ["23103", "地方政府一般债务还本支出"],
  ["2310301", "地方政府一般债券还本支出"],
  ["23203", "地方政府一般债务付息支出"],
  ["2320301", "地方政府一般债券付息支出"],
];
export const DEBT_ECONOMIC_ITEMS: [string, string][] = [["30701", "国内债务付息"]];

/**
 * The debt-service catalogue items of a year and two indicators of a township's government (principal
 * 2310301, interest 2320301), for the demo and for tests that repay through treasury.
 */
export async function seedDebtServiceIndicators(tx: Db, admin: Actor, budgetActor: Actor, regionCode: string, year: number, at: Date): Promise<{ principalIndicatorId: string; interestIndicatorId: string }> {
  await importCatalog(tx, admin, { fiscalYear: year, kind: "functional", rows: DEBT_FUNCTIONAL_ITEMS.map(([code, name], i) => ({ line: i + 1, code, name })) }, at);
  await importCatalog(tx, admin, { fiscalYear: year, kind: "economic", rows: DEBT_ECONOMIC_ITEMS.map(([code, name], i) => ({ line: i + 1, code, name })) }, at);
  const [gov] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, regionCode), like(budgetUnit.name, "%人民政府"), eq(budgetUnit.status, "active")));
  invariant(gov, `the government of ${regionCode} is a budget unit`);
  const existing = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, regionCode), eq(budgetIndicator.fiscalYear, year), eq(budgetIndicator.budgetUnitId, gov.id)));
  const principal = existing.find((i) => i.functionalCode === "2310301") ?? (await issueIndicator(tx, budgetActor, { regionCode, fiscalYear: year, documentNo: `${regionCode.slice(6)}债还〔${year}〕1号`, source: "upperTransfer", budgetUnitId: gov.id, functionalCode: "2310301", economicCode: "399", fundNature: "generalBudget", paymentMethod: "direct", summary: "政府债务还本", amountFen: 2_000_000_00n }, at));
  const interest = existing.find((i) => i.functionalCode === "2320301") ?? (await issueIndicator(tx, budgetActor, { regionCode, fiscalYear: year, documentNo: `${regionCode.slice(6)}债息〔${year}〕1号`, source: "upperTransfer", budgetUnitId: gov.id, functionalCode: "2320301", economicCode: "30701", fundNature: "generalBudget", paymentMethod: "direct", summary: "政府债务付息", amountFen: 500_000_00n }, at));
  return { principalIndicatorId: principal.id, interestIndicatorId: interest.id };
}

/** Takes a repayment's treasury payment through both reviews and the bank (paid) at `at`. */
export async function payThroughTreasury(tx: Db, actors: { unitAccountant: Actor; director: Actor; cashier: Actor }, regionCode: string, paymentId: string, at: Date): Promise<void> {
  const hour = 3_600_000;
  const p = await getPayment(tx, actors.director, paymentId);
  invariant(p.flowInstanceId, "a payment has its flow");
  await transition(tx, actors.unitAccountant, { instanceId: p.flowInstanceId, action: "approve", expectedState: "unitReview" }, new Date(at.getTime() + hour));
  await transition(tx, actors.director, { instanceId: p.flowInstanceId, action: "approve", expectedState: "financeReview" }, new Date(at.getTime() + 2 * hour));
  await createBankBatch(tx, actors.cashier, { regionCode, paymentIds: [paymentId] }, new Date(at.getTime() + 3 * hour));
  const ordered = await getPayment(tx, actors.director, paymentId);
  await importBankResult(tx, actors.cashier, { regionCode, content: ["支付凭证号,结果,金额,原因", `${ordered.orderNo},成功,${ordered.amount},`].join("\n") }, new Date(at.getTime() + 5 * hour));
}

export async function seedDebtDemo(tx: Db, context: DebtDemoContext): Promise<void> {
  const { now } = context;
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const monthsAgo = (n: number, day = 15) => `${addMonthsClamped(`${today.slice(0, 7)}-01`, -n).slice(0, 8)}${String(day).padStart(2, "0")}`;
  const atDate = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`);
  const budget = context.actor("budget");
  const director = context.actor("director");
  const admin = context.actor("admin");
  const supervisor = context.actor("supervisor");
  const register = (actor: Actor, input: CreateDebtInput, date: string) => registerDebt(tx, actor, input, atDate(date));

  // ---- 青禾镇: every kind
  const financeBureau = { creditorName: "青禾区财政局", creditorCreditCode: demoCreditorCode("1", 1) };
  await register(budget, { regionCode: QINGHE, kind: "bond", bondType: "general", bondPurpose: "new", name: `${year}年新增一般债券（集镇道路改造）`, ...financeBureau, documentNo: `青财债〔${year}〕8号`, purpose: "集镇道路改造", principal: "5000000.00", startDate: monthsAgo(10, 20), annualRate: "2.85", periods: 10, frequency: "annual", method: "bullet" }, monthsAgo(10, 20));
  await register(budget, { regionCode: QINGHE, kind: "bond", bondType: "special", bondPurpose: "refinancing", name: `${year}年再融资专项债券（污水管网）`, ...financeBureau, documentNo: `青财债〔${year}〕15号`, purpose: "偿还到期专项债券本金", principal: "3000000.00", startDate: monthsAgo(5, 10), annualRate: "2.6", periods: 7, frequency: "annual", method: "bullet" }, monthsAgo(5, 10));
  const loan = await register(budget, { regionCode: QINGHE, kind: "loan", name: "农村公路提档升级贷款", creditorName: "江苏青禾农村商业银行", creditorCreditCode: demoCreditorCode("9", 2), documentNo: "青农商借字2026第0318号", purpose: "农村公路提档升级", principal: "2400000.00", startDate: monthsAgo(7, 5), annualRate: "4.35", periods: 8, frequency: "quarterly", method: "equalPrincipal" }, monthsAgo(7, 5));
  const arrears = await register(budget, { regionCode: QINGHE, kind: "arrears", name: "集镇污水处理站工程款", creditorName: "青禾县水利建筑工程有限公司", creditorCreditCode: demoCreditorCode("9", 3), documentNo: "QHSL-2024-017", purpose: "工程竣工结算尾款", principal: "800000.00", startDate: monthsAgo(14, 1), dueDate: monthsAgo(4, 28) }, monthsAgo(14, 1));
  await register(budget, { regionCode: QINGHE, kind: "other", isHidden: true, name: "镇属平台公司代建项目欠款", creditorName: "青禾城镇建设发展有限公司", creditorCreditCode: demoCreditorCode("9", 4), documentNo: "青禾镇〔2023〕12号会议纪要", purpose: "代建敬老院及文化中心", principal: "1200000.00", startDate: monthsAgo(6, 1), annualRate: "0", periods: 3, frequency: "annual", method: "equalPrincipal", resolutionPlan: { documentNo: `青禾镇化债〔${year}〕1号`, measures: "盘活闲置资产、压减一般性支出，分三年化解。", targets: [{ year, amount: "400000.00" }, { year: year + 1, amount: "400000.00" }, { year: year + 2, amount: "400000.00" }] } }, monthsAgo(6, 1));
  await enterCapacity(tx, budget, { regionCode: QINGHE, year, generalRevenueFen: 4_200_000_00n, transferRevenueFen: 3_100_000_00n, fundRevenueFen: 300_000_00n, stateCapitalRevenueFen: 0n, note: "按年初预算收入及上级转移支付预计数录入" }, atDate(monthsAgo(11, 10)));

  // Repayments through treasury: the loan's first quarter, and part of the arrears, both paid by the bank.
  const service = await seedDebtServiceIndicators(tx, admin, budget, QINGHE, year, atDate(`${year}-01-05`));
  const actors = { unitAccountant: context.actor("unitacct"), director, cashier: context.actor("cashier") };
  const firstLine = loan.schedule[0]!;
  const repayDate = firstLine.dueDate < `${year}-01-10` ? `${year}-01-10` : firstLine.dueDate;
  // (Seeded in the first days of January, the repayments would fall after today: then there are none.)
  if (repayDate < today) {
  const repaid = await repayLine(tx, budget, loan.id, { period: 1, indicatorId: service.principalIndicatorId, principalFen: parseYuan(firstLine.principal), interestFen: parseYuan(firstLine.interest), payeeAccount: "3201000188000123456", payeeBank: "江苏青禾农村商业银行营业部" }, atDate(repayDate, 9));
  await payThroughTreasury(tx, actors, QINGHE, repaid.repayments[0]!.paymentId, atDate(repayDate, 9));
  const clearDate = `${year}-01-10` > monthsAgo(3, 12) ? `${year}-01-10` : monthsAgo(3, 12);
  const cleared = await repayLine(tx, budget, arrears.id, { period: 1, indicatorId: service.principalIndicatorId, principalFen: 300_000_00n, interestFen: 0n, payeeAccount: "3201000188000765432", payeeBank: "中国农业银行青禾支行" }, atDate(clearDate, 9));
  await payThroughTreasury(tx, actors, QINGHE, cleared.repayments[0]!.paymentId, atDate(clearDate, 9));
  }

  // ---- 白塔镇: a bond and a loan against a small capacity (orange)
  const budget2 = context.actor("budget2");
  await register(budget2, { regionCode: BAITA, kind: "bond", bondType: "general", bondPurpose: "new", name: `${year}年新增一般债券（农田水利）`, ...financeBureau, documentNo: `青财债〔${year}〕9号`, principal: "6000000.00", startDate: monthsAgo(9, 18), annualRate: "2.9", periods: 10, frequency: "annual", method: "bullet" }, monthsAgo(9, 18));
  await register(budget2, { regionCode: BAITA, kind: "loan", name: "白塔镇卫生院改扩建贷款", creditorName: "中国农业银行青禾支行", creditorCreditCode: demoCreditorCode("9", 5), documentNo: "农银借2026-白塔-07", principal: "1500000.00", startDate: monthsAgo(2, 8), annualRate: "3.95", periods: 36, frequency: "monthly", method: "annuity" }, monthsAgo(2, 8));
  await enterCapacity(tx, budget2, { regionCode: BAITA, year, generalRevenueFen: 1_900_000_00n, transferRevenueFen: 1_100_000_00n, fundRevenueFen: 0n, stateCapitalRevenueFen: 0n, note: "按预算收入预计数录入" }, atDate(monthsAgo(11, 10)));

  // ---- the other townships: a bond each, green
  let index = 10;
  for (const code of ["329901001", "329901002", "329901003", "329901004", "329901103", "329901104", "329901105", "329901106", "329901107", "329901108", "329901109", "329901110"]) {
    const director2 = context.actor(`dir${code.slice(6)}`);
    const principal = 1_000_000 + (index % 5) * 350_000;
    await register(director2, { regionCode: code, kind: "bond", bondType: "general", bondPurpose: "new", name: `${year}年新增一般债券（村内道路）`, ...financeBureau, documentNo: `青财债〔${year}〕${index}号`, principal: `${principal}.00`, startDate: monthsAgo(8, 12), annualRate: "2.85", periods: 5, frequency: "annual", method: "bullet" }, monthsAgo(8, 12));
    await enterCapacity(tx, director2, { regionCode: code, year, generalRevenueFen: BigInt(3_000_000 + index * 97_000) * 100n, transferRevenueFen: 2_200_000_00n, fundRevenueFen: 0n, stateCapitalRevenueFen: 0n, note: "" }, atDate(monthsAgo(11, 10)));
    index++;
  }

  // ---- the monthly report
  const lastMonth = previousPeriod(today, "month");
  const monthBefore = previousPeriod(`${lastMonth}-15`, "month");
  const report = (actor: Actor, regionCode: string, period: string, at: Date) => prepareReport(tx, actor, { kindCode: DEBT_MONTHLY_REPORT, regionCode, period }, at);
  const note = "逾期为农村公路贷款第2期及拖欠工程款余额，已与债权人协商分期偿还";
  const accepted = await report(budget, QINGHE, monthBefore, atDate(`${lastMonth}-05`));
  await submitReport(tx, budget, accepted.id, { version: accepted.version, note }, atDate(`${lastMonth}-06`));
  await reviewReport(tx, supervisor, accepted.id, { action: "accept", note: "数据与台账一致" }, atDate(`${lastMonth}-08`));
  if (today.slice(8, 10) >= "02") {
    const submitted = await report(budget, QINGHE, lastMonth, atDate(`${today.slice(0, 7)}-01`));
    await submitReport(tx, budget, submitted.id, { version: submitted.version, note }, atDate(`${today.slice(0, 7)}-01`, 15));
  }
  await report(budget2, BAITA, monthBefore, atDate(`${lastMonth}-04`));
}
