// Proves the rules over subsidy rosters on rows written as the subsidy domain writes them: each fires
// on its case, stays quiet on the near miss (the same household, another period, the day of death,
// the last day of the window, a withdrawn line, a draft), and a township's run sees only its own
// villages while the district's sees across townships, each township getting its own side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { appUser } from "../identity/index.ts";
import { encryptPersonal, residentIdBlindIndex } from "../platform/crypto.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { card, find, listed, naming, personId, recipient, roster } from "./testKit.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => database?.close());

const db = () => database.db;
const FENGLE = "329901110";
const TAOYUAN = "329901104";
const p = (n: number, name = `测${n}`) => ({ name, residentId: personId(100 + n) });

describe("CARD_SHARED", () => {
  const line: Record<string, string | undefined> = {};
  beforeAll(async () => {
    for (const [n, household] of [[1, "H1"], [2, "H1"], [3, "H2"], [4, "H3"], [5, "H4"], [6, "H5"], [9, "H6"], [10, "H7"]] as const) await recipient(db(), FENGLE, { ...p(n), household });
    const paid = "2026-05-10";
    const r2026 = await roster(db(), {
      regionCode: FENGLE,
      period: "2026",
      status: "closed",
      lines: [
        { ...p(1), card: card(1), paidOn: paid },
        { ...p(2), card: card(1), paidOn: paid },
        { ...p(3), card: card(2), paidOn: paid },
        { ...p(4), card: card(2), paidOn: paid },
        { ...p(6), card: card(3), paidOn: paid },
        { ...p(7), card: card(4), paidOn: paid },
        { ...p(8), card: card(4), paidOn: paid },
        { ...p(9), card: card(5), paidOn: paid },
        { ...p(10), card: card(5) },
        { ...p(11), card: card(6), paidOn: paid },
      ],
    });
    const r2025 = await roster(db(), { regionCode: FENGLE, period: "2025", status: "closed", lines: [{ ...p(5), card: card(3), paidOn: "2025-05-10" }] });
    const other = await roster(db(), { regionCode: TAOYUAN, period: "2026", status: "closed", lines: [{ ...p(12), card: card(6), paidOn: paid }] });
    [line.sameHousehold, , line.twoHouseholds, , line.otherPeriod, line.unregistered, , line.unpaidPartner, , line.crossTownship] = r2026.lineIds;
    line.earlierPeriod = r2025.lineIds[0]!;
    line.crossOther = other.lineIds[0]!;
  });

  it("fires for one card paid to two households in a period, registered or not", async () => {
    const findings = await find(db(), "CARD_SHARED", FENGLE, "2026-06-30");
    const [hit] = naming(findings, line.twoHouseholds!);
    expect(hit).toMatchObject({ regionCode: FENGLE, amountFen: 100_000n });
    expect(hit!.objects).toHaveLength(2);
    expect(hit!.message).toContain("2 户 2 人");
    expect(naming(findings, line.unregistered!)).toHaveLength(1);
  });

  it("stays quiet for one household's people on the head's card, another period, and a line not paid", async () => {
    const findings = await find(db(), "CARD_SHARED", FENGLE, "2026-06-30");
    for (const key of ["sameHousehold", "otherPeriod", "earlierPeriod", "unpaidPartner"]) expect(naming(findings, line[key]!), key).toEqual([]);
  });

  it("finds a card shared across townships only in the district's run, one alert for each township", async () => {
    expect(naming(await find(db(), "CARD_SHARED", FENGLE, "2026-06-30"), line.crossTownship!)).toEqual([]);
    const district = naming(await find(db(), "CARD_SHARED", "329901", "2026-06-30"), line.crossTownship!);
    expect(district.map((f) => f.regionCode).sort()).toEqual([TAOYUAN, FENGLE]);
    for (const f of district) expect(f.objects.map((o) => o.id).sort()).toEqual([line.crossTownship, line.crossOther].sort());
  });
});

