// Proves the rules over indicators and treasury payments on real data made through the budget and
// treasury services: each fires on its case, stays quiet one day outside its window or one fen on the
// safe side of its threshold, follows a township's own threshold, and sees only the run's scope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { putSetting } from "../platform/settings.ts";
import { appUser } from "../identity/index.ts";
import { residentIdBlindIndex, encryptPersonal } from "../platform/crypto.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { china, company, fen, find, indicator, listed, naming, payment, person, personId, SHIQIAO, SHUANGHE, unitOf, YANGJI } from "./testKit.ts";
import { TEST_NOW } from "../../test/clock.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database?.close());

const db = () => database.db;

describe("SPLIT_PAYMENT", () => {
  const ids: Record<string, string[]> = {};
  beforeAll(async () => {
    const ind = await indicator(db(), { regionCode: SHIQIAO, amountFen: fen(10_000_000), at: china("2026-01-05") });
    const pay = async (key: string, payee: Parameters<typeof payment>[1]["payee"], yuan: number, date: string, paid = false) => {
      const p = await payment(db(), { indicatorId: ind, regionCode: SHIQIAO, payee, amountFen: fen(yuan), at: china(date), ...(paid ? { paidAt: china(date, 15) } : {}) });
      (ids[key] ??= []).push(p.id);
    };
    // Two payments 30 days apart, together exactly the threshold: fires.
    await pay("fire", company(1), 30_000, "2026-03-01", true);
    await pay("fire", company(1), 20_000, "2026-03-31");
    // 31 days apart: one day outside the window.
    await pay("late", company(2), 30_000, "2026-04-01");
    await pay("late", company(2), 20_000, "2026-05-02");
    // One fen under the threshold together.
    await pay("short", company(3), 30_000, "2026-04-01");
    await pay("short", company(3), 19_999.99, "2026-04-05");
    // A payment at the threshold is not "below" it: approved as a large one, not a split.
    await pay("whole", company(4), 50_000, "2026-04-01");
    await pay("whole", company(4), 10_000, "2026-04-02");
    // Three to one person (the same resident ID), chained inside the window.
    await pay("person", person(1), 20_000, "2026-06-01");
    await pay("person", person(1), 15_000, "2026-06-20");
    await pay("person", person(1), 15_000, "2026-06-30");
  });

  it("fires for payments to one payee each below the threshold that reach it together within the window", async () => {
    const findings = await find(db(), "SPLIT_PAYMENT", SHIQIAO, "2026-07-31");
    const [hit] = naming(findings, ids.fire![0]!);
    expect(hit).toMatchObject({ rule: "SPLIT_PAYMENT", regionCode: SHIQIAO, amountFen: fen(50_000) });
    expect(hit!.objects.map((o) => o.id).sort()).toEqual([...ids.fire!].sort());
    expect(hit!.message).toContain("30 天内收到 2 笔支付");
    const [chained] = naming(findings, ids.person![0]!);
    expect(chained!.objects.map((o) => o.id)).toEqual(ids.person);
    expect(chained!.amountFen).toBe(fen(50_000));
  });

  it("stays quiet one day outside the window, one fen under the threshold, and for a payment at the threshold", async () => {
    const findings = await find(db(), "SPLIT_PAYMENT", SHIQIAO, "2026-07-31");
    for (const key of ["late", "short", "whole"]) expect(naming(findings, ids[key]![0]!), key).toEqual([]);
  });

  it("follows the township's own approval threshold, set by the district", async () => {
    await putSetting(db(), SHIQIAO, "supervision.splitPayment.approvalThreshold", "49999.99", null, TEST_NOW);
    const findings = await find(db(), "SPLIT_PAYMENT", SHIQIAO, "2026-07-31");
    expect(naming(findings, ids.short![0]!)).toHaveLength(1);
    await putSetting(db(), SHIQIAO, "supervision.splitPayment.windowDays", 31, null, TEST_NOW);
    expect(naming(await find(db(), "SPLIT_PAYMENT", SHIQIAO, "2026-07-31"), ids.late![0]!)).toHaveLength(1);
    await putSetting(db(), SHIQIAO, "supervision.splitPayment.approvalThreshold", "50000.00", null, TEST_NOW);
    await putSetting(db(), SHIQIAO, "supervision.splitPayment.windowDays", 30, null, TEST_NOW);
  });

  it("sees only the run's scope: another township's run does not, the district's does", async () => {
    expect(naming(await find(db(), "SPLIT_PAYMENT", SHUANGHE, "2026-07-31"), ids.fire![0]!)).toEqual([]);
    expect(naming(await find(db(), "SPLIT_PAYMENT", "329901", "2026-07-31"), ids.fire![0]!)).toHaveLength(1);
  });
});

