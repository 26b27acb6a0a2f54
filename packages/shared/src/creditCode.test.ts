// Proves that unified social credit codes are accepted exactly when GB 32100-2015 holds (18 characters of its 31-character set, the mod-31 check character), that any single wrong character or swap of neighbours is caught, and that authorities are named.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkCreditCode, creditCodeAuthorityName, creditCodeCheckChar } from "./creditCode.ts";

const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

function reasonOf(input: string): string {
  const result = checkCreditCode(input);
  return result.valid ? "VALID" : result.reason;
}

describe("checkCreditCode", () => {
  it("accepts the DOMAIN.md vector and reports its authority", () => {
    expect(checkCreditCode("91350100M000100Y43")).toEqual({
      valid: true,
      normalized: "91350100M000100Y43",
      authority: "9",
    });
  });

  it("accepts lower case and normalizes it to upper case", () => {
    expect(checkCreditCode("91350100m000100y43")).toEqual({
      valid: true,
      normalized: "91350100M000100Y43",
      authority: "9",
    });
  });

  it("accepts codes whose check value is 0 (Σ divisible by 31) and 30 (Y), the ends of the range", () => {
    expect(reasonOf("000000000000000000")).toBe("VALID");
    expect(reasonOf("10000000000000000Y")).toBe("VALID");
  });

  it.each([
    ["", "empty"],
    ["91350100M000100Y4", "17 characters"],
    ["91350100M000100Y433", "19 characters"],
    [" 91350100M000100Y43", "a leading space, not trimmed"],
  ])("rejects %j as LENGTH (%s)", (input) => {
    expect(reasonOf(input)).toBe("LENGTH");
  });

  it.each(["I", "O", "S", "V", "Z", "i", "o", "-", " ", "Ｍ"])(
    "rejects %j in place of a code character as CHARSET",
    (character) => {
      expect(reasonOf(`91350100${character}000100Y43`)).toBe("CHARSET");
      expect(reasonOf(`91350100M000100Y4${character}`)).toBe("CHARSET");
    },
  );

  it("does not let a letter that upper-cases to two letters slip past the length check", () => {
    expect(reasonOf("91350100ß000100Y4")).toBe("LENGTH");
    expect(reasonOf("91350100ß000100Y43")).toBe("CHARSET");
  });

  it.each([
    ["91350100M000100Y44", "the check character one off"],
    ["91350100M000100Y4Y", "Y as check character"],
    ["91350100M000200Y43", "a body character changed"],
    ["19350100M000100Y43", "the first two characters swapped"],
  ])("rejects %j as CHECKSUM (%s)", (input) => {
    expect(reasonOf(input)).toBe("CHECKSUM");
  });
});

describe("creditCodeCheckChar", () => {
  it("computes 31 − (Σ mod 31), with 31 becoming 0", () => {
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    expect(creditCodeCheckChar("91350100m000100y4")).toBe("3");
    expect(creditCodeCheckChar("00000000000000000")).toBe("0");
    expect(creditCodeCheckChar("10000000000000000")).toBe("Y");
  });

  it.each(["", "91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4"])(
    "refuses %j, which is not 17 characters of the charset",
    (input) => {
      expect(() => creditCodeCheckChar(input)).toThrow(RangeError);
    },
  );
});

describe("creditCodeAuthorityName", () => {
  it.each([
    ["1", "机构编制"],
    ["2", "外交"],
    ["3", "司法行政"],
    ["4", "文化"],
    ["5", "民政"],
    ["6", "旅游"],
    ["7", "宗教"],
    ["8", "工会"],
    ["9", "市场监管"],
    ["A", "中央军委改革和编制办公室"],
    ["N", "农业"],
    ["Y", "其他"],
    ["n", "农业"],
  ])("names authority %s %s", (authority, name) => {
    expect(creditCodeAuthorityName(authority)).toBe(name);
  });

  it.each(["0", "B", "Z", "", "91", "toString"])("names an unknown authority %j 其他", (authority) => {
    expect(creditCodeAuthorityName(authority)).toBe("其他");
  });
});

describe("credit code properties", () => {
  const body = fc.array(fc.constantFrom(...CHARSET), { minLength: 17, maxLength: 17 }).map((characters) => characters.join(""));
  const validCode = body.map((first17) => first17 + creditCodeCheckChar(first17));

  it("accepts any 17 charset characters plus the computed check character", () => {
    fc.assert(
      fc.property(validCode, (code) => {
        expect(checkCreditCode(code)).toEqual({ valid: true, normalized: code, authority: code.charAt(0) });
      }),
    );
  });

  it("rejects the code when any one character is changed to another charset character", () => {
    fc.assert(
      fc.property(validCode, fc.nat({ max: 17 }), fc.constantFrom(...CHARSET), (code, position, replacement) => {
        fc.pre(code.charAt(position) !== replacement);
        const changed = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(reasonOf(changed)).toBe("CHECKSUM");
      }),
    );
  });

  it("rejects the code when two different neighbouring body characters are swapped", () => {
    fc.assert(
      fc.property(validCode, fc.nat({ max: 15 }), (code, position) => {
        const [a, b] = [code.charAt(position), code.charAt(position + 1)];
        fc.pre(a !== b);
        const swapped = code.slice(0, position) + b + a + code.slice(position + 2);
        expect(reasonOf(swapped)).toBe("CHECKSUM");
      }),
    );
  });
});