describe("DECEASED_PAID", () => {
  const line: Record<string, string | undefined> = {};
  beforeAll(async () => {
    await listed(db(), FENGLE, "deceased", p(20).residentId, "2025-12-31");
    await listed(db(), FENGLE, "deceased", p(21).residentId, "2026-01-01");
    await listed(db(), FENGLE, "deceased", p(22).residentId, "2026-02-15");
    await listed(db(), FENGLE, "deceased", p(23).residentId, null);
    await listed(db(), FENGLE, "deceased", p(24).residentId, "2025-06-01");
    await listed(db(), TAOYUAN, "deceased", p(25).residentId, "2025-06-01");
    const yearly = await roster(db(), { regionCode: FENGLE, period: "2026", status: "closed", lines: [{ ...p(20), paidOn: "2026-04-01" }, { ...p(21), paidOn: "2026-04-01" }, { ...p(23), paidOn: "2026-04-01" }, { ...p(25), paidOn: "2026-04-01" }] });
    const march = await roster(db(), { regionCode: FENGLE, itemCode: "GLJT", period: "2026-03", status: "closed", lines: [{ ...p(22), paidOn: "2026-03-20" }] });
    const february = await roster(db(), { regionCode: FENGLE, itemCode: "GLJT", period: "2026-02", status: "closed", lines: [{ ...p(22), paidOn: "2026-02-20" }] });
    const unpaid = await roster(db(), { regionCode: FENGLE, period: "2026", itemCode: "STGYL", status: "notice", lines: [{ ...p(24) }] });
    [line.diedBefore, line.diedOnFirstDay, line.noDate, line.otherList] = yearly.lineIds;
    line.march = march.lineIds[0]!;
    line.february = february.lineIds[0]!;
    line.unpaid = unpaid.lineIds[0]!;
  });

  it("fires for a period that began after the date of death, and when the list has no date", async () => {
    const findings = await find(db(), "DECEASED_PAID", FENGLE, "2026-06-30");
    expect(naming(findings, line.diedBefore!)[0]!.message).toContain("死亡日期 2025-12-31");
    expect(naming(findings, line.march!)).toHaveLength(1);
    expect(naming(findings, line.noDate!)[0]!.message).toContain("名单未登记死亡日期");
  });

  it("stays quiet when the person died on the period's first day or later, and for a line not paid", async () => {
    const findings = await find(db(), "DECEASED_PAID", FENGLE, "2026-06-30");
    for (const key of ["diedOnFirstDay", "february", "unpaid"]) expect(naming(findings, line[key]!), key).toEqual([]);
  });

  it("uses another township's deceased list only in the district's run", async () => {
    expect(naming(await find(db(), "DECEASED_PAID", FENGLE, "2026-06-30"), line.otherList!)).toEqual([]);
    expect(naming(await find(db(), "DECEASED_PAID", "329901", "2026-06-30"), line.otherList!)).toHaveLength(1);
  });
});

describe("DUPLICATE_ACROSS_REGIONS", () => {
  const line: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const v1 = `${FENGLE}201`;
    const v2 = `${FENGLE}202`;
    const a = await roster(db(), { regionCode: FENGLE, itemCode: "NJGZ", period: "2026", villageCode: v1, status: "notice", lines: [p(30), p(31), p(32), p(33), p(34), p(35)] });
    const b = await roster(db(), { regionCode: FENGLE, itemCode: "NJGZ", period: "2026", villageCode: v2, status: "townshipReview", lines: [p(30), { ...p(34), withdrawn: true }] });
    const sameVillage = await roster(db(), { regionCode: FENGLE, itemCode: "NJGZ", period: "2026", villageCode: v1, status: "closed", lines: [p(31)] });
    const lastYear = await roster(db(), { regionCode: FENGLE, itemCode: "NJGZ", period: "2025", villageCode: v2, status: "closed", lines: [p(32)] });
    const draft = await roster(db(), { regionCode: FENGLE, itemCode: "NJGZ", period: "2026", villageCode: v2, status: "draft", lines: [p(35)] });
    const elsewhere = await roster(db(), { regionCode: TAOYUAN, itemCode: "NJGZ", period: "2026", villageCode: `${TAOYUAN}201`, status: "payment", lines: [p(33)] });
    [line.twoVillages, line.sameVillage, line.otherPeriod, line.crossTownship, line.withdrawn, line.draft] = a.lineIds;
    line.twoVillagesOther = b.lineIds[0]!;
    line.crossOther = elsewhere.lineIds[0]!;
    void sameVillage;
    void lastYear;
    void draft;
  });

  it("fires for one person on the same item and period in two villages of the township", async () => {
    const findings = await find(db(), "DUPLICATE_ACROSS_REGIONS", FENGLE, "2026-06-30");
    const [hit] = naming(findings, line.twoVillages!);
    expect(hit!.objects.map((o) => o.id).sort()).toEqual([line.twoVillages, line.twoVillagesOther].sort());
    expect(hit!.message).toContain("东风村、红旗村");
  });

  it("stays quiet for the same village, another period, a withdrawn line and a draft roster", async () => {
    const findings = await find(db(), "DUPLICATE_ACROSS_REGIONS", FENGLE, "2026-06-30");
    for (const key of ["sameVillage", "otherPeriod", "withdrawn", "draft"]) expect(naming(findings, line[key]!), key).toEqual([]);
  });

  it("sees across townships in the district's run only, giving each township its side", async () => {
    expect(naming(await find(db(), "DUPLICATE_ACROSS_REGIONS", FENGLE, "2026-06-30"), line.crossTownship!)).toEqual([]);
    const district = naming(await find(db(), "DUPLICATE_ACROSS_REGIONS", "329901", "2026-06-30"), line.crossTownship!);
    expect(district.map((f) => f.regionCode).sort()).toEqual([TAOYUAN, FENGLE]);
    expect(district.find((f) => f.regionCode === TAOYUAN)!.amountFen).toBe(50_000n);
  });
});

