// Proves the pure subsidy rules: columns found by header name in any order, every file-level
// finding code on valid, invalid and boundary input, the registry findings, the notice period,
// periods, reference numbers, bank files and results, and the money invariants with fast-check.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { allocateFen, residentIdCheckChar } from "@xiangcai/shared";
import { luhnCard } from "./fixtures.ts";
import {
  IdRowTable,
  bankFileRow,
  checkPeriod,
  checkRowAgainstRegistry,
  checkRowAlone,
  chinaDate,
  countBySeverity,
  defaultBankLayouts,
  findingSeverity,
  isBlankRow,
  lineStatus,
  looksLikeHeader,
  mapColumns,
  noticeEndsOn,
  noticeOver,
  normalizeDate,
  parseBankResult,
  publicStatus,
  referenceNo,
  rowFromCells,
  villageKey,
  type RegistryFacts,
  type RosterRow,
} from "./rules.ts";

function makeId(prefix17: string): string {
  return prefix17 + residentIdCheckChar(prefix17);
}

const ID = makeId("32990119600101001");
const CARD = luhnCard("621799000000000001");
const row = (over: Partial<RosterRow> = {}): RosterRow => ({ row: 2, name: "张三", residentId: ID, card: CARD, bank: "农商行", village: "东风村", quantity: "10", standard: "105.50", amount: "1055.00", remark: "", ...over });
const codes = (r: RosterRow, itemStandardFen: bigint | null = 10_550n) => checkRowAlone(r, { itemStandardFen }, new Map()).findings.map((f) => f.code);
const facts = (over: Partial<RegistryFacts> = {}): RegistryFacts => ({ registeredName: null, deceased: false, official: false, cadre: false, cardOwnedByOther: false, otherRosterInPeriod: null, villageKnown: true, ...over });

describe("columns by header name", () => {
  it("finds the ten roster columns in any order and ignores extra ones", () => {
    const { columns, missing } = mapColumns(["备注", "补贴金额", "身份证号", "联系电话", "姓名", "银行卡号", "村(居)", "数量", "补贴标准", "开户银行", "序号"]);
    expect(missing).toEqual([]);
    expect(columns).toMatchObject({ remark: 0, amount: 1, residentId: 2, name: 4, card: 5, village: 6, quantity: 7, standard: 8, bank: 9, seq: 10 });
  });
  it("reports the required columns that are missing", () => {
    expect(mapColumns(["姓名", "身份证号"]).missing).toEqual(["card", "amount"]);
  });
  it("takes a row with 姓名 and 身份证号 as the header and a title row as not", () => {
    expect(looksLikeHeader(["姓 名", "身份证号"])).toBe(true);
    expect(looksLikeHeader(["东风村耕地地力保护补贴发放清册"])).toBe(false);
  });
  it("reads cells by column and skips blank and total rows", () => {
    const r = rowFromCells(5, [" 李四 ", ID], { name: 0, residentId: 1 });
    expect(r).toMatchObject({ row: 5, name: "李四", residentId: ID, card: "" });
    expect(isBlankRow(rowFromCells(6, ["", "", ""], { name: 0, residentId: 1, card: 2 }))).toBe(true);
    expect(isBlankRow(rowFromCells(7, ["合计", ""], { name: 0, residentId: 1 }))).toBe(true);
  });
});

