// Test helpers for fund supervision: indicators and payments made through the budget and treasury
// services (entered, reviewed, sent and paid by the bank like real ones), subsidy rosters, lines,
// payments and reference lists written straight into the tables (the rules only read them), people
// with generated resident IDs and cards, and a context to run one rule's query on a fixed day.
import { and, eq, sql } from "drizzle-orm";
import { formatYuan, maskBankCard, maskResidentId } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { encryptPersonal, residentIdBlindIndex, blindIndex } from "../platform/crypto.ts";
import { uuidv7 } from "../platform/ids.ts";
import { makeActor, type Actor, type RoleCode } from "../identity/index.ts";
import { budgetUnit } from "../org/index.ts";
import { issueIndicator } from "../budget/index.ts";
import { importCatalog, installDefaultCatalogs, lookupClassification } from "../catalog/index.ts";
import { createBankBatch, createPayment, getPayment, importBankResult } from "../treasury/index.ts";
import { transition } from "../flow/index.ts";
import { subsidyItem, subsidyLinePayment, subsidyRecipient, subsidyReferenceEntry, subsidyRoster, subsidyRosterLine } from "../subsidy/index.ts";
import { demoPayeeCreditCode } from "../budget/testFixtures.ts";
import { madeCard as generatedCard, madeResidentId as generatedResidentId } from "./people.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { TEST_NOW, TEST_YEAR } from "../../test/clock.ts";
import { thresholdsFor } from "./settings.ts";
import { runRules, townshipsIn } from "./runner.ts";
import { supervisionAlertObject } from "./tables.ts";
import { storeAttachment } from "../platform/attachments.ts";
import { RECTIFICATION_ATTACHMENT_OWNER } from "../rectification/index.ts";
import { finders } from "./finders.ts";
import type { RuleContext } from "./findCommon.ts";
import type { Finding, RuleCode } from "./rules.ts";

export const SHIQIAO = "329901105";
export const SHUANGHE = "329901106";
export const YANGJI = "329901107";
export const YEAR = 2026;

