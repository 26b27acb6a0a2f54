// The personal part of the demo (registry, rosters in every state, a paid batch with a failed
// line), written with the deployment's data keys. Every person is generated: ID numbers with the
// fictional address code 329901 and Luhn-valid card numbers with a fictional bank prefix.
import ExcelJS from "exceljs";
import { and, eq, gte } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { chinaDate, chinaYear } from "../platform/workingDays.ts";
import { appUser, userRole, makeActor, type Actor, type RoleCode } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { budgetIndicator, issueIndicator } from "../budget/index.ts";
import { installDefaultCatalogs, lookupClassification } from "../catalog/index.ts";
import { generatedCard, generatedResidentId } from "./fixtures.ts";
import { createBatch, importBankResult } from "./payment.ts";
import { importReferenceList, saveRecipient } from "./registry.ts";
import { importRoster } from "./rosters.ts";
import { moveRoster, recordObjection } from "./rosterFlow.ts";
import { noteLine, setRosterIndicator } from "./rosterLines.ts";
import { referenceNo } from "./rules.ts";
import { subsidyBatch } from "./tables.ts";
import { workbookBuffer } from "../platform/sheetWriter.ts";

const TOWNSHIP = "329901101";
const DAY = 86_400_000;
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const given = ["建国", "秀兰", "桂英", "志强", "春梅", "海涛", "玉珍", "德明", "翠花", "永福", "淑芬", "国强"];
const villages = [
  { code: "329901101201", name: "东风村" },
  { code: "329901101202", name: "红旗村" },
  { code: "329901101203", name: "前进村" },
  { code: "329901101204", name: "幸福村" },
];

async function actor(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`demo user ${username} missing`);
  const roles = (await db.select().from(userRole).where(eq(userRole.userId, user.id))).map((r) => r.role as RoleCode);
  return makeActor(user, roles);
}

/** A one-sheet workbook of the given rows, as a roster or a reference list is uploaded. */
export async function sheet(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("清册");
  for (const r of rows) ws.addRow(r);
  return await workbookBuffer(workbook);
}

interface Person {
  n: number;
  name: string;
  id: string;
  card: string;
  village: (typeof villages)[number];
  mu: string;
}

const DEMO_SPOUSE_SURNAMES = "陈吴郑冯";
/** The resident ID of the demo spouse (not head of household) in the v-th village (0-3). */
export const demoSpouseId = (v: number) => generatedResidentId(`1956040${v + 1}`, 420 + v * 2);

const header = ["序号", "姓名", "身份证号", "银行卡号", "开户银行", "村（居）", "数量", "补贴标准", "补贴金额", "备注"];
const muFen = (mu: string, standardFen: bigint) => (standardFen * BigInt(mu.replace(".", "")) + 5n) / 10n;
const rosterRow = (p: Person, i: number, standardFen = 10_550n) => [String(i + 1), p.name, p.id, p.card, "青禾农商行", p.village.name, p.mu, formatYuan(standardFen), formatYuan(muFen(p.mu, standardFen)), ""];

/** An active indicator of 青禾镇 with room for the demo's payments: the budget demo's, or one issued here. */
async function demoIndicator(tx: Db, amountFen: bigint, at: Date): Promise<string | null> {
  const [existing] = await tx
    .select({ id: budgetIndicator.id })
    .from(budgetIndicator)
    .where(and(eq(budgetIndicator.regionCode, TOWNSHIP), eq(budgetIndicator.status, "active"), gte(budgetIndicator.availableFen, amountFen)))
    .limit(1);
  if (existing) return existing.id;
  try {
    // A savepoint: a failure here must not abort the seeding transaction.
    return await tx.transaction(async (raw) => issueDemoIndicator(raw as unknown as Db, amountFen, at));
  } catch {
    // Without the budget domain's catalogues the paid example is left out; the rest stays.
    return null;
  }
}

async function issueDemoIndicator(tx: Db, amountFen: bigint, at: Date): Promise<string | null> {
  {
    const year = chinaYear(at);
    if (!(await lookupClassification(tx, TOWNSHIP, year, "functional", "213"))) await installDefaultCatalogs(tx, await actor(tx, "admin"), year, at);
    const [unit] = await tx.select().from(budgetUnit).where(and(eq(budgetUnit.regionCode, TOWNSHIP), eq(budgetUnit.status, "active")));
    if (!unit) return null;
    const issued = await issueIndicator(tx, await actor(tx, "budget"), { regionCode: TOWNSHIP, fiscalYear: year, documentNo: `青财农〔${year}〕8号`, source: "upperTransfer", budgetUnitId: unit.id, functionalCode: "213", economicCode: "303", fundNature: "upperTransfer", paymentMethod: "direct", summary: "耕地地力保护补贴（中央转移支付）", amountFen }, at);
    return issued.id;
  }
}

