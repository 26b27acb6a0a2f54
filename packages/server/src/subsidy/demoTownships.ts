// Demo subsidies in the district's other townships, so the district's rosters by stage and its
// payment views list all fourteen: each township but 青禾镇 (demoPersonal.ts) runs one item — 耕地地力
// 保护补贴 in the towns, 高龄津贴 in the streets (街道) — with one roster paid to the cards through the
// agency bank (closed in half of them) and a second at a stage that varies by township, from the
// village's entry to the district's review. Everyone is generated (demoPersonal.ts's conventions:
// IDs with the fictional address code 329901 and born on days 20-28 of a month, so they meet no one
// of 青禾镇; Luhn-valid cards with a fictional bank prefix), deterministically by township.
import { and, asc, eq } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { invariant } from "../platform/errors.ts";
import { region } from "../platform/regionTable.ts";
import { chinaDate, chinaYear } from "../platform/workingDays.ts";
import type { Actor } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { issueIndicator } from "../budget/index.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { createItem } from "./items.ts";
import { createBatch, importBankResult } from "./payment.ts";
import { importRoster } from "./rosters.ts";
import { moveRoster } from "./rosterFlow.ts";
import { setRosterIndicator } from "./rosterLines.ts";
import { referenceNo } from "./rules.ts";
import { sheet } from "./demoPersonal.ts";

const QINGHE = "329901101";
const DAY = 86_400_000;
/** The paid roster's indicator is issued so many days ago, in the usual story; its payment follows. */
const INDICATOR_DAYS_AGO = 50;
/** The paid roster's notice ends so many days ago; its money is handled after that. */
const NOTICE_ENDED_DAYS_AGO = 33;
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const given = ["桂兰", "德福", "玉兰", "长林", "凤英", "振华", "金花", "守仁", "秀珍", "家宝", "月娥", "立新"];
const header = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];

export interface TownshipsSubsidyDemoContext {
  actor(username: string): Actor;
  keys: DataKeys;
  now: Date;
  townships: readonly { code: string; name: string; staff: { director: string; budget: string; cashier: string; subsidy: string } }[];
}

/** The stage the second roster of the k-th township is left at. */
const secondStages = ["draft", "villageReview", "townshipReview", "notice", "districtReview"] as const;

