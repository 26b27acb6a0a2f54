// Demo data of budget performance, through the services (flows, audit chain and scores are real):
// - targets for every project line the budget demo enters (accepted, so its reviews pass "no target,
//   no budget"; the returned 农机 line's targets returned too), and 青禾镇中心小学's unit-wide targets;
// - monitoring of this year's trees for the three months through last month, the last report with one red and one blue
//   indicator (the red one opening an adjustment proposal), and the congress reviewer's questions;
// - last year's evaluations in 青禾镇 (优, 良, 中, a policy, and one self-evaluated project waiting for
//   the finance office) and 白塔镇 (one 差 project, whose line in 白塔镇's next-year budget, still
//   awaiting review, must be cut at least 20%);
// - rectification tasks: one open from the red indicator, one closed, one open from the 差 grade.
import { and, eq } from "drizzle-orm";
import { expectedValue, formatFraction, fraction, parseFraction, type TargetLevel2 } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { invariant } from "../platform/errors.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { transition } from "../flow/index.ts";
import { addLine, assessProject, createProject, openRound, type BudgetLineInput } from "../budget/index.ts";
import { submitEvidence } from "../rectification/index.ts";
import { chinaYearMonth } from "./common.ts";
import { addNote, answerNote } from "./congress.ts";
import { createEvaluation, recordRound } from "./evaluation.ts";
import { saveMonitoring } from "./monitoring.ts";
import { openPerformanceRectification } from "./rectifications.ts";
import { createSheet, type IndicatorInput } from "./targets.ts";
import type { performanceTargetSheet } from "./tables.ts";

const QINGHE = "329901101";
const BAITA = "329901102";
const DAY = 86_400_000;
const dayOf = (year: number, month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour - 8));

export interface PerformanceDemoContext {
  actor(username: string): Actor;
  now: Date;
}

/** What the budget demo tells about a project line it entered (budget/demo.ts ProjectLineEntered). */
export interface DemoProjectLine {
  regionCode: string;
  fiscalYear: number;
  projectId: string;
  projectName: string;
  budgetUnitId: string;
  enteredBy: Actor;
  at: Date;
}

type Row = [TargetLevel2, string, string, IndicatorInput["direction"], string, string, boolean];
const tree = (rows: Row[]): IndicatorInput[] => rows.map(([level2, name, unit, direction, target, weight, accumulates]) => ({ level2, name, unit, direction, target, weight, accumulates }));

