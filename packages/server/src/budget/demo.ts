// Demo data of the budget and treasury domains: the district's catalogues for last, this and next
// year; 青禾镇's project library with ex-ante assessments (one failed, one awaiting); a fiscal year in
// progress at 青禾镇 (329901101): an approved budget with its indicators, an upper-level transfer,
// monthly payments paid through the bank, one returned, and payments in every other state; next
// year's budget in preparation with every line awaiting review (the browser flow 10-budget reviews
// and approves it); 白塔镇 has an approved budget too, so the district sees townships side by side. Everything goes
// through the services, so flows, audit chain, indicator history and outbox events are real.
import { and, eq } from "drizzle-orm";
import { creditCodeCheckChar } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import { transition } from "../flow/index.ts";
import { budgetUnit } from "../org/index.ts";
import type { Actor } from "../identity/index.ts";
import { importCatalog, installDefaultCatalogs } from "../catalog/index.ts";
import { createBankBatch, createPayment, getPayment, importBankResult, setQuota } from "../treasury/index.ts";
import { issueIndicator } from "./indicators.ts";
import { addLine as enterLine, approveRound, issueFromRound, openRound, reviewLine, type BudgetLineInput } from "./preparation.ts";
import { addRevenueLine, type RevenueLineInput } from "./revenue.ts";
import { requestTransfer } from "./transfers.ts";
import { assessProject, createProject } from "./projects.ts";
import { budgetIndicator, budgetRound } from "./tables.ts";

const QINGHE = "329901101";
const BAITA = "329901102";

export const demoFunctionalItems: [string, string][] = [
  ["20101", "人大事务"],
  ["2010101", "行政运行"],
  ["20103", "政府办公厅（室）及相关机构事务"],
  ["2010301", "行政运行"],
  ["2010350", "事业运行"],
  ["20502", "普通教育"],
  ["2050202", "小学教育"],
  ["20805", "行政事业单位养老支出"],
  ["2080505", "机关事业单位基本养老保险缴费支出"],
  ["20701", "文化和旅游"],
  ["2070109", "群众文化"],
  ["21003", "基层医疗卫生机构"],
  ["2100302", "乡镇卫生院"],
  ["21205", "城乡社区环境卫生"],
  ["2120501", "城乡社区环境卫生"],
  ["21301", "农业农村"],
  ["2130104", "事业运行"],
  ["2130122", "农业生产发展"],
  ["2130135", "农业资源保护修复与利用"],
  ["21307", "农村综合改革"],
  ["2130705", "对村民委员会和村党支部的补助"],
];