export async function seedPersonalDemo(tx: Db, keys: DataKeys, now: Date): Promise<void> {
  const clerk = await actor(tx, "subsidy");
  const village = await actor(tx, "village");
  const director = await actor(tx, "director");
  const supervisor = await actor(tx, "supervisor");
  const cashier = await actor(tx, "cashier");

  const people: Person[] = [];
  for (const [v, vill] of villages.entries()) {
    for (let i = 0; i < 8; i++) {
      const n = v * 8 + i + 1;
      const birth = `19${45 + ((n * 7) % 40)}0${1 + (n % 9)}1${n % 9}`;
      people.push({ n, name: `${surnames[(n * 3) % surnames.length]}${given[n % given.length]}`, id: generatedResidentId(birth, 100 + n * 2 + (n % 2)), card: generatedCard(n), village: vill, mu: `${3 + (n % 9)}.${(n * 3) % 10}` });
    }
  }
  for (const p of people) {
    await saveRecipient(tx, clerk, keys, { regionCode: TOWNSHIP, villageCode: p.village.code, name: p.name, residentId: p.id, card: p.card, bankName: "青禾农商行", householdNo: String(p.n).padStart(4, "0"), headOfHousehold: true }, now);
  }
  // A spouse in each village's first household: registered with an own card, but not the head,
  // so a per-household item on the spouse's card is refused (CARD_NOT_HEAD).
  for (const [v, vill] of villages.entries()) {
    const head = people[v * 8]!;
    await saveRecipient(tx, clerk, keys, { regionCode: TOWNSHIP, villageCode: vill.code, name: `${DEMO_SPOUSE_SURNAMES[v]}秀英`, residentId: demoSpouseId(v), card: generatedCard(100 + v), bankName: "青禾农商行", householdNo: String(head.n).padStart(4, "0"), headOfHousehold: false }, now);
  }
  // One villager died this year; one is a village cadre.
  await importReferenceList(tx, clerk, keys, TOWNSHIP, "deceased", await sheet([["姓名", "身份证号"], [people[5]!.name, people[5]!.id]]), now);
  await importReferenceList(tx, clerk, keys, TOWNSHIP, "cadre", await sheet([["姓名", "身份证号"], [people[2]!.name, people[2]!.id]]), now);

  const inVillage = (code: string) => people.filter((p) => p.village.code === code && p.n !== 6);
  const move = async (who: Actor, rosterId: string, action: string, expectedState: string, at: Date, note?: string) => moveRoster(tx, who, rosterId, { action, expectedState, ...(note ? { note } : {}) }, at);

  // 东风村, 2026 耕地地力保护补贴: in public notice, with one objection recorded.
  const dongfeng = await importRoster(tx, village, keys, { itemCode: "GDDLBH", period: "2026", sourceName: "东风村2026年耕地地力保护补贴.xlsx" }, await sheet([header, ...inVillage("329901101201").map((p, i) => rosterRow(p, i))]), new Date(now.getTime() - 3 * DAY));
  const d = dongfeng.roster.id;
  await move(village, d, "submit", "draft", new Date(now.getTime() - 3 * DAY));
  await move(village, d, "villageApprove", "villageReview", new Date(now.getTime() - 3 * DAY));
  for (const f of dongfeng.findings.filter((x) => x.severity === "warning")) await noteLine(tx, clerk, dongfeng.roster.id, f.row, "村干部本人承包地，面积经核实无误", new Date(now.getTime() - 2 * DAY));
  await move(clerk, d, "townshipApprove", "townshipReview", new Date(now.getTime() - 2 * DAY));
  await recordObjection(tx, village, dongfeng.roster.id, { lineNo: 3, raisedBy: "村民（实名）", reason: "其承包地已流转给合作社，面积可能重复申报" }, new Date(now.getTime() - DAY));

  // 东风村's own work in the village user's to-do (我的待办): a 生态公益林补偿 roster being entered, and a
  // 农机购置补贴 roster submitted for the village's review.
  const year = String(chinaYear(now));
  const dongfengPeople = inVillage("329901101201");
  await importRoster(tx, village, keys, { itemCode: "STGYL", period: year, sourceName: "东风村生态公益林补偿（录入中）.xlsx" }, await sheet([header, ...dongfengPeople.slice(0, 4).map((p, i) => rosterRow(p, i, 1_600n))]), new Date(now.getTime() - DAY));
  const machines = await importRoster(tx, village, keys, { itemCode: "NJGZ", period: year, sourceName: "东风村农机购置补贴（第一批）.xlsx" }, await sheet([header, ...dongfengPeople.slice(4, 6).map((p, i) => [String(i + 1), p.name, p.id, p.card, "青禾农商行", p.village.name, "1", "3000.00", "3000.00", ""])]), new Date(now.getTime() - DAY));
  await move(village, machines.roster.id, "submit", "draft", new Date(now.getTime() - DAY));

  // 前进村: entered with planted errors, waiting for the village to correct it.
  const qianjin = inVillage("329901101203");
  const badRows = qianjin.map((p, i) => rosterRow(p, i));
  badRows[1]![1] = "";
  badRows[2]![2] = `${qianjin[2]!.id.slice(0, 17)}0` === qianjin[2]!.id ? `${qianjin[2]!.id.slice(0, 17)}1` : `${qianjin[2]!.id.slice(0, 17)}0`;
  badRows[3]![8] = "999.99";
  badRows.push(rosterRow(people[5]!, badRows.length));
  await importRoster(tx, clerk, keys, { villageCode: "329901101203", itemCode: "GDDLBH", period: "2026", sourceName: "前进村2026年耕地地力保护补贴（初报）.xlsx" }, await sheet([header, ...badRows]), now);

  // 幸福村, 生态公益林补偿 2026: waiting for the township's review.
  const xingfu = await importRoster(tx, clerk, keys, { villageCode: "329901101204", itemCode: "STGYL", period: "2026", sourceName: "幸福村生态公益林补偿.xlsx" }, await sheet([header, ...inVillage("329901101204").map((p, i) => rosterRow(p, i, 1_600n))]), now);
  await move(clerk, xingfu.roster.id, "submit", "draft", now);
  await move(clerk, xingfu.roster.id, "villageApprove", "villageReview", now);

  // 红旗村, 2026: reviewed, noticed, approved by the district and paid in one batch; one card failed.
  const hongqi = inVillage("329901101202");
  const totalFen = hongqi.reduce((s, p) => s + muFen(p.mu, 10_550n), 0n);
  const indicatorId = await demoIndicator(tx, totalFen * 4n, new Date(now.getTime() - 30 * DAY));
  const start = new Date(now.getTime() - 25 * DAY);
  const paid = await importRoster(tx, clerk, keys, { villageCode: "329901101202", itemCode: "GDDLBH", period: "2026", sourceName: "红旗村2026年耕地地力保护补贴.xlsx" }, await sheet([header, ...hongqi.map((p, i) => rosterRow(p, i))]), start);
  const h = paid.roster.id;
  await move(clerk, h, "submit", "draft", start);
  await move(clerk, h, "villageApprove", "villageReview", start);
  await move(director, h, "townshipApprove", "townshipReview", new Date(now.getTime() - 24 * DAY));
  await move(clerk, h, "endNotice", "notice", new Date(now.getTime() - 15 * DAY));
  if (!indicatorId) return;
  await setRosterIndicator(tx, clerk, paid.roster.id, indicatorId, new Date(now.getTime() - 15 * DAY));
  await move(supervisor, h, "districtApprove", "districtReview", new Date(now.getTime() - 14 * DAY));
  const batchAt = new Date(now.getTime() - 12 * DAY);
  const batch = await createBatch(tx, cashier, paid.roster.id, { bankCode: "RCB", kind: "first" }, batchAt);
  const [stored] = await tx.select().from(subsidyBatch).where(and(eq(subsidyBatch.regionCode, TOWNSHIP), eq(subsidyBatch.id, batch.id)));
  const paidOn = chinaDate(new Date(now.getTime() - 10 * DAY));
  const results = Array.from({ length: batch.lineCount }, (_, i) => ({
    referenceNo: referenceNo(stored!.batchNo, i + 1),
    outcome: i === 2 ? ("failed" as const) : ("paid" as const),
    reason: i === 2 ? "户名与账号不符" : "",
    paidOn: i === 2 ? null : paidOn,
  }));
  await importBankResult(tx, cashier, batch.id, results, new Date(now.getTime() - 10 * DAY));

  // 幸福村, 2026 耕地地力保护补贴: the notice is over, waiting for the district's review and payment.
  const xingfuPeople = inVillage("329901101204");
  const waiting = await importRoster(tx, clerk, keys, { villageCode: "329901101204", itemCode: "GDDLBH", period: "2026", sourceName: "幸福村2026年耕地地力保护补贴.xlsx" }, await sheet([header, ...xingfuPeople.map((p, i) => rosterRow(p, i))]), new Date(now.getTime() - 20 * DAY));
  const w = waiting.roster.id;
  await move(clerk, w, "submit", "draft", new Date(now.getTime() - 20 * DAY));
  await move(clerk, w, "villageApprove", "villageReview", new Date(now.getTime() - 20 * DAY));
  await move(director, w, "townshipApprove", "townshipReview", new Date(now.getTime() - 19 * DAY));
  await move(clerk, w, "endNotice", "notice", new Date(now.getTime() - 9 * DAY));
  await setRosterIndicator(tx, clerk, w, indicatorId, new Date(now.getTime() - 9 * DAY));
}