describe("checks on a row alone", () => {
  it("finds nothing on a correct row", () => expect(codes(row())).toEqual([]));
  it("NAME_MISSING when the name is empty", () => expect(codes(row({ name: "" }))).toEqual(["NAME_MISSING"]));
  it("ID_INVALID for an empty, short, bad-date or bad-checksum ID, and accepts a lower-case x", () => {
    expect(codes(row({ residentId: "" }))).toEqual(["ID_INVALID"]);
    expect(codes(row({ residentId: ID.slice(0, 17) }))).toEqual(["ID_INVALID"]);
    expect(codes(row({ residentId: makeId("32990119601301001") }))).toEqual(["ID_INVALID"]);
    expect(codes(row({ residentId: `${ID.slice(0, 17)}${ID[17] === "1" ? "2" : "1"}` }))).toEqual(["ID_INVALID"]);
    expect(codes(row({ residentId: "11010519491231002x" }))).toEqual([]);
  });
  it("ID_INVALID says so when Excel turned the ID into a number", () => {
    const f = checkRowAlone(row({ residentId: "3.29901196001011E+17" }), { itemStandardFen: null }, new Map()).findings[0]!;
    expect(f.message).toContain("文本");
  });
  it("CARD_INVALID for an empty, 14-digit, lettered or Luhn-failing card; 15 and 19 digits pass", () => {
    expect(codes(row({ card: "" }))).toEqual(["CARD_INVALID"]);
    expect(codes(row({ card: "62179900000000" }))).toEqual(["CARD_INVALID"]);
    expect(codes(row({ card: "6217990000000A01" }))).toEqual(["CARD_INVALID"]);
    expect(codes(row({ card: `${CARD.slice(0, -1)}${(Number(CARD.slice(-1)) + 1) % 10}` }))).toEqual(["CARD_INVALID"]);
    expect(codes(row({ card: luhnCard("62179900000000") }))).toEqual([]);
    expect(codes(row({ card: luhnCard("621799000000000000") }))).toEqual([]);
  });
  it("CARD_PASSBOOK (a warning) for a passbook number failing Luhn, marked 存折", () => {
    const bad = `${CARD.slice(0, -1)}${(Number(CARD.slice(-1)) + 1) % 10}`;
    expect(codes(row({ card: bad, bank: "信用社存折" }))).toEqual(["CARD_PASSBOOK"]);
    expect(codes(row({ card: bad, remark: "存折" }))).toEqual(["CARD_PASSBOOK"]);
    expect(findingSeverity.CARD_PASSBOOK).toBe("warning");
  });
  it("AMOUNT_INVALID for an empty, negative, zero, three-decimal or text amount", () => {
    for (const amount of ["", "-5", "0", "0.00", "10.555", "abc"]) expect(codes(row({ amount, quantity: "", standard: "" })), amount).toEqual(["AMOUNT_INVALID"]);
    expect(codes(row({ amount: "0.01", quantity: "", standard: "" }))).toEqual([]);
    expect(codes(row({ amount: "1,055.00" }))).toEqual([]);
  });
  it("AMOUNT_INVALID for an unreadable standard or quantity", () => {
    expect(codes(row({ standard: "约100" }))).toEqual(["AMOUNT_INVALID"]);
    expect(codes(row({ quantity: "十亩" }))).toEqual(["AMOUNT_INVALID"]);
  });
  it("AMOUNT_MISMATCH when the amount differs from quantity × standard by one fen, not when equal after half-up rounding", () => {
    expect(codes(row({ amount: "1055.01" }))).toEqual(["AMOUNT_MISMATCH"]);
    expect(codes(row({ amount: "1054.99" }))).toEqual(["AMOUNT_MISMATCH"]);
    expect(codes(row({ quantity: "12.3456", amount: "1302.46" }))).toEqual([]);
    expect(codes(row({ quantity: "12.3456", amount: "1302.45" }))).toEqual(["AMOUNT_MISMATCH"]);
  });
  it("OVER_STANDARD (a warning) when the row's standard is above the item's, not when equal", () => {
    expect(codes(row({ standard: "105.51", amount: "1055.10" }))).toEqual(["OVER_STANDARD"]);
    expect(codes(row())).toEqual([]);
    expect(codes(row({ standard: "105.51", amount: "1055.10" }), null)).toEqual([]);
  });
  it("DUPLICATE_IN_FILE on the second and later rows with the same ID, naming the first row", () => {
    const seen = new Map<string, number>();
    expect(checkRowAlone(row({ row: 2 }), { itemStandardFen: null }, seen).findings).toEqual([]);
    const dup = checkRowAlone(row({ row: 9, residentId: ID.toLowerCase() }), { itemStandardFen: null }, seen).findings;
    expect(dup.map((f) => [f.code, f.row])).toEqual([["DUPLICATE_IN_FILE", 9]]);
    expect(dup[0]!.message).toContain("第 2 行");
  });
});