/** Target trees of the demo's projects (weights: output 50, effect 30, satisfaction 10, execution 10). */
const projectTrees: Record<string, { goal: string; indicators: IndicatorInput[] }> = {
  集镇环境整治提升: {
    goal: "完成集镇主街道路面修复和雨污分流改造，建立长效保洁机制，集镇环境卫生明显改善。",
    indicators: tree([
      ["quantity", "修复集镇道路面积", "平方米", ">=", "12000", "20", true],
      ["quantity", "雨污分流管网长度", "米", ">=", "3600", "15", true],
      ["timeliness", "工程按期完工率", "%", ">=", "100", "5", false],
      ["cost", "工程总造价", "万元", "<=", "45", "10", true],
      ["social", "集镇环境卫生达标率", "%", ">=", "95", "15", false],
      ["sustainable", "建立长效保洁机制", "项", "=", "1", "15", false],
      ["serviceRecipient", "集镇居民满意度", "%", ">=", "90", "10", false],
    ]),
  },
  高标准农田建设配套: {
    goal: "配套建设高标准农田，完善灌排渠系和机耕路，提高粮食综合生产能力。",
    indicators: tree([
      ["quantity", "建成高标准农田面积", "亩", ">=", "3000", "20", true],
      ["quantity", "新建灌排渠道", "公里", ">=", "12", "15", true],
      ["quality", "工程验收合格率", "%", ">=", "100", "5", false],
      ["cost", "亩均镇级配套资金", "元/亩", "<=", "220", "10", false],
      ["economic", "亩均增产粮食", "公斤", ">=", "50", "20", false],
      ["sustainable", "工程设计使用年限", "年", ">=", "15", "10", false],
      ["serviceRecipient", "受益农户满意度", "%", ">=", "90", "10", false],
    ]),
  },
  农机购置补助配套: {
    goal: "对购置大中型农机的农户给予镇级配套补助，提高农业机械化水平。",
    indicators: tree([
      ["quantity", "补助农机台数", "台", ">=", "60", "30", true],
      ["cost", "单台补助标准", "元", "<=", "3000", "20", false],
      ["economic", "农机作业面积增加", "亩", ">=", "5000", "30", false],
      ["serviceRecipient", "购机农户满意度", "%", ">=", "90", "10", false],
    ]),
  },
  农田水利设施维修: {
    goal: "维修老化泵站和渠道，保障农田灌溉。",
    indicators: tree([
      ["quantity", "维修泵站", "座", ">=", "6", "25", true],
      ["quantity", "清淤渠道", "公里", ">=", "20", "15", true],
      ["cost", "维修总费用", "万元", "<=", "52", "10", true],
      ["economic", "恢复有效灌溉面积", "亩", ">=", "4000", "30", false],
      ["serviceRecipient", "受益群众满意度", "%", ">=", "90", "10", false],
    ]),
  },
  镇村道路养护: {
    goal: "对镇村公路开展日常养护和病害处治，保持路况良好。",
    indicators: tree([
      ["quantity", "养护镇村道路里程", "公里", ">=", "85", "25", true],
      ["quality", "优良路率", "%", ">=", "80", "15", false],
      ["cost", "每公里养护费用", "元", "<=", "3500", "10", false],
      ["social", "道路安全事故起数", "起", "<=", "2", "30", false],
      ["serviceRecipient", "沿线群众满意度", "%", ">=", "90", "10", false],
    ]),
  },
};

const genericTree = (name: string) => ({
  goal: `按计划实施${name}，发挥资金使用效益。`,
  indicators: tree([
    ["quantity", "完成建设任务", "项", ">=", "4", "30", true],
    ["timeliness", "按期完成率", "%", ">=", "100", "20", false],
    ["social", "受益群众人数", "人", ">=", "3000", "30", false],
    ["serviceRecipient", "群众满意度", "%", ">=", "90", "10", false],
  ]),
});

async function acceptedSheet(tx: Db, enteredBy: Actor, reviewer: Actor, input: { regionCode: string; fiscalYear: number; subjectKind: "project" | "unit" | "policy"; subjectRef: string; subjectName?: string; goal: string; indicators: IndicatorInput[] }, at: Date, outcome: "accept" | "return" = "accept") {
  const sheet = await createSheet(tx, enteredBy, { regionCode: input.regionCode, fiscalYear: input.fiscalYear, subjectKind: input.subjectKind, subjectRef: input.subjectRef, subjectName: input.subjectName, overallGoal: input.goal, indicators: input.indicators, submit: true }, at);
  invariant(sheet.flowInstanceId, "a submitted sheet has its flow");
  const later = new Date(at.getTime() + 2 * 3_600_000);
  if (outcome === "accept") await transition(tx, reviewer, { instanceId: sheet.flowInstanceId, action: "accept", note: "绩效目标明确、可衡量，与预算相匹配。", expectedState: "submitted" }, later);
  else await transition(tx, reviewer, { instanceId: sheet.flowInstanceId, action: "return", note: "产出指标未细化到补助对象，请补充补助台数测算依据后重新提交。", expectedState: "submitted" }, later);
  return sheet;
}

