// Demo data of fund supervision: real cases of every rule in 青禾镇 (made through the treasury,
// budget and subsidy services like the rest of the demo), found by a run of the rules when the demo
// is seeded, and alerts moved to several states: new (some already overdue), verified, being
// rectified, rectified awaiting closure, closed with an evidence file, and one false alarm that the
// district accepted and suppressed. Last month's reports are issued. The cases, by rule:
// - SPLIT_PAYMENT: two payments to one builder nine days apart, each under 50,000, together over it;
// - PERSONAL_ACCOUNT_LARGE: 68,000 to a person's account for labour;
// - LARGE_WITHOUT_ATTACHMENT: 130,000 for road repair entered without contract or invoice;
// - PAYEE_IS_STAFF: the cashier's own travel reimbursement (her resident ID recorded) — the false alarm;
// - YEAR_END_SURGE: the health centre paid 60% of last year in December;
// - CARD_SHARED: two elderly people of two households paid 高龄津贴 on one card;
// - DECEASED_PAID: an old man paid for a month after his death (the deceased list came later);
// - DUPLICATE_ACROSS_REGIONS: one old woman on the 高龄津贴 rosters of two villages;
// - IDLE_FUNDS and SUBSIDY_LATE: found in the budget and subsidy demo data as they stand.
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { creditCodeCheckChar, formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { invariant } from "../platform/errors.ts";
import { storeAttachment } from "../platform/attachments.ts";
import { chinaDate, chinaYear } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { setUserResidentId } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { issueIndicator } from "../budget/index.ts";
import { createBankBatch, createPayment, getPayment, importBankResult } from "../treasury/index.ts";
import { transition } from "../flow/index.ts";
import { RECTIFICATION_ATTACHMENT_OWNER, submitEvidence } from "../rectification/index.ts";
import { createBatch, importReferenceList, importRoster, importSubsidyBankResult, moveRoster, referenceNo, setRosterIndicator } from "../subsidy/index.ts";
import { madeCard, madeResidentId } from "./people.ts";
import { runRules, SYSTEM_NAME } from "./runner.ts";
import { issueMonthlyReports } from "./reports.ts";
import { addDays } from "./rules.ts";
import { supervisionAlert, supervisionAlertObject } from "./tables.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

const QINGHE = "329901101";
const DAY = 86_400_000;
/** A valid unified social credit code (authority 9, 市场监管) for a demo payee company. */
const creditCode = (n: number) => {
  const first17 = `91329901MA${String(3000 + n).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
};

export interface SupervisionDemoContext {
  actor(username: string): Actor;
  keys: DataKeys;
  now: Date;
}

/** The resident ID the demo records for the cashier 赵敏 (the PAYEE_IS_STAFF case). */
export const DEMO_CASHIER_ID = madeResidentId("19880514", 326);

const header = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];

async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("清册");
  for (const r of rows) ws.addRow(r);
  return await workbookBuffer(workbook);
}

export async function seedSupervisionDemo(tx: Db, context: SupervisionDemoContext): Promise<void> {
  const { now, keys } = context;
  const ago = (days: number, hour = 10) => new Date(now.getTime() - days * DAY - (10 - hour) * 3_600_000);
  const year = chinaYear(now);
  const a = context.actor;
  const [clerk, unitAccountant, budget, cashier, director, supervisor, subsidyClerk] = ["unitclerk", "unitacct", "budget", "cashier", "director", "supervisor", "subsidy"].map(a) as [Actor, Actor, Actor, Actor, Actor, Actor, Actor];

  const units = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, QINGHE), eq(budgetUnit.status, "active")));
  const unit = (suffix: string) => {
    const found = units.find((u) => u.name.endsWith(suffix));
    invariant(found, `demo unit ${suffix}`);
    return found.id;
  };
  const issue = (fiscalYear: number, unitId: string, summary: string, amountFen: bigint, at: Date) =>
    issueIndicator(tx, budget, { regionCode: QINGHE, fiscalYear, documentNo: `青财监〔${fiscalYear}〕${summary.length}${at.getTime() % 97}号`, source: "upperTransfer", budgetUnitId: unitId, functionalCode: "2010301", economicCode: "30299", fundNature: "upperTransfer", paymentMethod: "direct", summary, amountFen }, at);

  /** A payment entered by the unit clerk, reviewed by the unit and the office, and (unless stopped) paid by the bank. */
  const pay = async (indicatorId: string, payee: { kind: "organisation"; name: string; creditCode: string } | { kind: "person"; name: string; residentId: string; card: string }, amountFen: bigint, purpose: string, at: Date, options: { attachments?: string[]; paid?: boolean } = {}) => {
    const created = await createPayment(
      tx,
      clerk,
      keys,
      {
        indicatorId,
        payee: payee.kind === "organisation" ? { kind: "organisation", name: payee.name, creditCode: payee.creditCode, account: "320101000000458812", bank: "江苏青禾农村商业银行青禾支行" } : { kind: "person", name: payee.name, residentId: payee.residentId, account: payee.card, bank: "江苏青禾农村商业银行青禾支行" },
        amountFen,
        purpose,
        method: "direct",
        attachments: options.attachments ?? ["发票.pdf", "合同.pdf"],
      },
      at,
    );
    invariant(created.flowInstanceId, "a payment has its flow");
    await transition(tx, unitAccountant, { instanceId: created.flowInstanceId, action: "approve", expectedState: "unitReview" }, new Date(at.getTime() + 3_600_000));
    if (options.paid === false) return created.id;
    await transition(tx, budget, { instanceId: created.flowInstanceId, action: "approve", expectedState: "financeReview" }, new Date(at.getTime() + DAY));
    await createBankBatch(tx, cashier, { regionCode: QINGHE, paymentIds: [created.id] }, new Date(at.getTime() + DAY + 3_600_000));
    const ordered = await getPayment(tx, cashier, created.id);
    await importBankResult(tx, cashier, { regionCode: QINGHE, content: ["支付凭证号,结果,金额,原因", `${ordered.orderNo},成功,${ordered.amount},`].join("\n") }, new Date(at.getTime() + 2 * DAY));
    return created.id;
  };

  // ---- treasury cases
  const works = await issue(year, unit("人民政府"), "村组道路与环境整治（监管演示）", 2_000_000_00n, ago(70));
  const builder = { kind: "organisation" as const, name: "青禾县华宇建筑装饰有限公司", creditCode: creditCode(1) };
  const split1 = await pay(works.id, builder, 28_000_00n, "镇政府会议室维修（一期）", ago(24));
  const split2 = await pay(works.id, builder, 26_500_00n, "镇政府会议室维修（二期）", ago(15));
  const labour = await pay(works.id, { kind: "person", name: "钱志远", residentId: madeResidentId("19750322", 517), card: madeCard(901) }, 68_000_00n, "村道修缮劳务费（个人承包）", ago(22));
  const bare = await pay(works.id, { kind: "organisation", name: "青禾县通达路桥工程有限公司", creditCode: creditCode(2) }, 130_000_00n, "东风村机耕路修复工程款", ago(13), { attachments: [], paid: false });
  await setUserResidentId(tx, a("admin"), keys, cashier.userId, DEMO_CASHIER_ID, ago(19));
  const travel = await pay(works.id, { kind: "person", name: cashier.displayName, residentId: DEMO_CASHIER_ID, card: madeCard(902) }, 3_600_00n, "赴区财政局参加出纳业务培训差旅费报销", ago(18));

  // Last year: the health centre paid most of its money in December.
  // Spent in full, so last year's closing has nothing of it to carry over.
  const clinicLastYear = await issue(year - 1, unit("卫生院"), "基层医疗服务能力提升", 100_000_00n, new Date(`${year - 1}-01-15T10:00:00+08:00`));
  await pay(clinicLastYear.id, { kind: "organisation", name: "青禾县康华医疗器械有限公司", creditCode: creditCode(3) }, 40_000_00n, "诊疗设备采购（上半年）", new Date(`${year - 1}-06-10T10:00:00+08:00`));
  await pay(clinicLastYear.id, { kind: "organisation", name: "青禾县康华医疗器械有限公司", creditCode: creditCode(3) }, 60_000_00n, "诊疗设备采购（年底集中）", new Date(`${year - 1}-12-08T10:00:00+08:00`));

  // ---- subsidy cases: 高龄津贴 (GLJT, per person, monthly) for the month before last
  const periodDay = chinaDate(ago(45));
  const period = periodDay.slice(0, 7);
  const elder = (n: number, name: string, card: number, village: string) => ({ name, id: madeResidentId(`19${38 + (n % 6)}0${1 + (n % 9)}1${n % 9}`, 600 + n), card: madeCard(card), village });
  const sharedA = elder(1, "孙德福", 950, "幸福村");
  const sharedB = elder(2, "周桂兰", 950, "幸福村");
  const deceased = elder(3, "吴长贵", 951, "幸福村");
  const twice = elder(4, "郑秀珍", 952, "幸福村");
  const row = (p: ReturnType<typeof elder>, i: number) => [String(i + 1), p.name, p.id, p.card, "青禾农商行", p.village, "1", "100.00", "100.00", ""];
  const xingfu = await importRoster(tx, subsidyClerk, keys, { villageCode: "329901101204", itemCode: "GLJT", period, sourceName: `幸福村${period}高龄津贴.xlsx` }, await sheet([header, ...[sharedA, sharedB, deceased, twice].map(row)]), ago(45));
  const r = xingfu.roster.id;
  await moveRoster(tx, subsidyClerk, r, { action: "submit", expectedState: "draft" }, ago(45));
  await moveRoster(tx, subsidyClerk, r, { action: "villageApprove", expectedState: "villageReview" }, ago(45));
  await moveRoster(tx, director, r, { action: "townshipApprove", expectedState: "townshipReview" }, ago(44));
  await moveRoster(tx, subsidyClerk, r, { action: "endNotice", expectedState: "notice" }, ago(36));
  await setRosterIndicator(tx, subsidyClerk, r, works.id, ago(36));
  await moveRoster(tx, supervisor, r, { action: "districtApprove", expectedState: "districtReview" }, ago(35));
  const batch = await createBatch(tx, cashier, r, { bankCode: "RCB", kind: "first" }, ago(34));
  await importSubsidyBankResult(tx, cashier, batch.id, Array.from({ length: batch.lineCount }, (_, i) => ({ referenceNo: referenceNo(batch.batchNo, i + 1), outcome: "paid" as const, reason: "", paidOn: chinaDate(ago(32)) })), ago(32));
  // The civil affairs office's list came after the payment: he died the month before.
  await importReferenceList(tx, subsidyClerk, keys, QINGHE, "deceased", await sheet([["姓名", "身份证号", "死亡日期"], [deceased.name, deceased.id, addDays(`${period}-01`, -3)]]), ago(20));
  // 前进村 put the same old woman on its own roster for the same month.
  const qianjin = await importRoster(tx, subsidyClerk, keys, { villageCode: "329901101203", itemCode: "GLJT", period, sourceName: `前进村${period}高龄津贴.xlsx` }, await sheet([header, row({ ...twice, village: "前进村" }, 0), row(elder(5, "冯玉英", 953, "前进村"), 1)]), ago(12));
  await moveRoster(tx, subsidyClerk, qianjin.roster.id, { action: "submit", expectedState: "draft" }, ago(12));

  // 红旗村's roster of an earlier month: noticed, reported to the district, and left there unpaid.
  const earlier = chinaDate(ago(80)).slice(0, 7);
  const dongfeng = await importRoster(tx, subsidyClerk, keys, { villageCode: "329901101202", itemCode: "GLJT", period: earlier, sourceName: `红旗村${earlier}高龄津贴.xlsx` }, await sheet([header, row(elder(6, "王福海", 954, "红旗村"), 0), row(elder(7, "李翠英", 955, "红旗村"), 1)]), ago(60));
  const d = dongfeng.roster.id;
  await moveRoster(tx, subsidyClerk, d, { action: "submit", expectedState: "draft" }, ago(60));
  await moveRoster(tx, subsidyClerk, d, { action: "villageApprove", expectedState: "villageReview" }, ago(60));
  await moveRoster(tx, director, d, { action: "townshipApprove", expectedState: "townshipReview" }, ago(58));
  await moveRoster(tx, subsidyClerk, d, { action: "endNotice", expectedState: "notice" }, ago(50));

  // ---- the run that finds them, nine days ago
  await runRules(tx, { scopePrefix: "329901", trigger: "demo", actor: { id: null, name: SYSTEM_NAME }, keys }, ago(9), { wait: true });
  const alertNaming = async (objectId: string) => {
    const [o] = await tx.select().from(supervisionAlertObject).where(and(eq(supervisionAlertObject.regionCode, QINGHE), eq(supervisionAlertObject.objectId, objectId)));
    invariant(o, `the demo case ${objectId} raised an alert`);
    const [alert] = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, QINGHE), eq(supervisionAlert.id, o.alertId)));
    invariant(alert?.flowInstanceId, "a demo alert has an owner");
    return alert;
  };
  const move = (who: Actor, alert: { flowInstanceId: string | null }, action: string, from: string, note: string, at: Date) => transition(tx, who, { instanceId: alert.flowInstanceId!, action, note, expectedState: from }, at);
  /** The alert as it stands now (planning the measures hands it to its rectification task's flow). */
  const reread = async (alert: { id: string }) => {
    const [now] = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, QINGHE), eq(supervisionAlert.id, alert.id)));
    invariant(now?.rectificationTaskId, "a demo alert being rectified has its task");
    return { ...now, rectificationTaskId: now.rectificationTaskId };
  };

  // Being rectified: the split payments.
  const split = await alertNaming(split1);
  void split2;
  await move(director, split, "confirm", "verifying", "经核实，会议室维修系同一工程分两次签约付款，未按规定集体研究。", ago(8));
  await move(director, split, "startRectification", "verified", "补办集体研究手续，修订小额工程审批办法，对经办人谈话提醒。", ago(7));
  // Verified, waiting for its plan: the labour paid to a person.
  await move(director, await alertNaming(labour), "confirm", "verifying", "劳务费直接支付给个人包工头，须补充劳务合同和用工名册。", ago(8));
  // Closed with evidence: the road repair entered without contract or invoice.
  const road = await alertNaming(bare);
  await move(director, road, "confirm", "verifying", "工程款申请未附施工合同和发票。", ago(8));
  await move(director, road, "startRectification", "verified", "要求施工单位补交合同和发票后再审核支付。", ago(7));
  const evidence = await storeAttachment(tx, { regionCode: QINGHE, ownerKind: RECTIFICATION_ATTACHMENT_OWNER, fileName: "机耕路修复工程施工合同.pdf", bytes: Buffer.from("%PDF-1.4\n% 青禾镇东风村机耕路修复工程施工合同（演示）\n%%EOF\n"), uploadedBy: director.userId }, ago(5));
  const roadTask = await reread(road);
  await submitEvidence(tx, director, roadTask.rectificationTaskId, { evidence: "已补附施工合同和增值税发票，支付申请按补正后的材料重新审核。", attachmentIds: [evidence.id] }, ago(5));
  await move(supervisor, roadTask, "close", "verifying", "材料齐全，整改到位，同意销号。", ago(3));
  // The false alarm: the cashier's own travel reimbursement.
  const own = await alertNaming(travel);
  await move(director, own, "dismiss", "verifying", "系出纳本人参加区财政局培训的差旅费报销，有出差审批单和车票、住宿发票，属正常报销。", ago(8));
  // Accepting it suppresses the payment for 180 days, with this note as the reason.
  await move(supervisor, own, "acceptFalseAlarm", "falseAlarmProposed", "核对出差审批单和票据属实，系本单位职工差旅费报销，非利益输送，同意按误报处理。", ago(6));
  // Rectified, waiting for the district to close it: the payment after death.
  // The roster's lines are numbered by spreadsheet row: find the case by its rule.
  const [late] = await tx.select().from(supervisionAlert).where(and(eq(supervisionAlert.regionCode, QINGHE), eq(supervisionAlert.ruleCode, "DECEASED_PAID")));
  invariant(late?.flowInstanceId, "the payment after death was found");
  await move(director, late, "confirm", "verifying", "经村委会核实，吴长贵已于上月去世，家属未及时报告。", ago(8));
  await move(director, late, "startRectification", "verified", "停发高龄津贴，追回多发金额，村委会加强死亡人员信息报送。", ago(7));
  await submitEvidence(tx, director, (await reread(late)).rectificationTaskId, { evidence: `已停发，并由家属退回多发的高龄津贴 ${formatYuan(100_00n)} 元（收据附后）。` }, ago(4));

  // Last month's reports to the township governments and the district.
  await issueMonthlyReports(tx, now);
}