describe("checks against the registry", () => {
  const checked = checkRowAlone(row(), { itemStandardFen: null }, new Map()).checked;
  const regCodes = (f: Partial<RegistryFacts>) => checkRowAgainstRegistry(checked, facts(f)).map((x) => x.code);
  it("finds nothing when the registry agrees", () => expect(regCodes({ registeredName: "张三" })).toEqual([]));
  it("NAME_ID_MISMATCH when the registry holds another name for the ID", () => expect(regCodes({ registeredName: "张叁" })).toEqual(["NAME_ID_MISMATCH"]));
  it("CARD_OWNER_MISMATCH when the card belongs to another person", () => expect(regCodes({ cardOwnedByOther: true })).toEqual(["CARD_OWNER_MISMATCH"]));
  it("CARD_NOT_HEAD (an error) when a per-household item's card is not the head of household's, naming the head", () => {
    expect(regCodes({ notHeadOfHousehold: null })).toEqual([]);
    const [byCard] = checkRowAgainstRegistry(checked, facts({ notHeadOfHousehold: { cardRegistered: true, headName: "张大" } }));
    expect(byCard).toMatchObject({ code: "CARD_NOT_HEAD", severity: "error" });
    expect(byCard!.message).toContain("持卡人在名册中不是户主（户主为“张大”）");
    const [byPerson] = checkRowAgainstRegistry(checked, facts({ notHeadOfHousehold: { cardRegistered: false, headName: null } }));
    expect(byPerson!.message).toMatch(/该人员在名册中不是户主$/);
    expect(findingSeverity.CARD_NOT_HEAD).toBe("error");
  });
  it("DUPLICATE_IN_PERIOD when already on another roster of the item and period", () => expect(regCodes({ otherRosterInPeriod: "另一清册" })).toEqual(["DUPLICATE_IN_PERIOD"]));
  it("DECEASED when registered or listed as deceased", () => expect(regCodes({ deceased: true })).toEqual(["DECEASED"]));
  it("VILLAGE_UNKNOWN when the village is not the township's; nothing when it cannot be checked", () => {
    expect(regCodes({ villageKnown: false })).toEqual(["VILLAGE_UNKNOWN"]);
    expect(regCodes({ villageKnown: null })).toEqual([]);
  });
  it("OFFICIAL (a warning) for a public official or a village cadre", () => {
    expect(regCodes({ official: true })).toEqual(["OFFICIAL"]);
    expect(regCodes({ cadre: true })).toEqual(["OFFICIAL"]);
    expect(findingSeverity.OFFICIAL).toBe("warning");
  });
  it("skips registry checks for a row whose ID is invalid", () => {
    const bad = checkRowAlone(row({ residentId: "123" }), { itemStandardFen: null }, new Map()).checked;
    expect(checkRowAgainstRegistry(bad, facts({ deceased: true }))).toEqual([]);
  });
  it("matches village names with or without the committee suffix", () => {
    expect(villageKey("东风村")).toBe(villageKey("东风"));
    expect(villageKey("东风村委会")).toBe("东风");
    expect(villageKey("北门社区")).toBe("北门");
  });
  it("has the eleven error and three warning codes of the issue, CARD_NOT_HEAD (DOMAIN.md §8), and the formula warnings NAME_FORMULA and TEXT_FORMULA (issue 15)", () => {
    expect(countBySeverity(Object.values(findingSeverity).map((severity) => ({ severity })))).toEqual({ errors: 12, warnings: 5 });
    expect([findingSeverity.NAME_FORMULA, findingSeverity.TEXT_FORMULA]).toEqual(["warning", "warning"]);
  });
});