/** Called by the budget demo for each project line it enters: the project's targets for that year. */
export function demoTargetsForLine(context: PerformanceDemoContext) {
  return async (tx: Db, line: DemoProjectLine): Promise<void> => {
    const reviewer = line.regionCode === BAITA ? context.actor("director2") : context.actor("budget");
    const spec = projectTrees[line.projectName] ?? genericTree(line.projectName);
    const outcome = line.projectName === "农机购置补助配套" ? "return" : "accept";
    await acceptedSheet(tx, line.enteredBy, reviewer, { regionCode: line.regionCode, fiscalYear: line.fiscalYear, subjectKind: "project", subjectRef: line.projectId, goal: spec.goal, indicators: spec.indicators }, line.at, outcome);
  };
}

/** An actual value at `percent` of the expected value for a month, to 2 decimals. */
function actualAt(indicator: IndicatorInput, month: number, percent: number): string {
  const expected = expectedValue(parseFraction(indicator.target)!, indicator.accumulates, month);
  if (indicator.direction === "=") return percent >= 60 ? indicator.target : "0";
  // For ≤ the colour reads expected ÷ actual: "percent" of the way means actual = expected × 100 ÷ percent.
  const value = indicator.direction === "<=" ? fraction(expected.n * 100n, expected.d * BigInt(percent)) : fraction(expected.n * BigInt(percent), expected.d * 100n);
  return formatFraction(value, 2);
}