/** A China-time instant: "2026-03-05" is 10:00 that day in China. */
export const china = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+08:00`);

const actors = new Map<string, Actor>();
export function actorIn(regionCode: string, role: RoleCode): Actor {
  const key = `${regionCode}|${role}`;
  let actor = actors.get(key);
  if (!actor) {
    actor = makeActor({ id: uuidv7(), username: `t-${role}-${regionCode}`.toLowerCase(), displayName: `测试${role}`, regionCode }, [role]);
    actors.set(key, actor);
  }
  return actor;
}

async function ensureCatalog(tx: Db, year: number, at: Date): Promise<void> {
  if (await lookupClassification(tx, SHIQIAO, year, "functional", "2010301")) return;
  const admin = actorIn("329901000", "districtAdmin");
  if (!(await lookupClassification(tx, SHIQIAO, year, "functional", "201"))) await installDefaultCatalogs(tx, admin, year, at);
  await importCatalog(tx, admin, { fiscalYear: year, kind: "functional", rows: [{ line: 1, code: "20103", name: "政府办公厅（室）及相关机构事务" }, { line: 2, code: "2010301", name: "行政运行" }] }, at);
}

export async function unitOf(db: Db, regionCode: string, suffix = "人民政府"): Promise<{ id: string; name: string }> {
  const [unit] = await db.select({ id: budgetUnit.id, name: budgetUnit.name }).from(budgetUnit).where(and(eq(budgetUnit.regionCode, regionCode), eq(budgetUnit.status, "active"), sql`${budgetUnit.name} like ${`%${suffix}`}`));
  if (!unit) throw new Error(`no unit ${suffix} in ${regionCode}`);
  return unit;
}

let documentSeq = 1;
export async function indicator(db: Db, input: { regionCode: string; amountFen: bigint; at: Date; source?: "upperTransfer" | "approvedBudget"; economicCode?: string; unitSuffix?: string; year?: number }): Promise<string> {
  return db.transaction((tx) => issued(tx as unknown as Db, input));
}

async function issued(db: Db, input: Parameters<typeof indicator>[1]): Promise<string> {
  const year = input.year ?? YEAR;
  await ensureCatalog(db, year, input.at);
  const unit = await unitOf(db, input.regionCode, input.unitSuffix);
  const row = await issueIndicator(
    db,
    actorIn(input.regionCode, "generalBudgetAccountant"),
    { regionCode: input.regionCode, fiscalYear: year, documentNo: `测财〔${year}〕${documentSeq++}号`, source: input.source ?? "upperTransfer", budgetUnitId: unit.id, functionalCode: "2010301", economicCode: input.economicCode ?? "30201", fundNature: input.source === "approvedBudget" ? "generalBudget" : "upperTransfer", paymentMethod: "direct", summary: "测试经费", amountFen: input.amountFen },
    input.at,
  );
  return row.id;
}

export type Payee = { kind: "organisation"; name: string; creditCode: string } | { kind: "person"; name: string; residentId: string };
export const company = (n: number, name = `测试商贸有限公司${n}`): Payee => ({ kind: "organisation", name, creditCode: demoPayeeCreditCode(800 + n) });
export const person = (n: number, name = `张测${n}`): Payee => ({ kind: "person", name, residentId: personId(n) });
export const personId = (n: number) => generatedResidentId(`1970${String(1 + (n % 12)).padStart(2, "0")}15`, 500 + n);

/**
 * A payment request entered at `at`; with `paidAt` it is reviewed, sent and paid by the bank that day,
 * otherwise it stays at the unit's review (in flow).
 */
export async function payment(db: Db, input: { indicatorId: string; regionCode: string; payee: Payee; amountFen: bigint; at: Date; paidAt?: Date; attachments?: string[]; purpose?: string }): Promise<{ id: string; paymentNo: string }> {
  return db.transaction((tx) => entered(tx as unknown as Db, input));
}

async function entered(db: Db, input: Parameters<typeof payment>[1]): Promise<{ id: string; paymentNo: string }> {
  const clerk = actorIn(input.regionCode, "budgetUnitClerk");
  const payee = input.payee.kind === "organisation" ? { kind: "organisation" as const, name: input.payee.name, creditCode: input.payee.creditCode, account: "320100000000123", bank: "测试农商行" } : { kind: "person" as const, name: input.payee.name, residentId: input.payee.residentId, account: generatedCard(700), bank: "测试农商行" };
  const created = await createPayment(db, clerk, TEST_DATA_KEYS, { indicatorId: input.indicatorId, payee, amountFen: input.amountFen, purpose: input.purpose ?? "测试支付", method: "direct", attachments: input.attachments ?? ["发票.pdf"] }, input.at);
  if (input.paidAt) {
    const at = input.paidAt;
    await transition(db, actorIn(input.regionCode, "unitAccountant"), { instanceId: created.flowInstanceId!, action: "approve", expectedState: "unitReview" }, at);
    await transition(db, actorIn(input.regionCode, "generalBudgetAccountant"), { instanceId: created.flowInstanceId!, action: "approve", expectedState: "financeReview" }, at);
    const cashier = actorIn(input.regionCode, "cashier");
    await createBankBatch(db, cashier, { regionCode: input.regionCode, paymentIds: [created.id] }, at);
    const approved = await getPayment(db, cashier, created.id);
    await importBankResult(db, cashier, { regionCode: input.regionCode, content: ["支付凭证号,结果,金额,原因", `${approved.orderNo},成功,${approved.amount},`].join("\n") }, at);
  }
  return { id: created.id, paymentNo: created.paymentNo };
}

// ---------------------------------------------------------------- subsidies, written into the tables

export interface LineSpec {
  name: string;
  residentId: string;
  card?: string;
  amountFen?: bigint;
  villageCode?: string;
  household?: string;
  paidOn?: string;
  withdrawn?: boolean;
}

const cardIndexOf = (card: string) => blindIndex(TEST_DATA_KEYS, "bankCard", card);

/** A registered recipient (for households). */
export async function recipient(db: Db, regionCode: string, spec: LineSpec): Promise<void> {
  const card = spec.card ?? null;
  await db.insert(subsidyRecipient).values({
    regionCode,
    id: uuidv7(),
    villageCode: spec.villageCode ?? `${regionCode}201`,
    name: spec.name,
    residentIdSealed: encryptPersonal(TEST_DATA_KEYS, spec.residentId),
    residentIdIndex: residentIdBlindIndex(TEST_DATA_KEYS, spec.residentId),
    residentIdMasked: maskResidentId(spec.residentId),
    ...(card ? { cardSealed: encryptPersonal(TEST_DATA_KEYS, card), cardIndex: cardIndexOf(card), cardMasked: maskBankCard(card) } : {}),
    householdNo: spec.household ?? "",
  });
}

export async function item(db: Db, regionCode: string, code = "GDDLBH"): Promise<void> {
  await db.insert(subsidyItem).values({ regionCode, code, name: "耕地地力保护补贴", basis: "household", unit: "亩", standardFen: 10_550n, periodKind: "year", fundSource: "中央财政" }).onConflictDoNothing();
}

/** A roster with its lines; lines with `paidOn` are paid (one line payment each). */
export async function roster(db: Db, input: { regionCode: string; itemCode?: string; period: string; villageCode?: string | null; status: "draft" | "townshipReview" | "notice" | "districtReview" | "payment" | "closed" | "rejected"; noticeEndsOn?: string | null; lines: LineSpec[] }): Promise<{ id: string; lineIds: string[] }> {
  const id = uuidv7();
  const itemCode = input.itemCode ?? "GDDLBH";
  await item(db, input.regionCode, itemCode);
  const lines = input.lines.map((l, i) => {
    const card = l.card ?? generatedCard(9000 + i);
    return {
      regionCode: input.regionCode,
      rosterId: id,
      lineNo: i + 1,
      villageCode: l.villageCode ?? input.villageCode ?? `${input.regionCode}201`,
      villageName: "测试村",
      name: l.name,
      residentIdSealed: encryptPersonal(TEST_DATA_KEYS, l.residentId),
      residentIdIndex: residentIdBlindIndex(TEST_DATA_KEYS, l.residentId),
      residentIdMasked: maskResidentId(l.residentId),
      cardSealed: encryptPersonal(TEST_DATA_KEYS, card),
      cardIndex: cardIndexOf(card),
      cardMasked: maskBankCard(card),
      amountFen: l.amountFen ?? 50_000n,
      withdrawn: l.withdrawn ?? false,
    };
  });
  const total = lines.reduce((s, l) => s + l.amountFen, 0n);
  await db.insert(subsidyRoster).values({ regionCode: input.regionCode, id, villageCode: input.villageCode === undefined ? `${input.regionCode}201` : input.villageCode, itemCode, period: input.period, status: input.status, lineCount: lines.length, totalFen: total, noticeStartsOn: null, noticeEndsOn: input.noticeEndsOn ?? null, createdBy: uuidv7() });
  if (lines.length) await db.insert(subsidyRosterLine).values(lines);
  let reference = 1;
  for (const [i, l] of input.lines.entries()) {
    if (!l.paidOn) continue;
    await db.insert(subsidyLinePayment).values({ regionCode: input.regionCode, rosterId: id, lineNo: i + 1, referenceNo: `T${id.slice(-8)}${String(reference++).padStart(4, "0")}`, amountFen: lines[i]!.amountFen, paidOn: l.paidOn });
  }
  return { id, lineIds: lines.map((l) => `${id}:${l.lineNo}`) };
}

export async function listed(db: Db, regionCode: string, kind: "deceased" | "official" | "cadre", residentId: string, diedOn: string | null = null, name = ""): Promise<void> {
  await db.insert(subsidyReferenceEntry).values({ regionCode, kind, residentIdIndex: residentIdBlindIndex(TEST_DATA_KEYS, residentId), name, diedOn });
}

export const card = (n: number) => generatedCard(5000 + n);
export const fen = (yuan: number) => BigInt(Math.round(yuan * 100));
export const yuanText = formatYuan;

// ---------------------------------------------------------------- running one rule

export async function contextFor(db: Db, scopePrefix: string, today: string): Promise<RuleContext> {
  return { db, scopePrefix, today, thresholds: await thresholdsFor(db, await townshipsIn(db, scopePrefix)) };
}

/** One rule's findings over a scope on a day. */
export async function find(db: Db, rule: RuleCode, scopePrefix: string, today: string): Promise<Finding[]> {
  return finders[rule](await contextFor(db, scopePrefix, today));
}

/** The findings that name an object (e.g. one of this test's payments). */
export const naming = (findings: readonly Finding[], objectId: string) => findings.filter((f) => f.objects.some((o) => o.id === objectId));

// ---------------------------------------------------------------- scope probes

/** An alert of 白塔镇 and a rectification evidence file of 白塔镇, for the scope probes (scope.test.ts): raised by a real run. */
export async function supervisionScopeFixtures(db: Db): Promise<{ alertId: string; attachmentId: string }> {
  const BAITA = "329901102";
  const at = TEST_NOW;
  const ind = await indicator(db, { regionCode: BAITA, amountFen: 100_000_000n, at, year: TEST_YEAR });
  const paid = await payment(db, { indicatorId: ind, regionCode: BAITA, payee: company(99, "白塔镇建筑工程有限公司"), amountFen: 50_000_000n, at, attachments: [] });
  await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: BAITA, rules: ["LARGE_WITHOUT_ATTACHMENT"], trigger: "manual", actor: { id: null, name: "测试" } }, at, { wait: true }));
  const [object] = await db.select().from(supervisionAlertObject).where(and(eq(supervisionAlertObject.regionCode, BAITA), eq(supervisionAlertObject.objectId, paid.id)));
  if (!object) throw new Error("the 白塔镇 alert was not raised");
  const stored = await storeAttachment(db, { regionCode: BAITA, ownerKind: RECTIFICATION_ATTACHMENT_OWNER, fileName: "白塔镇整改材料.pdf", bytes: Buffer.from("%PDF-1.4 scope probe"), uploadedBy: uuidv7() }, at);
  return { alertId: object.alertId, attachmentId: stored.id };
}