describe("periods and the public notice", () => {
  it("accepts YYYY and YYYY-MM and refuses the wrong kind for the item", () => {
    expect(checkPeriod("2026")).toBeNull();
    expect(checkPeriod("2026-12")).toBeNull();
    expect(checkPeriod("2026-13")).not.toBeNull();
    expect(checkPeriod("2026-03", "year")).not.toBeNull();
    expect(checkPeriod("2026", "month")).not.toBeNull();
  });
  it("runs a 7-day notice from the 1st to the 7th, open on the 7th and over on the 8th", () => {
    expect(noticeEndsOn("2026-03-01", 7)).toBe("2026-03-07");
    expect(noticeOver("2026-03-07", "2026-03-07")).toBe(false);
    expect(noticeOver("2026-03-07", "2026-03-08")).toBe(true);
    expect(noticeEndsOn("2026-02-25", 7)).toBe("2026-03-03");
    expect(() => noticeEndsOn("2026-03-01", 0)).toThrow();
  });
  it("dates an instant in China time", () => {
    expect(chinaDate(new Date("2026-03-01T15:59:59Z"))).toBe("2026-03-01");
    expect(chinaDate(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02");
  });
});

describe("payment", () => {
  it("derives a line's status from its paid record and latest attempt", () => {
    expect(lineStatus({ paid: false, latestAttempt: null })).toBe("unpaid");
    expect(lineStatus({ paid: false, latestAttempt: { outcome: null } })).toBe("inBank");
    expect(lineStatus({ paid: false, latestAttempt: { outcome: "failed" } })).toBe("failed");
    expect(lineStatus({ paid: true, latestAttempt: { outcome: "failed" } })).toBe("paid");
    expect(publicStatus("inBank")).toBe("pending");
    expect(publicStatus("unpaid")).toBe("pending");
  });
  it("numbers a batch's lines with six digits, from 1 to 999999", () => {
    expect(referenceNo("B1", 1)).toBe("B1000001");
    expect(referenceNo("B1", 999_999)).toBe("B1999999");
    expect(() => referenceNo("B1", 0)).toThrow();
    expect(() => referenceNo("B1", 1_000_000)).toThrow();
  });
  it("writes bank-file rows in the layout's column order with yuan amounts", () => {
    const layout = defaultBankLayouts[1]!;
    expect(bankFileRow(layout, { referenceNo: "R1", name: "张三", card: CARD, amountFen: 105_500n, bank: "邮储", item: "耕地地力保护补贴", period: "2026" })).toEqual(["R1", CARD, "张三", "1055.00", "耕地地力保护补贴2026"]);
  });
  it("reads a bank result by the layout's headers: success values paid, anything else failed", () => {
    const layout = defaultBankLayouts[0]!;
    const parsed = parseBankResult(layout, [["处理结果", "参考号", "失败原因", "入账日期"], ["成功", "R1", "", "2026/3/5"], ["失败", "R2", "账户已销户", ""], ["", "", "", ""]]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.lines).toEqual([
      { referenceNo: "R1", outcome: "paid", reason: "", paidOn: "2026-03-05" },
      { referenceNo: "R2", outcome: "failed", reason: "账户已销户", paidOn: null },
    ]);
    expect(parseBankResult(layout, [["参考号"]]).problems[0]).toContain("处理结果");
  });
  it("normalises bank dates and refuses impossible ones", () => {
    expect(normalizeDate("20260305")).toBe("2026-03-05");
    expect(normalizeDate("2026-02-30")).toBeNull();
  });
  it("keeps a batch total equal to the sum of its lines, however the total is split (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000_000_000n }), fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 50 }), (total, weights) => {
        const parts = allocateFen(total, weights);
        expect(parts.reduce((s, p) => s + p, 0n)).toBe(total);
        const refs = parts.map((_, i) => referenceNo("B", i + 1));
        expect(new Set(refs).size).toBe(parts.length);
      }),
    );
  });
  it("checks amount = quantity × standard to the fen for any standard and quantity (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_00 }), fc.integer({ min: 0, max: 99_999_999 }), (standardFen, quantityTenThousandths) => {
        const quantity = `${Math.floor(quantityTenThousandths / 10_000)}.${String(quantityTenThousandths % 10_000).padStart(4, "0")}`;
        const expected = (BigInt(standardFen) * BigInt(quantityTenThousandths) + 5_000n) / 10_000n;
        if (expected === 0n) return;
        const yuanText = `${expected / 100n}.${String(expected % 100n).padStart(2, "0")}`;
        const r = row({ quantity, standard: `${Math.floor(standardFen / 100)}.${String(standardFen % 100).padStart(2, "0")}`, amount: yuanText });
        expect(checkRowAlone(r, { itemStandardFen: null }, new Map()).findings.map((f) => f.code)).toEqual([]);
      }),
    );
  });
});

describe("IdRowTable (the first row of each ID number, in flat memory)", () => {
  const idOf = (n: number) => {
    const first17 = `3299011950${String(n).padStart(7, "0")}`;
    return first17 + residentIdCheckChar(first17);
  };
  it("answers like a Map of ID to first row, through growth, for any sequence of IDs", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 3_000 }), (ns) => {
        const table = new IdRowTable(4);
        const map = new Map<string, number>();
        ns.forEach((n, i) => {
          const id = idOf(n);
          expect(table.get(id)).toBe(map.get(id));
          if (!map.has(id)) {
            map.set(id, i + 2);
            table.set(id, i + 2);
          }
        });
        expect(table.size).toBe(map.size);
        for (const [id, row] of map) expect(table.get(id)).toBe(row);
      }),
      { numRuns: 30 },
    );
  });
  it("tells apart IDs that differ only in the high or the low half, and an ID with check character X", () => {
    const table = new IdRowTable();
    table.set("11010519491231002X", 2);
    table.set("440524188001010014", 3);
    expect(table.get("11010519491231002X")).toBe(2);
    expect(table.get("440524188001010014")).toBe(3);
    expect(table.get(idOf(1))).toBeUndefined();
    expect(table.get("110105194912310037")).toBeUndefined();
  });
  it("refuses what is not a valid ID and row numbers below 1", () => {
    expect(() => new IdRowTable().set("ABC", 2)).toThrow(RangeError);
    expect(() => new IdRowTable().set(idOf(1), 0)).toThrow(RangeError);
  });
  it("finds DUPLICATE_IN_FILE the same way as with a Map", () => {
    const table = new IdRowTable();
    checkRowAlone(row({ row: 2 }), { itemStandardFen: null }, table);
    const dup = checkRowAlone(row({ row: 7 }), { itemStandardFen: null }, table).findings;
    expect(dup.map((f) => [f.code, f.message])).toEqual([["DUPLICATE_IN_FILE", "与第 2 行为同一身份证号"]]);
  });
});