export async function seedPerformanceDemo(tx: Db, context: PerformanceDemoContext): Promise<void> {
  const { now } = context;
  const { year, month } = chinaYearMonth(now);
  const clerk = context.actor("unitclerk");
  const budget = context.actor("budget");
  const congress = context.actor("congress");
  const budget2 = context.actor("budget2");
  const director2 = context.actor("director2");
  // Moments this year that have passed (the demo may be seeded on any day, even 1 January).
  // Early in January the moments further back than the year's start are spread, in the same order,
  // between 00:00 on 1 January in China and now: never in the previous year, never after now.
  const yearStart = dayOf(year, 1, 1, 0).getTime();
  const sinceYearStart = Math.max(0, now.getTime() - yearStart);
  const past = (daysAgo: number) => new Date(Math.max(now.getTime() - daysAgo * DAY, yearStart + Math.floor((sinceYearStart * (100 - Math.min(daysAgo, 99))) / 100)));
  const units = await tx.select().from(budgetUnit).where(eq(budgetUnit.status, "active"));
  const unit = (regionCode: string, suffix: string) => {
    const found = units.find((u) => u.regionCode === regionCode && u.name.endsWith(suffix));
    invariant(found, `demo unit ${suffix}`);
    return found;
  };
  const sheetsOf = async (regionCode: string, fiscalYear: number) => {
    const { performanceTargetSheet: t } = await import("./tables.ts");
    return tx.select().from(t).where(and(eq(t.regionCode, regionCode), eq(t.fiscalYear, fiscalYear)));
  };

  // ---- 青禾镇: 中心小学's unit-wide targets for this year
  const school = unit(QINGHE, "中心小学");
  const schoolTree = tree([
    ["quantity", "在校学生人数", "人", ">=", "860", "15", false],
    ["quantity", "教师培训人次", "人次", ">=", "120", "15", true],
    ["quality", "义务教育巩固率", "%", ">=", "99", "10", false],
    ["cost", "生均公用经费支出", "元", "<=", "900", "10", true],
    ["social", "学生体质健康达标率", "%", ">=", "92", "30", false],
    ["serviceRecipient", "家长满意度", "%", ">=", "90", "10", false],
  ]);
  await acceptedSheet(tx, clerk, budget, { regionCode: QINGHE, fiscalYear: year, subjectKind: "unit", subjectRef: school.id, goal: "保障学校正常运转，提高教育教学质量，学生体质健康水平稳步提升。", indicators: schoolTree }, dayOf(year - 1, 11, 20));

  // ---- monitoring of this year's trees through last month (in January: nothing yet this year)
  const thisYear = (await sheetsOf(QINGHE, year)).filter((s) => s.status === "accepted");
  const plans: { sheet: typeof performanceTargetSheet.$inferSelect; indicators: IndicatorInput[]; percents: (last: boolean, no: number) => number }[] = [];
  for (const s of thisYear) {
    const indicators = s.subjectKind === "unit" ? schoolTree : (projectTrees[s.subjectName] ?? genericTree(s.subjectName)).indicators;
    if (s.subjectName === "集镇环境整治提升") plans.push({ sheet: s, indicators, percents: (last, no) => (last && no === 1 ? 135 : last && no === 2 ? 45 : no === 2 ? 72 : 95) });
    else plans.push({ sheet: s, indicators, percents: (_last, no) => (no % 3 === 0 ? 88 : no % 3 === 1 ? 102 : 76) });
  }
  let lastRedReport: string | null = null;
  // The last three months are enough to show the trend (and keep the demo seed fast).
  for (let m = Math.max(1, month - 3); m < month; m++) {
    for (const plan of plans) {
      const last = m === month - 1;
      const values = plan.indicators.map((indicator, i) => {
        const percent = plan.percents(last, i + 1);
        const red = percent < 60;
        return { indicatorNo: i + 1, actual: actualAt(indicator, m, percent), ...(red ? { reason: "管材供应商延期交货，雨污分流管网铺设滞后于计划。", measure: "更换供货单位并增加一个施工班组，计划两个月内追回进度。" } : {}) };
      });
      const report = await saveMonitoring(tx, clerk, plan.sheet.id, { month: m, values, note: last ? "按月填报" : "" }, past((month - m) * 28 - 5 > 0 ? (month - m) * 28 - 5 : 1));
      if (report.redCount > 0 && last) lastRedReport = report.id;
    }
  }

  // ---- the congress package: a question answered, an opinion awaiting the finance office's answer
  const environment = thisYear.find((s) => s.subjectName === "集镇环境整治提升");
  if (environment) {
    const question = await addNote(tx, congress, { regionCode: QINGHE, fiscalYear: year, sheetId: environment.id, kind: "question", body: "集镇环境整治提升项目“建立长效保洁机制”指标如何考核？保洁经费从哪里安排？" }, dayOf(year - 1, 12, 28));
    await answerNote(tx, budget, question.id, "以镇政府出台保洁管理办法并与保洁公司签订三年服务合同为完成标志；保洁经费列入次年公用经费预算。", dayOf(year - 1, 12, 30));
  }
  await addNote(tx, congress, { regionCode: QINGHE, fiscalYear: year, kind: "opinion", body: "建议对金额较大的项目增加季度绩效监控情况报告，向人大财经小组通报。" }, past(3));

  // ---- last year in 青禾镇: trees, accepted, then evaluated (the platform came after: execution as entered)
  const gov = unit(QINGHE, "人民政府");
  const agri = unit(QINGHE, "农业农村服务中心");
  const lastYear = year - 1;
  const newProject = async (owner: typeof gov, name: string, functionalCode: string, plannedYuan: number, enteredBy: Actor, assessor: Actor) => {
    const p = await createProject(tx, enteredBy, { regionCode: owner.regionCode, budgetUnitId: owner.id, name, category: "infrastructure", description: `${name}（${lastYear} 年实施）。`, functionalCode, plannedTotalFen: BigInt(plannedYuan) * 100n, startYear: lastYear, endYear: lastYear }, dayOf(lastYear - 1, 9, 10));
    await assessProject(tx, assessor, p.id, { scores: { necessity: 17, economy: 15, target: 16, feasibility: 16, financing: 16 }, conclusion: "予以支持。", assessor: "财政所事前绩效评估小组", assessedOn: `${lastYear - 1}-10-15` }, dayOf(lastYear - 1, 10, 15));
    return p;
  };
  const roads = await newProject(gov, "村内道路硬化（一期）", "2120501", 380_000, clerk, budget);
  const water = await newProject(agri, "农村饮水安全巩固提升", "2130122", 260_000, clerk, budget);
  const waste = await newProject(gov, "集镇垃圾转运设施更新", "2120501", 150_000, clerk, budget);
  const lastTree = (name: string) => genericTree(name);
  const lastSheet = async (project: { id: string; name: string }) => acceptedSheet(tx, clerk, budget, { regionCode: QINGHE, fiscalYear: lastYear, subjectKind: "project", subjectRef: project.id, goal: lastTree(project.name).goal, indicators: lastTree(project.name).indicators }, dayOf(lastYear - 1, 11, 12));
  const roadsSheet = await lastSheet(roads);
  const waterSheet = await lastSheet(water);
  const wasteSheet = await lastSheet(waste);
  const schoolLast = await acceptedSheet(tx, clerk, budget, { regionCode: QINGHE, fiscalYear: lastYear, subjectKind: "unit", subjectRef: school.id, goal: "保障学校正常运转，提高教育教学质量。", indicators: schoolTree }, dayOf(lastYear - 1, 11, 20));
  const policyIndicators = tree([
    ["quantity", "完成农村户厕改造", "户", ">=", "400", "30", true],
    ["quantity", "村庄保洁覆盖率", "%", ">=", "100", "20", false],
    ["ecological", "生活垃圾无害化处理率", "%", ">=", "90", "30", false],
    ["serviceRecipient", "农户满意度（问卷调查）", "%", ">=", "90", "10", false],
  ]);
  const policyLast = await acceptedSheet(tx, clerk, budget, { regionCode: QINGHE, fiscalYear: lastYear, subjectKind: "policy", subjectRef: "农村人居环境整治提升行动", subjectName: "农村人居环境整治提升行动", goal: "改善农村人居环境，完成户厕改造和村庄保洁全覆盖。", indicators: policyIndicators }, dayOf(lastYear - 1, 11, 25));

  const values = (actuals: string[]) => actuals.map((actual, i) => ({ indicatorNo: i + 1, actual }));
  const evaluate = async (sheetId: string, execution: [number, number], self: string[], finance: string[] | null, at: Date, who: { unit: Actor; office: Actor } = { unit: clerk, office: budget }, conclusion = "项目按计划实施，资金使用规范。") => {
    const created = await createEvaluation(tx, who.unit, { sheetId, execution: { issuedFen: BigInt(execution[0]) * 100n, paidFen: BigInt(execution[1]) * 100n }, evaluator: `${who.unit.displayName}（单位自评）`, conclusion, values: values(self) }, at);
    if (finance) await recordRound(tx, who.office, created.id, { round: "finance", evaluator: "财政所绩效评价小组", conclusion: `复核${conclusion}`, problems: "", values: values(finance), complete: true }, new Date(at.getTime() + 5 * DAY));
    return created;
  };
  // 良: execution 98%, most indicators met.
  await evaluate(roadsSheet.id, [380_000, 372_400], ["4", "100", "3100", "92"], ["4", "80", "2000", "88"], past(70));
  // 优: every indicator met, money fully spent.
  await evaluate(waterSheet.id, [260_000, 260_000], ["4", "100", "3300", "95"], ["4", "100", "3200", "94"], past(68));
  // 中: the school's unit-wide result; its problems become a rectification task, closed since.
  const schoolEvaluation = await evaluate(schoolLast.id, [1_050_000, 1_012_000], ["852", "118", "99.2", "960", "85", "91"], ["852", "70", "98.1", "1080", "50", "70"], past(66), { unit: clerk, office: budget }, "学校运转正常，部分质量和效益指标未达到目标。");
  // A policy evaluated with a satisfaction survey.
  await evaluate(policyLast.id, [1_200_000, 1_080_000], ["380", "100", "88", "91"], ["340", "100", "70", "89"], past(64), { unit: clerk, office: budget }, "户厕改造基本完成，保洁机制运转正常。");
  // Self-evaluated, waiting for the finance office (the browser flow completes it).
  await evaluate(wasteSheet.id, [150_000, 141_000], ["4", "100", "3200", "90"], null, past(10));

  const schoolTask = await openPerformanceRectification(tx, budget, { sourceKind: "performanceEvaluation", sourceId: schoolEvaluation.id, category: "targetNotMet", title: "学生体质健康达标率未达目标", description: "上年度学生体质健康达标率 50%，低于 92% 的目标；教师培训人次未完成。", responsiblePerson: "吴强", deadlineOn: formatDay(past(55 - 40)) }, past(55));
  await submitEvidence(tx, clerk, schoolTask.id, { evidence: "已增加每天一小时校园体育活动，配备专职体育教师 2 名，下半年体测达标率提高到 86%。" }, past(40));
  invariant(schoolTask.flowInstanceId, "a task has its flow");
  await transition(tx, budget, { instanceId: schoolTask.flowInstanceId, action: "close", note: "经现场核实，整改措施落实，予以销号。", expectedState: "verifying" }, past(38));
  if (lastRedReport) {
    await openPerformanceRectification(tx, budget, { sourceKind: "performanceMonitoring", sourceId: lastRedReport, category: "executionSlow", title: "雨污分流管网铺设进度滞后", description: "监控红灯：雨污分流管网长度仅完成序时进度的 45%。", responsiblePerson: "吴强", deadlineOn: formatDay(new Date(now.getTime() + 30 * DAY)) }, past(2));
  }

  // ---- 白塔镇: last year's 差 project, its rectification, and next year's budget with its line
  const baitaRoads = unit(BAITA, "人民政府");
  const upkeep = await newProject(baitaRoads, "镇村道路养护", "2120501", 300_000, budget2, director2);
  const upkeepSpec = projectTrees["镇村道路养护"]!;
  const upkeepSheet = await acceptedSheet(tx, budget2, director2, { regionCode: BAITA, fiscalYear: lastYear, subjectKind: "project", subjectRef: upkeep.id, goal: upkeepSpec.goal, indicators: upkeepSpec.indicators }, dayOf(lastYear - 1, 11, 14));
  const poor = await evaluate(upkeepSheet.id, [300_000, 195_000], ["70", "66", "3900", "3", "80"], ["58", "52", "4600", "5", "72"], past(62), { unit: budget2, office: director2 }, "养护里程和优良路率均未达到目标，资金支付进度慢。");
  await openPerformanceRectification(tx, director2, { sourceKind: "performanceEvaluation", sourceId: poor.id, category: "executionSlow", title: "道路养护资金支付进度慢、养护里程不足", description: `${lastYear} 年度道路养护资金仅支付 65%，养护里程 58 公里，未完成 85 公里的目标。`, responsiblePerson: "高明", deadlineOn: formatDay(new Date(now.getTime() + 45 * DAY)) }, past(50));
  const nextRound = await openRound(tx, budget2, { regionCode: BAITA, fiscalYear: year + 1 }, past(20));
  const baitaLine = (budgetUnitId: string, functionalCode: string, economicCode: string, yuan: number, extra: Partial<BudgetLineInput> = {}): BudgetLineInput => ({ budgetUnitId, expenditureKind: "basic", functionalCode, economicCode, fundNature: "generalBudget", paymentMethod: "direct", amountFen: BigInt(yuan) * 100n, ...extra });
  await addLine(tx, budget2, nextRound.id, baitaLine(baitaRoads.id, "2010301", "30101", 1_580_000), past(15));
  await addLine(tx, budget2, nextRound.id, baitaLine(baitaRoads.id, "2120501", "30213", 300_000, { expenditureKind: "project", projectId: upkeep.id }), past(14));
  await acceptedSheet(tx, budget2, director2, { regionCode: BAITA, fiscalYear: year + 1, subjectKind: "project", subjectRef: upkeep.id, goal: upkeepSpec.goal, indicators: upkeepSpec.indicators }, past(13));
}

const formatDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
