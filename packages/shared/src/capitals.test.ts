// Proves that amounts in capitals follow DOMAIN.md §3 on its vectors, at every 万 and 亿 boundary, under one yuan and at the range limit, and that for any amount the text reads back to the same fen.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { amountInCapitals } from "./capitals.ts";
import { FEN_MAX, MoneyError, parseYuan } from "./money.ts";

/** Test helper: capitals for a yuan string, so cases read like the amounts on a voucher. */
function capitals(yuan: string, options?: { zhengAfterJiao?: boolean }): string {
  return amountInCapitals(parseYuan(yuan, { allowNegative: true }), options);
}

const DIGIT_VALUES = new Map([..."零壹贰叁肆伍陆柒捌玖"].map((character, value) => [character, BigInt(value)]));
const PLACE_VALUES = new Map([
  ["拾", 10n],
  ["佰", 100n],
  ["仟", 1000n],
]);

/**
 * An independent reader of capitals, used to prove that every text means the amount it was made
 * from. 万 closes the part below it; 亿 multiplies everything read so far, so 壹万亿 is 10^12.
 */
function readCapitals(text: string): bigint {
  const negative = text.startsWith("负");
  let rest = negative ? text.slice(1) : text;
  rest = rest.endsWith("整") ? rest.slice(0, -1) : rest;
  const yuanAt = rest.indexOf("元");
  const integerText = yuanAt === -1 ? "" : rest.slice(0, yuanAt);
  const fractionText = yuanAt === -1 ? rest : rest.slice(yuanAt + 1);

  let aboveYi = 0n;
  let belowYi = 0n;
  let section = 0n;
  let pending = 0n;
  for (const character of integerText) {
    const digit = DIGIT_VALUES.get(character);
    const place = PLACE_VALUES.get(character);
    if (digit !== undefined) {
      pending = digit;
    } else if (place !== undefined) {
      section += pending * place;
      pending = 0n;
    } else if (character === "万") {
      belowYi += (section + pending) * 10_000n;
      section = 0n;
      pending = 0n;
    } else if (character === "亿") {
      aboveYi = (aboveYi + belowYi + section + pending) * 100_000_000n;
      belowYi = 0n;
      section = 0n;
      pending = 0n;
    } else {
      throw new Error(`unexpected ${character} in ${text}`);
    }
  }
  let fen = (aboveYi + belowYi + section + pending) * 100n;
  let fractionDigit = 0n;
  for (const character of fractionText) {
    const digit = DIGIT_VALUES.get(character);
    if (digit !== undefined) {
      fractionDigit = digit;
    } else if (character === "角") {
      fen += fractionDigit * 10n;
    } else if (character === "分") {
      fen += fractionDigit;
    } else {
      throw new Error(`unexpected ${character} in ${text}`);
    }
  }
  return negative ? -fen : fen;
}

