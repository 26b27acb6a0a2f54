// Demo data of the registers: 青禾镇's policy documents (one expiring within the month, one repealed),
// its tax sources with two years of monthly tax as the tax office exports it, and basic data of its
// villages for last year and this; 白塔镇 has its own policy documents, tax sources and basic data, so the
// district sees townships side by side and a new user of either township finds records to search.
import { creditCodeCheckChar } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { chinaDate } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { addDays } from "./rules.ts";
import { createPolicyDocument, updatePolicyDocument } from "./policy.ts";
import { importTaxPayments } from "./taxSources.ts";
import { saveBasicData } from "./basicData.ts";

export interface RegistersDemoContext {
  actor(username: string): Actor;
  now: Date;
}

const QINGHE = "329901101";
const BAITA = "329901102";

export function demoTaxpayerCode(category: "1" | "2", index: number): string {
  const first17 = `9${category}329901MC${String(index).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

export const DEMO_TAXPAYERS: { name: string; category: "1" | "2"; industry: string; monthly: Record<string, number> }[] = [
  { name: "青禾县宏达农机制造有限公司", category: "1", industry: "制造业", monthly: { 增值税: 86_000, 企业所得税: 32_000, 城市维护建设税: 4_300 } },
  { name: "青禾县绿源食品有限公司", category: "1", industry: "农副食品加工业", monthly: { 增值税: 54_000, 企业所得税: 18_500 } },
  { name: "江苏青禾建工集团有限公司", category: "1", industry: "建筑业", monthly: { 增值税: 41_000, 企业所得税: 15_000, 城市维护建设税: 2_050 } },
  { name: "青禾镇明达建材经营部", category: "2", industry: "批发和零售业", monthly: { 增值税: 2_400, 个人所得税: 600 } },
  { name: "青禾镇老街饭店", category: "2", industry: "住宿和餐饮业", monthly: { 增值税: 1_800 } },
];

/** 白塔镇's tax sources (codes 11 onwards, so they never meet 青禾镇's). */
export const DEMO_BAITA_TAXPAYERS: typeof DEMO_TAXPAYERS = [
  { name: "白塔镇恒昌水产养殖有限公司", category: "1", industry: "渔业", monthly: { 增值税: 23_000, 企业所得税: 7_600 } },
  { name: "江苏白塔精工模具有限公司", category: "1", industry: "制造业", monthly: { 增值税: 61_000, 企业所得税: 21_000, 城市维护建设税: 3_050 } },
  { name: "白塔镇惠民农资经营部", category: "2", industry: "批发和零售业", monthly: { 增值税: 1_500 } },
];

/** Two years of monthly tax, up to last month, as the tax office exports it (growth of about 8 %, a little seasonal swing). */
function demoTaxRows(taxpayers: typeof DEMO_TAXPAYERS, firstIndex: number, year: number, lastMonth: number) {
  const rows = [];
  let line = 2;
  for (const [i, t] of taxpayers.entries()) {
    const code = demoTaxpayerCode(t.category, firstIndex + i);
    for (const y of [year - 1, year]) {
      for (let m = 1; m <= (y === year ? lastMonth : 12); m++) {
        for (const [kind, base] of Object.entries(t.monthly)) {
          const amount = Math.round(base * (y === year ? 1.08 : 1) * (1 + ((m * 7 + i) % 5) / 50) * 100);
          rows.push({ row: line++, creditCode: code, name: t.name, month: `${y}-${String(m).padStart(2, "0")}`, taxKind: kind, amount: `${Math.floor(amount / 100)}.${String(amount % 100).padStart(2, "0")}`, industry: t.industry });
        }
      }
    }
  }
  return rows;
}

export async function seedRegistersDemo(tx: Db, context: RegistersDemoContext): Promise<void> {
  const today = chinaDate(context.now);
  const year = Number(today.slice(0, 4));
  const at = context.now;
  const budget = context.actor("budget");
  const policy = (documentNo: string, title: string, issuer: string, level: "central" | "province" | "city" | "district", issuedDate: string, subject: string, expiryDate: string | null, extra: { subsidyItemCodes?: string[]; functionalCodes?: string[] } = {}) =>
    createPolicyDocument(tx, budget, { regionCode: QINGHE, documentNo, title, issuer, level, issuedDate, subject, scope: "全镇", effectiveDate: issuedDate, expiryDate, subsidyItemCodes: extra.subsidyItemCodes ?? [], functionalCodes: extra.functionalCodes ?? [] }, at);
  await policy("财农〔2016〕26号", "财政部 农业部关于全面推开农业“三项补贴”改革工作的通知", "财政部 农业部", "central", "2016-04-18", "耕地地力保护补贴的补贴对象、依据和标准", null, { subsidyItemCodes: ["GDDLBH"], functionalCodes: ["2130135"] });
  await policy(`苏财债〔${year - 1}〕35号`, "关于加强乡镇政府债务管理的实施意见", "江苏省财政厅", "province", `${year - 1}-06-12`, "乡镇债务限额管理、风险预警和化解", `${year + 2}-06-30`, { functionalCodes: ["231", "232"] });
  await policy(`青财预〔${year}〕3号`, "青禾区乡镇财政资金支付管理办法", "青禾区财政局", "district", `${year}-01-15`, "国库集中支付、公务卡和资金支付审核", addDays(today, 20));
  await policy(`青财农〔${year}〕11号`, "青禾区农村公路养护补助资金管理办法", "青禾区财政局", "district", `${year}-03-02`, "农村公路养护补助标准和拨付程序", `${year + 1}-12-31`, { functionalCodes: ["2140106"] });
  const repealed = await policy(`青财农〔${year - 2}〕7号`, "青禾区农机购置补贴镇级配套暂行办法", "青禾区财政局", "district", `${year - 2}-05-10`, "农机购置镇级配套补助", `${year}-12-31`);
  await updatePolicyDocument(tx, budget, repealed.id, { status: "repealed", reason: `已被青财农〔${year}〕11号文件替代` }, at);

  // Two years of monthly tax, up to last month, as the tax office exports it.
  const lastMonth = Number(today.slice(5, 7)) - 1;
  const rows = demoTaxRows(DEMO_TAXPAYERS, 1, year, lastMonth);
  if (rows.length) await importTaxPayments(tx, budget, QINGHE, rows, at);

  // Basic data of the villages.
  const farmland = [3_260.5, 2_875.25, 4_102, 1_988.75];
  for (const [i, village] of ["201", "202", "203", "204"].entries()) {
    for (const y of [year - 1, year]) {
      const population = 2_100 + i * 380 + (y === year ? 15 : 0);
      await saveBasicData(tx, budget, { regionCode: `${QINGHE}${village}`, year: y, population, households: Math.round(population / 2.9), farmlandMu: String(farmland[i]), forestMu: String(120 + i * 35.5), otherBases: { 水面面积亩: String(40 + i * 12) } }, at);
    }
  }
  const budget2 = context.actor("budget2");
  const baitaRows = demoTaxRows(DEMO_BAITA_TAXPAYERS, 11, year, lastMonth);
  if (baitaRows.length) await importTaxPayments(tx, budget2, BAITA, baitaRows, at);
  const baitaPolicy = (documentNo: string, title: string, issuer: string, issuedDate: string, subject: string, expiryDate: string | null) =>
    createPolicyDocument(tx, budget2, { regionCode: BAITA, documentNo, title, issuer, level: "district", issuedDate, subject, scope: "全镇", effectiveDate: issuedDate, expiryDate, subsidyItemCodes: [], functionalCodes: [] }, at);
  await baitaPolicy(`青财农〔${year}〕5号`, "青禾区村级公益事业建设一事一议财政奖补资金管理办法", "青禾区财政局", `${year}-02-20`, "村级公益事业一事一议奖补标准和申报程序", `${year + 2}-12-31`);
  await baitaPolicy(`青政办〔${year - 1}〕18号`, "青禾区乡镇债务风险化解工作方案", "青禾区人民政府办公室", `${year - 1}-09-08`, "镇级隐性债务化解目标、资金来源和年度计划", null);
  for (const [i, village] of ["201", "202", "203", "204"].entries()) {
    await saveBasicData(tx, budget2, { regionCode: `329901102${village}`, year, population: 1_800 + i * 250, households: 650 + i * 80, farmlandMu: String(2_400 + i * 310.5), forestMu: "88", otherBases: {} }, at);
  }
}