/** A valid unified social credit code for a demo payee company (authority 9, 市场监管). */
export function demoPayeeCreditCode(index: number): string {
  const first17 = `91329901MA${String(index).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

const dayOf = (year: number, month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour - 8));

/** What the budget demo needs of demo/seed.ts: the demo users as actors, and the moment of seeding. */
export interface BudgetDemoContext {
  actor(username: string): Actor;
  now: Date;
  /**
   * Called after each project line is entered and before it is reviewed: the demo seed gives the
   * project the accepted performance targets its review requires ("no target, no budget").
   */
  projectLineEntered?: (tx: Db, line: ProjectLineEntered) => Promise<void>;
}

export interface ProjectLineEntered {
  regionCode: string;
  fiscalYear: number;
  projectId: string;
  projectName: string;
  budgetUnitId: string;
  enteredBy: Actor;
  at: Date;
}

export async function seedBudgetDemo(tx: Db, context: BudgetDemoContext): Promise<void> {
  const { now } = context;
  const addLine = async (db: Db, actor: Actor, roundId: string, input: BudgetLineInput, at: Date) => {
    const entered = await enterLine(db, actor, roundId, input, at);
    if (entered.projectId && context.projectLineEntered) {
      const [round] = await db.select().from(budgetRound).where(eq(budgetRound.id, roundId));
      invariant(round, "a demo line's round exists");
      await context.projectLineEntered(db, { regionCode: round.regionCode, fiscalYear: round.fiscalYear, projectId: entered.projectId, projectName: entered.projectName ?? "", budgetUnitId: entered.budgetUnitId, enteredBy: actor, at });
    }
    return entered;
  };
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const month = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(5, 7));
  const admin = context.actor("admin");
  const clerk = context.actor("unitclerk");
  const unitAccountant = context.actor("unitacct");
  const budget = context.actor("budget");
  const congress = context.actor("congress");
  const cashier = context.actor("cashier");

  for (const fiscalYear of [year - 1, year, year + 1]) {
    await installDefaultCatalogs(tx, admin, fiscalYear, now);
    await importCatalog(tx, admin, { fiscalYear, kind: "functional", rows: demoFunctionalItems.map(([code, name], i) => ({ line: i + 1, code, name })) }, now);
  }

  const units = await tx.select().from(budgetUnit).where(eq(budgetUnit.status, "active"));
  const unit = (regionCode: string, suffix: string) => {
    const found = units.find((u) => u.regionCode === regionCode && u.name.endsWith(suffix));
    invariant(found, `demo unit ${suffix} in ${regionCode}`);
    return found.id;
  };

  // ---- 青禾镇: the project library with ex-ante assessments (one failed, one awaiting assessment)
  const january = (day: number) => dayOf(year, 1, day);
  const gov = unit(QINGHE, "人民政府");
  const school = unit(QINGHE, "中心小学");
  const clinic = unit(QINGHE, "卫生院");
  const agri = unit(QINGHE, "农业农村服务中心");
  const projectIds = new Map<string, string>();
  const libraryProjects: { budgetUnitId: string; name: string; category: string; description: string; functionalCode: string; plannedYuan: number; years: [number, number]; assessment?: [number, number, number, number, number, string] }[] = [
    { budgetUnitId: gov, name: "集镇环境整治提升", category: "environment", description: "集镇主街道路面修复、雨污分流和绿化补植，改善集镇人居环境。", functionalCode: "2120501", plannedYuan: 450_000, years: [year, year], assessment: [18, 16, 17, 17, 16, "项目必要性充分，投入测算基本合理，予以支持。"] },
    { budgetUnitId: agri, name: "高标准农田建设配套", category: "agriculture", description: "配合上级高标准农田建设项目，建设灌排渠系和机耕路，镇级配套资金分三年安排。", functionalCode: "2130122", plannedYuan: 2_400_000, years: [year, year + 2], assessment: [19, 17, 18, 17, 17, "符合上级政策，配套比例合规，绩效目标明确，予以支持。"] },
    { budgetUnitId: agri, name: "农机购置补助配套", category: "agriculture", description: "对购置大中型农机的农户按上级补助额的一定比例给予镇级配套补助。", functionalCode: "2130122", plannedYuan: 180_000, years: [year, year], assessment: [15, 13, 14, 14, 15, "总体可行，绩效目标需进一步细化；调整完善后予以支持。"] },
    { budgetUnitId: gov, name: "村级文化广场提升", category: "socialService", description: "对各村文化广场更换健身器材、增设灯光音响。", functionalCode: "2070109", plannedYuan: 600_000, years: [year + 1, year + 1], assessment: [10, 9, 8, 11, 10, "立项依据不足，与已建村级文化设施功能重叠，成本测算偏高，不予支持。"] },
    { budgetUnitId: agri, name: "智慧农业监测平台", category: "informatisation", description: "建设土壤墒情和病虫害监测点并接入区级平台。", functionalCode: "2130122", plannedYuan: 320_000, years: [year + 1, year + 2] },
  ];
  for (const [i, p] of libraryProjects.entries()) {
    const created = await createProject(tx, clerk, { regionCode: QINGHE, budgetUnitId: p.budgetUnitId, name: p.name, category: p.category, description: p.description, functionalCode: p.functionalCode, plannedTotalFen: BigInt(p.plannedYuan) * 100n, startYear: p.years[0], endYear: p.years[1] }, dayOf(year - 1, 9, 1 + i));
    projectIds.set(p.name, created.id);
    if (p.assessment) {
      const [necessity, economy, target, feasibility, financing, conclusion] = p.assessment;
      await assessProject(tx, budget, created.id, { scores: { necessity, economy, target, feasibility, financing }, conclusion, assessor: "青禾镇财政所事前绩效评估小组", assessedOn: `${year - 1}-10-${String(10 + i).padStart(2, "0")}` }, dayOf(year - 1, 10, 10 + i));
    }
  }
  const project = (name: string): Partial<BudgetLineInput> => ({ expenditureKind: "project", projectId: projectIds.get(name), projectName: name });

  // ---- 青禾镇: preparation, review, congress approval, indicators
  const round = await openRound(tx, budget, { regionCode: QINGHE, fiscalYear: year }, dayOf(year - 1, 11, 5));
  const line = (budgetUnitId: string, functionalCode: string, economicCode: string, yuan: number, extra: Partial<BudgetLineInput> = {}): BudgetLineInput => ({
    budgetUnitId,
    expenditureKind: "basic",
    functionalCode,
    economicCode,
    fundNature: "generalBudget",
    paymentMethod: "direct",
    amountFen: BigInt(yuan) * 100n,
    ...extra,
  });
  const requests: { input: BudgetLineInput; review: "accept" | ["cut", number, string] | ["return", string] }[] = [
    { input: line(gov, "2010301", "30101", 1_860_000), review: "accept" },
    { input: line(gov, "2010301", "30201", 240_000), review: ["cut", 200_000, "按定额标准核定办公费"] },
    { input: line(gov, "2080505", "30108", 310_000), review: "accept" },
    { input: line(gov, "2120501", "30213", 450_000, project("集镇环境整治提升")), review: "accept" },
    { input: line(school, "2050202", "30101", 960_000), review: "accept" },
    { input: line(school, "2050202", "30201", 120_000, { paymentMethod: "authorised" }), review: "accept" },
    { input: line(clinic, "2100302", "30107", 420_000), review: "accept" },
    { input: line(agri, "2130104", "30101", 310_000), review: "accept" },
    { input: line(agri, "2130122", "30213", 800_000, project("高标准农田建设配套")), review: ["cut", 650_000, "按上级补助比例核减配套资金"] },
    { input: line(agri, "2130122", "30299", 180_000, project("农机购置补助配套")), review: ["return", "未附农机购置清单和补助测算表，请补充后重新申报"] },
  ];
  let approvedTotal = 0n;
  for (const [i, r] of requests.entries()) {
    const entered = await addLine(tx, clerk, round.id, r.input, dayOf(year - 1, 11, 10 + i));
    const at = dayOf(year - 1, 12, 1 + i);
    if (r.review === "accept") {
      await reviewLine(tx, budget, entered.id, { decision: "accept" }, at);
      approvedTotal += r.input.amountFen;
    } else if (r.review[0] === "cut") {
      await reviewLine(tx, budget, entered.id, { decision: "cut", approvedFen: BigInt(r.review[1]) * 100n, note: r.review[2] }, at);
      approvedTotal += BigInt(r.review[1]) * 100n;
    } else {
      await reviewLine(tx, budget, entered.id, { decision: "return", note: r.review[1] }, at);
    }
  }
  await seedRevenueSide(tx, budget, round.id, approvedTotal, dayOf(year - 1, 12, 20));
  await approveRound(tx, congress, round.id, { session: "青禾镇第十八届人民代表大会第四次会议", resolutionNo: `青人大〔${year}〕1号`, resolvedOn: `${year}-01-12`, approvedTotalFen: approvedTotal }, january(12));
  await issueFromRound(tx, budget, round.id, january(20));
  await issueIndicator(tx, budget, { regionCode: QINGHE, fiscalYear: year, documentNo: `苏财农〔${year}〕18号`, source: "upperTransfer", budgetUnitId: agri, functionalCode: "2130135", economicCode: "30299", fundNature: "upperTransfer", paymentMethod: "direct", summary: "耕地地力保护补贴", amountFen: 600_000_00n }, dayOf(year, 3, 6));

  const indicators = await tx.select().from(budgetIndicator).where(and(eq(budgetIndicator.regionCode, QINGHE), eq(budgetIndicator.fiscalYear, year)));
  const indicator = (unitId: string, economicCode: string, functionalCode?: string) => {
    const found = indicators.find((i) => i.budgetUnitId === unitId && i.economicCode === economicCode && (!functionalCode || i.functionalCode === functionalCode));
    invariant(found, `demo indicator ${economicCode}`);
    return found;
  };
  const salaryGov = indicator(gov, "30101");
  const officeGov = indicator(gov, "30201");
  const salarySchool = indicator(school, "30101");
  const officeSchool = indicator(school, "30201");
  const clinicPay = indicator(clinic, "30107");
  const farmland = indicator(agri, "30213");
  const environment = indicator(gov, "30213");

  // ---- payments: entered by the unit clerk, reviewed by the unit accountant and the budget accountant
  let payeeIndex = 1;
  const pay = async (ind: typeof salaryGov, payeeName: string, yuan: string, purpose: string, at: Date, stop: "unitReview" | "financeReview" | "approved" | "cancelled" = "approved") => {
    const [whole, cents = "0"] = yuan.split(".");
    const amountFen = BigInt(whole!) * 100n + BigInt(cents.padEnd(2, "0"));
    const created = await createPayment(tx, clerk, null, {
      indicatorId: ind.id,
      payee: { kind: "organisation", name: payeeName, creditCode: demoPayeeCreditCode(payeeIndex++), account: `3201${String(100_000_000 + payeeIndex * 7919).padStart(12, "0")}`, bank: "江苏青禾农村商业银行青禾支行" },
      amountFen,
      purpose,
      method: ind.paymentMethod,
      attachments: ["发票.pdf", "合同.pdf"],
    }, at);
    invariant(created.flowInstanceId, "a new payment has its flow");
    if (stop === "unitReview") return created;
    if (stop === "cancelled") {
      await transition(tx, unitAccountant, { instanceId: created.flowInstanceId, action: "reject", note: "发票抬头与单位名称不符，请重新开具后申请", expectedState: "unitReview" }, new Date(at.getTime() + 3_600_000));
      return created;
    }
    await transition(tx, unitAccountant, { instanceId: created.flowInstanceId, action: "approve", expectedState: "unitReview" }, new Date(at.getTime() + 3_600_000));
    if (stop === "financeReview") return created;
    await transition(tx, budget, { instanceId: created.flowInstanceId, action: "approve", expectedState: "financeReview" }, new Date(at.getTime() + 26 * 3_600_000));
    return getPayment(tx, budget, created.id);
  };

  for (let m = 2; m < month; m++) {
    const orders = [
      await pay(salaryGov, "青禾镇人民政府工资专户", "148600.00", `${m}月工资`, dayOf(year, m, 8)),
      await pay(salarySchool, "青禾镇中心小学工资专户", "76400.00", `${m}月工资`, dayOf(year, m, 8)),
      await pay(clinicPay, "青禾镇卫生院工资专户", "32150.50", `${m}月绩效工资`, dayOf(year, m, 9)),
    ];
    if (m % 3 === 0) orders.push(await pay(officeGov, "青禾县文具商贸有限公司", `${3000 + m * 137}.40`, "办公用品采购", dayOf(year, m, 12)));
    if (m === 5 || m === 8) orders.push(await pay(farmland, "青禾县水利建筑工程有限公司", m === 5 ? "185000.00" : "142500.00", "高标准农田建设配套工程进度款", dayOf(year, m, 14)));
    if (m === month - 1) orders.push(await pay(environment, "青禾镇明达建材经营部", "68000.00", "集镇环境整治材料款", dayOf(year, m, 15)));
    const batch = await createBankBatch(tx, cashier, { regionCode: QINGHE, paymentIds: orders.map((o) => o.id) }, dayOf(year, m, 18));
    void batch;
    const lines = orders.map((o) => (o.payeeName === "青禾镇明达建材经营部" ? `${o.orderNo},退票,${o.amount},收款人账号与户名不符` : `${o.orderNo},成功,${o.amount},`));
    await importBankResult(tx, cashier, { regionCode: QINGHE, content: ["支付凭证号,结果,金额,原因", ...lines].join("\n") }, dayOf(year, m, 19, 16));
  }

  // This month: authorised payment within the school's quota (一般公共预算 基本支出: its only authorised
  // indicator is a 一般公共预算 基本支出 line; the demo has no other authorised indicator, so no other quota),
  // and payments in every open state.
  await setQuota(tx, budget, { regionCode: QINGHE, budgetUnitId: school, fiscalYear: year, month, expenditureKind: "basic", fund: "generalBudget", quotaFen: 30_000_00n }, dayOf(year, month, 1));
  const sent = await pay(salaryGov, "青禾镇人民政府工资专户", "148600.00", `${month}月工资`, dayOf(year, month, 3));
  await createBankBatch(tx, cashier, { regionCode: QINGHE, paymentIds: [sent.id] }, dayOf(year, month, 5));
  await pay(salarySchool, "青禾镇中心小学工资专户", "76400.00", `${month}月工资`, dayOf(year, month, 3));
  await pay(officeSchool, "青禾县图书文化用品有限公司", "8650.00", "教学用品采购（授权支付）", dayOf(year, month, 4), "financeReview");
  await pay(officeGov, "青禾县文具商贸有限公司", "4210.00", "打印耗材采购", now, "unitReview");
  await pay(environment, "青禾县绿洁环卫服务有限公司", "36000.00", "集镇保洁服务费", dayOf(year, month, 2), "cancelled");
  await requestTransfer(tx, budget, { fromIndicatorId: officeGov.id, toIndicatorId: farmland.id, amountFen: 20_000_00n, reason: "防汛应急排涝设备采购，调剂办公经费" }, now);

  // ---- 白塔镇: an approved budget and its indicators, for the district's side-by-side view
  const budget2 = context.actor("budget2");
  const director2 = context.actor("director2");
  const baitaRound = await openRound(tx, budget2, { regionCode: BAITA, fiscalYear: year }, dayOf(year - 1, 11, 6));
  const baitaProject = await createProject(tx, budget2, { regionCode: BAITA, budgetUnitId: unit(BAITA, "农业农村服务中心"), name: "农田水利设施维修", category: "agriculture", description: "维修老化泵站和渠道。", functionalCode: "2130122", plannedTotalFen: 520_000_00n, startYear: year, endYear: year }, dayOf(year - 1, 9, 8));
  await assessProject(tx, director2, baitaProject.id, { scores: { necessity: 17, economy: 15, target: 16, feasibility: 16, financing: 16 }, conclusion: "予以支持。", assessor: "白塔镇财政所", assessedOn: `${year - 1}-10-20` }, dayOf(year - 1, 10, 20));
  let baitaTotal = 0n;
  for (const [i, input] of [
    line(unit(BAITA, "人民政府"), "2010301", "30101", 1_520_000),
    line(unit(BAITA, "中心小学"), "2050202", "30101", 880_000),
    line(unit(BAITA, "卫生院"), "2100302", "30107", 390_000),
    line(unit(BAITA, "农业农村服务中心"), "2130122", "30213", 520_000, { expenditureKind: "project", projectId: baitaProject.id }),
  ].entries()) {
    const entered = await addLine(tx, budget2, baitaRound.id, input, dayOf(year - 1, 11, 12 + i));
    await reviewLine(tx, director2, entered.id, { decision: "accept" }, dayOf(year - 1, 12, 3 + i));
    baitaTotal += input.amountFen;
  }
  await seedRevenueSide(tx, budget2, baitaRound.id, baitaTotal, dayOf(year - 1, 12, 20));
  await approveRound(tx, director2, baitaRound.id, { session: "白塔镇第十八届人民代表大会第四次会议", resolutionNo: `白人大〔${year}〕1号`, resolvedOn: `${year}-01-14`, approvedTotalFen: baitaTotal }, january(14));
  await issueFromRound(tx, budget2, baitaRound.id, january(21));

  // ---- 青禾镇, next year: the budget being prepared, every request line still awaiting review
  const nextRound = await openRound(tx, budget, { regionCode: QINGHE, fiscalYear: year + 1 }, new Date(now.getTime() - 20 * 86_400_000));
  for (const [i, input] of [
    line(gov, "2010301", "30101", 1_920_000),
    line(gov, "2010301", "30201", 250_000),
    line(school, "2050202", "30101", 990_000),
    line(clinic, "2100302", "30107", 440_000),
    line(agri, "2130122", "30213", 800_000, project("高标准农田建设配套")),
  ].entries()) {
    await addLine(tx, clerk, nextRound.id, input, new Date(now.getTime() - (15 - i) * 86_400_000));
  }
  // Its revenue side so far, 40,000.00 short of what the reviews will leave (the browser flow adds the rest).
  await seedRevenueSide(tx, budget, nextRound.id, 3_900_000_00n, new Date(now.getTime() - 10 * 86_400_000));
}

/**
 * A township's revenue side (收入预算) for a draft whose expenditure is `expenditureFen`: own tax and
 * non-tax revenue by class, a remittance up (体制上解), and transfer revenue from above making up the
 * rest, so the draft balances.
 */
export async function seedRevenueSide(tx: Db, actor: Actor, roundId: string, expenditureFen: bigint, at: Date): Promise<void> {
  const own: [RevenueLineInput["kind"], string, bigint][] = [
    ["tax", "10101", expenditureFen * 18n / 100n],
    ["tax", "10106", expenditureFen * 3n / 100n],
    ["tax", "10109", expenditureFen * 2n / 100n],
    ["tax", "10119", expenditureFen * 6n / 100n],
    ["nonTax", "10304", expenditureFen * 2n / 100n],
    ["nonTax", "10307", expenditureFen * 3n / 100n],
  ];
  const remittanceFen = expenditureFen * 4n / 100n;
  const ownFen = own.reduce((sum, [, , fen]) => sum + fen, 0n);
  for (const [kind, revenueCode, amountFen] of own) await addRevenueLine(tx, actor, roundId, { kind, revenueCode, amountFen }, at);
  await addRevenueLine(tx, actor, roundId, { kind: "remittance", name: "体制上解", amountFen: remittanceFen }, at);
  await addRevenueLine(tx, actor, roundId, { kind: "transfer", revenueCode: "11002", amountFen: expenditureFen + remittanceFen - ownFen, note: "区对乡镇一般性转移支付（预计）" }, at);
}