describe("PERSONAL_ACCOUNT_LARGE and LARGE_WITHOUT_ATTACHMENT", () => {
  const id: Record<string, string> = {};
  beforeAll(async () => {
    const ind = await indicator(db(), { regionCode: SHUANGHE, amountFen: fen(10_000_000), at: china("2026-01-05") });
    const aid = await indicator(db(), { regionCode: SHUANGHE, amountFen: fen(1_000_000), at: china("2026-01-05"), economicCode: "303" });
    const pay = async (key: string, payee: Parameters<typeof payment>[1]["payee"], yuan: number, extra: { indicatorId?: string; attachments?: string[] } = {}) => {
      id[key] = (await payment(db(), { indicatorId: extra.indicatorId ?? ind, regionCode: SHUANGHE, payee, amountFen: fen(yuan), at: china("2026-05-10"), ...(extra.attachments ? { attachments: extra.attachments } : {}) })).id;
    };
    await pay("personAbove", person(10), 50_000.01);
    await pay("personAt", person(11), 50_000);
    await pay("personAid", person(12), 80_000, { indicatorId: aid });
    await pay("companyLarge", company(10), 80_000);
    await pay("bareAbove", company(11), 100_000.01, { attachments: [] });
    await pay("bareAt", company(12), 100_000, { attachments: [] });
    await pay("documented", company(13), 200_000, { attachments: ["合同.pdf"] });
  });

  it("flags a payment to a person's account one fen above the threshold, not at it, not aid to persons, not to a company", async () => {
    const findings = await find(db(), "PERSONAL_ACCOUNT_LARGE", SHUANGHE, "2026-05-31");
    expect(naming(findings, id.personAbove!)).toHaveLength(1);
    expect(naming(findings, id.personAbove!)[0]!.message).toContain("50,000.01");
    for (const key of ["personAt", "personAid", "companyLarge"]) expect(naming(findings, id[key]!), key).toEqual([]);
    expect(naming(await find(db(), "PERSONAL_ACCOUNT_LARGE", SHIQIAO, "2026-05-31"), id.personAbove!)).toEqual([]);
  });

  it("flags a large payment with no attachment one fen above the threshold, not at it, not with a contract", async () => {
    const findings = await find(db(), "LARGE_WITHOUT_ATTACHMENT", SHUANGHE, "2026-05-31");
    expect(naming(findings, id.bareAbove!)).toHaveLength(1);
    for (const key of ["bareAt", "documented"]) expect(naming(findings, id[key]!), key).toEqual([]);
    expect(naming(await find(db(), "LARGE_WITHOUT_ATTACHMENT", SHIQIAO, "2026-05-31"), id.bareAbove!)).toEqual([]);
    expect(naming(await find(db(), "LARGE_WITHOUT_ATTACHMENT", "329901", "2026-05-31"), id.bareAbove!)).toHaveLength(1);
  });
});

describe("YEAR_END_SURGE", () => {
  // Last year's: the demo pays this year's wages in every township, 杨集镇 too.
  beforeAll(async () => {
    const pays = async (unitSuffix: string, december: number) => {
      const ind = await indicator(db(), { regionCode: YANGJI, amountFen: fen(1_000_000), at: china("2025-01-05"), unitSuffix, year: 2025 });
      await payment(db(), { indicatorId: ind, regionCode: YANGJI, payee: company(20), amountFen: fen(40_000), at: china("2025-03-10"), paidAt: china("2025-03-11") });
      await payment(db(), { indicatorId: ind, regionCode: YANGJI, payee: company(20), amountFen: fen(30_000), at: china("2025-11-10"), paidAt: china("2025-11-30", 23) });
      await payment(db(), { indicatorId: ind, regionCode: YANGJI, payee: company(20), amountFen: fen(december), at: china("2025-11-30"), paidAt: china("2025-12-01", 0) });
    };
    await pays("人民政府", 30_000);
    await pays("中心小学", 30_000.01);
  });

  it("fires when December is above the share of the year, not when exactly at it, and counts December in China time", async () => {
    const findings = await find(db(), "YEAR_END_SURGE", YANGJI, "2025-12-31");
    const school = await unitOf(db(), YANGJI, "中心小学");
    const government = await unitOf(db(), YANGJI, "人民政府");
    const [hit] = findings.filter((f) => f.objects[0]!.id === `${school.id}:2025`);
    expect(hit).toMatchObject({ amountFen: fen(30_000.01), regionCode: YANGJI });
    expect(hit!.message).toContain("超过 30%");
    // The evidence is the unit's own December payments only (not the government's, paid the same night).
    expect(hit!.evidence.items.map((i) => i.amount)).toEqual(["30000.01"]);
    expect(findings.filter((f) => f.objects[0]!.id === `${government.id}:2025`)).toEqual([]);
    expect((await find(db(), "YEAR_END_SURGE", SHIQIAO, "2025-12-31")).filter((f) => f.regionCode === YANGJI)).toEqual([]);
  });
});

