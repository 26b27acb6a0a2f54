// Demo data of the park credit programme (财园信贷通) of 青禾区: three cooperating banks with their
// risk compensation fund (one topped up, one after a withdrawal), loans to park enterprises in every
// state — performing, repaid, one past due not yet reported, one overdue, one in default, one
// compensated from the fund and partly recovered — over last year and this. Through the services.
import { creditCodeCheckChar } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { addMonthsClamped } from "./schedule.ts";
import { compensateLoan, createBank, grantLoan, markLoan, moveFund, recoverLoan, repayLoan } from "./parkCredit.ts";

export interface ParkCreditDemoContext {
  actor(username: string): Actor;
  now: Date;
}

/** A valid credit code for a demo park enterprise (authority 9, category 1: an enterprise). */
export function demoParkEnterpriseCode(index: number): string {
  const first17 = `91329901MP${String(index).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export const DEMO_PARK_ENTERPRISES = [
  "青禾县恒通电子科技有限公司",
  "青禾县禾丰米业有限公司",
  "青禾县锦程纺织有限公司",
  "青禾县新锐精密机械有限公司",
  "青禾县绿康生物科技有限公司",
  "青禾县鑫达包装材料有限公司",
  "青禾县顺安物流有限公司",
  "青禾县华泰新材料有限公司",
];

export async function seedParkCreditDemo(tx: Db, context: ParkCreditDemoContext): Promise<void> {
  const at = context.now;
  const today = chinaDate(at);
  const year = Number(today.slice(0, 4));
  const supervisor = context.actor("supervisor");
  const ago = (months: number) => addMonthsClamped(today, -months);
  const nong = await createBank(tx, supervisor, { name: "青禾农村商业银行", agreementNo: `青财金〔${year - 1}〕2号`, fundSharePercent: "80", contact: "信贷部 王经理" }, at);
  const jian = await createBank(tx, supervisor, { name: "中国建设银行青禾支行", agreementNo: `青财金〔${year - 1}〕3号`, fundSharePercent: "70", contact: "普惠金融部 李经理" }, at);
  const you = await createBank(tx, supervisor, { name: "邮储银行青禾支行", agreementNo: `青财金〔${year}〕1号`, fundSharePercent: "80", contact: "小企业金融部 赵经理" }, at);
  await moveFund(tx, supervisor, nong.id, { kind: "deposit", amount: "3000000.00", date: ago(22), documentNo: `青财金〔${year - 1}〕8号`, note: "首期风险补偿金" }, at);
  await moveFund(tx, supervisor, nong.id, { kind: "deposit", amount: "1000000.00", date: ago(4), documentNo: `青财金〔${year}〕6号`, note: "补充风险补偿金" }, at);
  await moveFund(tx, supervisor, jian.id, { kind: "deposit", amount: "2000000.00", date: ago(22), documentNo: `青财金〔${year - 1}〕9号`, note: "首期风险补偿金" }, at);
  await moveFund(tx, supervisor, you.id, { kind: "deposit", amount: "1500000.00", date: ago(8), documentNo: `青财金〔${year}〕2号`, note: "首期风险补偿金" }, at);
  await moveFund(tx, supervisor, you.id, { kind: "withdrawal", amount: "500000.00", date: ago(2), documentNo: `青财金〔${year}〕9号`, note: "按协议调减存放额度" }, at);

  let n = 0;
  const loan = async (bankId: string, amount: string, startDate: string, termMonths: number, annualRate: string, parkName = "青禾工业园") => {
    n++;
    return grantLoan(tx, supervisor, { bankId, loanNo: `CYXD-${startDate.slice(0, 4)}-${String(n).padStart(3, "0")}`, enterpriseName: DEMO_PARK_ENTERPRISES[n - 1]!, creditCode: demoParkEnterpriseCode(n), parkName, amount, startDate, termMonths, annualRate }, at);
  };
  // Repaid on time.
  const repaid = await loan(nong.id, "3000000.00", ago(20), 12, "4.35");
  await repayLoan(tx, supervisor, repaid.id, { amount: "3000000.00", date: addMonthsClamped(repaid.startDate, 12), note: "到期还清" }, at);
  // Performing, partly repaid.
  const performing = await loan(nong.id, "5000000.00", ago(7), 24, "4.20");
  await repayLoan(tx, supervisor, performing.id, { amount: "800000.00", date: ago(1), note: "按合同分期还本" }, at);
  await loan(jian.id, "4000000.00", ago(5), 12, "3.95", "青禾农产品加工园");
  // Past its due date, not yet reported overdue by the bank.
  await loan(jian.id, "1200000.00", ago(13), 12, "4.35");
  // Overdue.
  const overdue = await loan(you.id, "2000000.00", ago(12), 11, "4.50", "青禾农产品加工园");
  await markLoan(tx, supervisor, overdue.id, "overdue", { date: ago(0), note: "银行报告：到期未还，已催收" }, at);
  // In default.
  const defaulted = await loan(nong.id, "1500000.00", ago(16), 12, "4.35");
  await repayLoan(tx, supervisor, defaulted.id, { amount: "300000.00", date: ago(10), note: "部分还本" }, at);
  await markLoan(tx, supervisor, defaulted.id, "overdue", { date: addMonthsClamped(defaulted.startDate, 12), note: "到期未还" }, at);
  await markLoan(tx, supervisor, defaulted.id, "default", { date: ago(1), note: "逾期超过 90 天，银行认定违约，申请代偿" }, at);
  // Compensated from the fund, then partly recovered.
  const compensated = await loan(jian.id, "1000000.00", ago(20), 12, "4.35");
  await markLoan(tx, supervisor, compensated.id, "overdue", { date: addMonthsClamped(compensated.startDate, 12), note: "到期未还" }, at);
  await markLoan(tx, supervisor, compensated.id, "default", { date: ago(6), note: "企业停产，银行认定违约" }, at);
  await compensateLoan(tx, supervisor, compensated.id, { date: ago(5), documentNo: `青财金〔${year}〕4号`, note: "经区财政局审核同意代偿" }, at);
  await recoverLoan(tx, supervisor, compensated.id, { recovered: "400000.00", date: ago(1), documentNo: `青财金〔${year}〕11号`, note: "处置抵押设备收回" }, at);
  await loan(you.id, "800000.00", ago(3), 12, "3.85");
}