describe("amountInCapitals", () => {
  it.each([
    ["1409.50", "壹仟肆佰零玖元伍角整"],
    ["6007.14", "陆仟零柒元壹角肆分"],
    ["16409.02", "壹万陆仟肆佰零玖元零贰分"],
    ["325.04", "叁佰贰拾伍元零肆分"],
    ["10", "壹拾元整"],
    ["100010001.01", "壹亿零壹万零壹元零壹分"],
    ["107000.53", "壹拾万柒仟元伍角叁分"],
  ])("writes the DOMAIN.md vector %s as %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it.each([
    ["1", "壹元整"],
    ["11", "壹拾壹元整"],
    ["100", "壹佰元整"],
    ["101", "壹佰零壹元整"],
    ["110", "壹佰壹拾元整"],
    ["1001", "壹仟零壹元整"],
    ["1010", "壹仟零壹拾元整"],
    ["1100", "壹仟壹佰元整"],
    ["9999", "玖仟玖佰玖拾玖元整"],
  ])("writes places within one section: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it.each([
    ["10000", "壹万元整"],
    ["10001", "壹万零壹元整"],
    ["10010", "壹万零壹拾元整"],
    ["11000", "壹万壹仟元整"],
    ["100000", "壹拾万元整"],
    ["100001", "壹拾万零壹元整"],
    ["1010000", "壹佰零壹万元整"],
    ["10001000", "壹仟万壹仟元整"],
    ["99999999", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"],
  ])("writes the 万 boundary: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it.each([
    ["100000000", "壹亿元整"],
    ["100000001", "壹亿零壹元整"],
    ["100001000", "壹亿零壹仟元整"],
    ["101000000", "壹亿零壹佰万元整"],
    ["110000000", "壹亿壹仟万元整"],
    ["200000000.10", "贰亿元壹角整"],
    ["1000000001", "壹拾亿零壹元整"],
    ["1000100000", "壹拾亿零壹拾万元整"],
    ["999999999999", "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"],
  ])("writes the 亿 boundary: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it.each([
    ["1000000000000", "壹万亿元整"],
    ["1500000000000", "壹万伍仟亿元整"],
    ["1050000000000", "壹万零伍佰亿元整"],
    // A whole zero 亿 section between digits is one 零, as a zero 万 section is (壹亿零壹仟).
    ["1000010000000", "壹万亿零壹仟万元整"],
    ["1000000000001", "壹万亿零壹元整"],
  ])("writes amounts of 万亿 with one shared 亿: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it("writes FEN_MAX, the largest amount, in full", () => {
    expect(amountInCapitals(FEN_MAX)).toBe("玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分");
  });

  it("throws MoneyError RANGE one fen beyond FEN_MAX either way", () => {
    expect(() => amountInCapitals(FEN_MAX + 1n)).toThrow(MoneyError);
    expect(() => amountInCapitals(-FEN_MAX - 1n)).toThrow(MoneyError);
    try {
      amountInCapitals(FEN_MAX + 1n);
    } catch (error) {
      expect((error as MoneyError).reason).toBe("RANGE");
      expect((error as MoneyError).code).toBe("AMOUNT_INVALID");
    }
  });

  it.each([
    ["1.00", "壹元整"],
    ["1.01", "壹元零壹分"],
    ["1.10", "壹元壹角整"],
    ["1.11", "壹元壹角壹分"],
    ["10.10", "壹拾元壹角整"],
    ["100.05", "壹佰元零伍分"],
  ])("writes 角 and 分 after 元: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it.each([
    ["0", "零元整"],
    ["0.01", "壹分"],
    ["0.05", "伍分"],
    ["0.10", "壹角整"],
    ["0.50", "伍角整"],
    ["0.15", "壹角伍分"],
    ["0.99", "玖角玖分"],
  ])("writes amounts under one yuan as 角 and 分 only: %s → %s", (yuan, text) => {
    expect(capitals(yuan)).toBe(text);
  });

  it("leaves 整 off an amount ending at 角 when zhengAfterJiao is false, and only there", () => {
    expect(capitals("1409.50", { zhengAfterJiao: false })).toBe("壹仟肆佰零玖元伍角");
    expect(capitals("0.50", { zhengAfterJiao: false })).toBe("伍角");
    expect(capitals("10", { zhengAfterJiao: false })).toBe("壹拾元整");
    expect(capitals("0", { zhengAfterJiao: false })).toBe("零元整");
    expect(capitals("6007.14", { zhengAfterJiao: false })).toBe("陆仟零柒元壹角肆分");
  });

  it("prefixes a negative amount with 负", () => {
    expect(capitals("-1409.50")).toBe("负壹仟肆佰零玖元伍角整");
    expect(capitals("-0.05")).toBe("负伍分");
    expect(amountInCapitals(-FEN_MAX)).toBe(`负${amountInCapitals(FEN_MAX)}`);
  });

  it("has a reader that agrees with the DOMAIN.md vectors (checks the property's oracle)", () => {
    expect(readCapitals("壹亿零壹万零壹元零壹分")).toBe(10001000101n);
    expect(readCapitals("壹拾万柒仟元伍角叁分")).toBe(10700053n);
    expect(readCapitals("壹万亿零壹仟万元整")).toBe(100001000000000n);
    expect(readCapitals("伍分")).toBe(5n);
  });

  const ALLOWED = /^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整负]+$/;

  it("uses only allowed characters, never two 零 together, 零 only before a digit, reading back to the amount (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -FEN_MAX, max: FEN_MAX }), fc.boolean(), (fen, zhengAfterJiao) => {
        const text = amountInCapitals(fen, { zhengAfterJiao });
        expect(text).toMatch(ALLOWED);
        expect(text).not.toContain("零零");
        if (fen !== 0n) {
          expect(text.replace(/^负/, "")).not.toMatch(/^零/);
          expect(text).not.toMatch(/零(?![壹贰叁肆伍陆柒捌玖])/);
        }
        expect(readCapitals(text)).toBe(fen);
      }),
    );
  });

  it("ends in 整 exactly for whole yuan, or for whole 角 when zhengAfterJiao (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -FEN_MAX, max: FEN_MAX }), fc.boolean(), (fen, zhengAfterJiao) => {
        const magnitude = fen < 0n ? -fen : fen;
        const wholeYuan = magnitude % 100n === 0n;
        const wholeJiao = magnitude % 10n === 0n;
        const text = amountInCapitals(fen, { zhengAfterJiao });
        expect(text.endsWith("整")).toBe(wholeYuan || (zhengAfterJiao && wholeJiao));
        expect(text.endsWith("分")).toBe(!wholeJiao);
      }),
    );
  });

  it("writes 零 before 分 exactly when 角 is 0, 分 is not and there are yuan (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: FEN_MAX }), (fen) => {
        const text = amountInCapitals(fen);
        const expected = fen >= 100n && (fen / 10n) % 10n === 0n && fen % 10n !== 0n;
        expect(/元零[壹贰叁肆伍陆柒捌玖]分$/.test(text)).toBe(expected);
      }),
    );
  });
});