describe("IDLE_FUNDS", () => {
  const id: Record<string, string> = {};
  const TOWN = "329901108";
  beforeAll(async () => {
    for (const [key, paidOn] of [["paidSixMonthsAgo", "2026-03-30"], ["paidADayLater", "2026-03-31"]] as const) {
      id[key] = await indicator(db(), { regionCode: TOWN, amountFen: fen(100_000), at: china("2026-01-10") });
      await payment(db(), { indicatorId: id[key]!, regionCode: TOWN, payee: company(30), amountFen: fen(1_000), at: china(paidOn, 9), paidAt: china(paidOn) });
    }
    id.transferOld = await indicator(db(), { regionCode: TOWN, amountFen: fen(50_000), at: china("2026-08-30") });
    id.transferAtLimit = await indicator(db(), { regionCode: TOWN, amountFen: fen(50_000), at: china("2026-08-31") });
    id.spent = await indicator(db(), { regionCode: TOWN, amountFen: fen(1_000), at: china("2026-01-05") });
    await payment(db(), { indicatorId: id.spent!, regionCode: TOWN, payee: company(31), amountFen: fen(1_000), at: china("2026-01-06"), paidAt: china("2026-01-06") });
  });

  it("fires when the last payment is six months back or more, and for a transfer unused for more than 30 days", async () => {
    const findings = await find(db(), "IDLE_FUNDS", TOWN, "2026-09-30");
    expect(naming(findings, id.paidSixMonthsAgo!)[0]!.message).toContain("最后一笔支付在 2026-03-30");
    expect(naming(findings, id.transferOld!)[0]!.message).toContain("31 天未使用");
    expect(naming(findings, id.transferOld!)[0]!.amountFen).toBe(fen(50_000));
  });

  it("stays quiet a day short of six months, at exactly 30 days, and when nothing is left", async () => {
    const findings = await find(db(), "IDLE_FUNDS", TOWN, "2026-09-30");
    for (const key of ["paidADayLater", "transferAtLimit", "spent"]) expect(naming(findings, id[key]!), key).toEqual([]);
    expect(naming(await find(db(), "IDLE_FUNDS", SHIQIAO, "2026-09-30"), id.transferOld!)).toEqual([]);
  });
});

describe("PAYEE_IS_STAFF on treasury payments", () => {
  const id: Record<string, string> = {};
  beforeAll(async () => {
    const ind = await indicator(db(), { regionCode: "329901109", amountFen: fen(1_000_000), at: china("2026-01-05") });
    const at = china("2026-04-01");
    const sealed = personId(40);
    await db().update(appUser).set({ residentIdSealed: encryptPersonal(TEST_DATA_KEYS, sealed), residentIdIndex: residentIdBlindIndex(TEST_DATA_KEYS, sealed), residentIdMasked: "329901********0000" }).where(eq(appUser.username, "dir109"));
    await listed(db(), "329901109", "official", personId(42), null, "李公");
    await listed(db(), "329901110", "official", personId(43), null, "王公");
    id.user = (await payment(db(), { indicatorId: ind, regionCode: "329901109", payee: person(40, "所长本人"), amountFen: fen(3_000), at })).id;
    id.stranger = (await payment(db(), { indicatorId: ind, regionCode: "329901109", payee: person(41), amountFen: fen(3_000), at })).id;
    id.official = (await payment(db(), { indicatorId: ind, regionCode: "329901109", payee: person(42, "李公"), amountFen: fen(3_000), at })).id;
    id.otherList = (await payment(db(), { indicatorId: ind, regionCode: "329901109", payee: person(43, "王公"), amountFen: fen(3_000), at })).id;
  });

  it("matches a payee's ID against users' and the officials list, not a different ID", async () => {
    const findings = await find(db(), "PAYEE_IS_STAFF", "329901109", "2026-04-30");
    const [user] = naming(findings, id.user!);
    expect(user!.objects.some((o) => o.type === "user")).toBe(true);
    expect(user!.message).toContain("平台用户");
    expect(naming(findings, id.official!)[0]!.message).toContain("公职人员名单：李公");
    expect(naming(findings, id.stranger!)).toEqual([]);
  });

  it("uses another township's officials list only in the district's run", async () => {
    expect(naming(await find(db(), "PAYEE_IS_STAFF", "329901109", "2026-04-30"), id.otherList!)).toEqual([]);
    expect(naming(await find(db(), "PAYEE_IS_STAFF", "329901", "2026-04-30"), id.otherList!)).toHaveLength(1);
  });
});