export async function seedTownshipsSubsidyDemo(tx: Db, context: TownshipsSubsidyDemoContext): Promise<void> {
  const { now, keys } = context;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const year = chinaYear(now);
  // The paid roster is paid from an indicator of this year, so its money — the indicator's issue,
  // the district's approval that reserves on it, the bank batch, the payment and the closing — lies
  // inside this year. In the year's first weeks (even at 00:00 on 1 January in China) those steps
  // shrink, in order, into the time since both the year began and the roster's notice ended, never
  // before 1 January and never after now; the roster may have been entered and publicised in
  // December. A township whose last year is closed (白塔镇, finalAccounts/demo.ts) thus never pays in it.
  const yearStart = Date.UTC(year, 0, 1, -8);
  const usual = ago(INDICATOR_DAYS_AGO).getTime() >= yearStart;
  const moneyFrom = Math.max(yearStart, ago(NOTICE_ENDED_DAYS_AGO).getTime());
  const inYear = (days: number) => (usual ? ago(days) : new Date(now.getTime() - Math.round((days / INDICATOR_DAYS_AGO) * (now.getTime() - moneyFrom))));
  const supervisor = context.actor("supervisor");
  let person = 0;
  for (const [k, t] of context.townships.entries()) {
    if (t.code === QINGHE) continue;
    const clerk = context.actor(t.staff.subsidy);
    const director = context.actor(t.staff.director);
    const street = t.name.endsWith("街道");
    const item = street
      ? { code: "GLJT", name: "高龄津贴", basis: "person" as const, unit: "月", standardFen: 10_000n, periodKind: "month" as const, fundSource: "区级财政", functionalCode: "208", economicCode: "303" }
      : { code: "GDDLBH", name: "耕地地力保护补贴", basis: "household" as const, unit: "亩", standardFen: 10_550n, periodKind: "year" as const, fundSource: "中央财政", functionalCode: "213", economicCode: "303" };
    await createItem(tx, clerk, { regionCode: t.code, ...item }, ago(60));
    const villages = await tx.select({ code: region.regionCode, name: region.name }).from(region).where(and(eq(region.parentCode, t.code), eq(region.level, "village"))).orderBy(asc(region.regionCode));
    invariant(villages.length >= 2, `demo villages of ${t.name}`);
    const period = street ? chinaDate(inYear(40)).slice(0, 7) : String(year);
    /** A roster's rows for so many people of a village: a month of 高龄津贴, or the farmland in mu. */
    const rows = (village: { name: string }, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const n = ++person;
        const birth = street ? `19${30 + (n % 15)}0${1 + (n % 9)}2${n % 9}` : `19${45 + ((n * 7) % 40)}0${1 + (n % 9)}2${n % 9}`;
        const mu = `${2 + ((n * 5) % 11)}.${(n * 7) % 10}`;
        const amountFen = street ? item.standardFen : (item.standardFen * BigInt(mu.replace(".", "")) + 5n) / 10n;
        return [String(i + 1), `${surnames[(n * 7) % surnames.length]}${given[n % given.length]}`, generatedResidentId(birth, 300 + n), generatedCard(2000 + n), "青禾农商行", village.name, street ? "1" : mu, formatYuan(item.standardFen), formatYuan(amountFen), ""];
      });
    const move = (who: Actor, rosterId: string, action: string, expectedState: string, at: Date) => moveRoster(tx, who, rosterId, { action, expectedState }, at);
    /** Imports a roster for a village, `start` days ago, and moves it up to the given stage (the clerk enters for the village). */
    const roster = async (village: { code: string; name: string }, count: number, stage: (typeof secondStages)[number] | "payment", start: number) => {
      const lines = rows(village, count);
      const imported = await importRoster(tx, clerk, keys, { villageCode: village.code, itemCode: item.code, period, sourceName: `${village.name}${period}${item.name}.xlsx` }, await sheet([header, ...lines]), ago(start));
      const id = imported.roster.id;
      const steps: [Actor, string, string, number][] = [
        [clerk, "submit", "draft", start],
        [clerk, "villageApprove", "villageReview", start - 1],
        [director, "townshipApprove", "townshipReview", start - 2],
        [clerk, "endNotice", "notice", start - 12],
      ];
      for (const [who, action, from, day] of steps) {
        if (from === stage) return id;
        await move(who, id, action, from, ago(day));
      }
      return id;
    };

    // The paid roster: the first village, paid about four weeks ago (but inside this year) from a transfer from above.
    const paidId = await roster(villages[0]!, 4 + (k % 3), "payment", NOTICE_ENDED_DAYS_AGO + 12);
    const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, t.code), eq(budgetUnit.name, `${t.name}${street ? "人民政府" : "农业农村服务中心"}`)));
    invariant(unit, `the unit paying ${item.name} in ${t.name}`);
    const indicator = await issueIndicator(tx, context.actor(t.staff.budget), { regionCode: t.code, fiscalYear: year, documentNo: `青财农〔${year}〕${20 + k}号`, source: "upperTransfer", budgetUnitId: unit.id, functionalCode: item.functionalCode, economicCode: item.economicCode, fundNature: "upperTransfer", paymentMethod: "direct", summary: `${item.name}（上级转移支付）`, amountFen: 20_000_00n }, inYear(INDICATOR_DAYS_AGO));
    await setRosterIndicator(tx, clerk, paidId, indicator.id, inYear(32));
    await move(supervisor, paidId, "districtApprove", "districtReview", inYear(31));
    const batch = await createBatch(tx, context.actor(t.staff.cashier), paidId, { bankCode: "RCB", kind: "first" }, inYear(30));
    const paidOn = chinaDate(inYear(28));
    const results = Array.from({ length: batch.lineCount }, (_, i) => ({ referenceNo: referenceNo(batch.batchNo, i + 1), outcome: "paid" as const, reason: "", paidOn }));
    await importBankResult(tx, context.actor(t.staff.cashier), batch.id, results, inYear(28));
    if (k % 2 === 0) await move(clerk, paidId, "close", "payment", inYear(27));

    // The second roster: the second village, at a stage that varies by township (started two weeks ago).
    await roster(villages[1]!, 3 + (k % 2), secondStages[k % secondStages.length]!, 14);
  }
}