describe("SUBSIDY_LATE", () => {
  const id: Record<string, string> = {};
  beforeAll(async () => {
    const TOWN = "329901103";
    id.late = (await roster(db(), { regionCode: TOWN, period: "2026", status: "payment", noticeEndsOn: "2026-06-14", lines: [{ ...p(40), paidOn: "2026-06-20" }, p(41)] })).id;
    id.atLimit = (await roster(db(), { regionCode: TOWN, period: "2026", itemCode: "STGYL", status: "districtReview", noticeEndsOn: "2026-06-15", lines: [p(42)] })).id;
    id.allPaid = (await roster(db(), { regionCode: TOWN, period: "2026", itemCode: "NJGZ", status: "payment", noticeEndsOn: "2026-05-01", lines: [{ ...p(43), paidOn: "2026-05-20" }, { ...p(44), withdrawn: true }] })).id;
    id.draft = (await roster(db(), { regionCode: TOWN, period: "2025", status: "draft", noticeEndsOn: "2026-01-01", lines: [p(45)] })).id;
  });

  it("fires for a roster with unpaid lines more than 15 days after its notice ended", async () => {
    const findings = await find(db(), "SUBSIDY_LATE", "329901103", "2026-06-30");
    const [hit] = naming(findings, id.late!);
    expect(hit).toMatchObject({ amountFen: 50_000n });
    expect(hit!.message).toContain("16 天后仍有 1 人未发放");
  });

  it("stays quiet on the 15th day, when every live line is paid, and for a draft", async () => {
    const findings = await find(db(), "SUBSIDY_LATE", "329901103", "2026-06-30");
    for (const key of ["atLimit", "allPaid", "draft"]) expect(naming(findings, id[key]!), key).toEqual([]);
    expect(naming(await find(db(), "SUBSIDY_LATE", "329901103", "2026-07-01"), id.atLimit!)).toHaveLength(1);
    expect(naming(await find(db(), "SUBSIDY_LATE", FENGLE, "2026-06-30"), id.late!)).toEqual([]);
  });
});

describe("PAYEE_IS_STAFF on subsidy rosters", () => {
  const line: Record<string, string | undefined> = {};
  beforeAll(async () => {
    const staff = p(50).residentId;
    await db().update(appUser).set({ residentIdSealed: encryptPersonal(TEST_DATA_KEYS, staff), residentIdIndex: residentIdBlindIndex(TEST_DATA_KEYS, staff), residentIdMasked: "329901********0050" }).where(eq(appUser.username, "dir110"));
    const live = await roster(db(), { regionCode: FENGLE, itemCode: "GLJT", period: "2026-05", status: "notice", lines: [p(50, "所长"), p(51)] });
    const rejected = await roster(db(), { regionCode: FENGLE, itemCode: "GLJT", period: "2026-04", status: "rejected", lines: [p(50, "所长")] });
    [line.staff, line.stranger] = live.lineIds;
    line.rejected = rejected.lineIds[0]!;
  });

  it("flags a recipient who is a platform user, not on a rejected roster, not another person", async () => {
    const findings = await find(db(), "PAYEE_IS_STAFF", FENGLE, "2026-06-30");
    const [hit] = naming(findings, line.staff!);
    expect(hit!.objects.map((o) => o.type).sort()).toEqual(["rosterLine", "user"]);
    expect(naming(findings, line.rejected!)).toEqual([]);
    expect(naming(findings, line.stranger!)).toEqual([]);
  });
});
