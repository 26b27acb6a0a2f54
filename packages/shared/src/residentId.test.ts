// Proves that resident ID numbers are accepted exactly when GB 11643-1999 holds (length, characters, a real past birth date, the MOD 11-2 check character), in that order of reasons, and that any single mistyped digit is caught.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkResidentId, isResidentId, residentIdCheckChar } from "./residentId.ts";

/** A fixed "today", 2025-06-15 in China, so the tests do not depend on the clock. */
const TODAY = new Date("2025-06-15T12:00:00+08:00");

/** Test helper: a valid-checksum ID from its parts. */
function buildId(address: string, birth: string, sequence: string): string {
  const first17 = `${address}${birth}${sequence}`;
  return first17 + residentIdCheckChar(first17);
}

function reasonOf(input: string, today: Date = TODAY): string {
  const result = checkResidentId(input, today);
  return result.valid ? "VALID" : result.reason;
}

describe("checkResidentId", () => {
  it("accepts the DOMAIN.md vectors and reads birth date, sex and address code", () => {
    expect(checkResidentId("11010519491231002X", TODAY)).toEqual({
      valid: true,
      normalized: "11010519491231002X",
      birthDate: "1949-12-31",
      sex: "female",
      regionCode: "110105",
    });
    // Born 1880: GB 11643 has no earliest date, so the validator must not impose 1900.
    expect(checkResidentId("440524188001010014", TODAY)).toEqual({
      valid: true,
      normalized: "440524188001010014",
      birthDate: "1880-01-01",
      sex: "male",
      regionCode: "440524",
    });
  });

  it("accepts a lower-case x check character and normalizes it to X", () => {
    const result = checkResidentId("11010519491231002x", TODAY);
    expect(result.valid && result.normalized).toBe("11010519491231002X");
  });

  it("reads the sex from the parity of the 17th digit", () => {
    const male = checkResidentId(buildId("110105", "19900101", "001"), TODAY);
    const female = checkResidentId(buildId("110105", "19900101", "002"), TODAY);
    expect(male.valid && male.sex).toBe("male");
    expect(female.valid && female.sex).toBe("female");
  });

  it.each([
    ["", "empty"],
    ["11010519491231002", "17 characters"],
    ["11010519491231002XX", "19 characters"],
    ["11010519491231002X ", "a trailing space, not trimmed"],
    [" 11010519491231002X", "a leading space, not trimmed"],
    ["110105491231002", "an old 15-digit number"],
  ])("rejects %j as LENGTH (%s)", (input) => {
    expect(reasonOf(input)).toBe("LENGTH");
  });

  it.each([
    ["1101051949123100X2", "X before the last place"],
    ["11010519491231002Y", "a letter other than X at the end"],
    ["１１０１０５19491231002X", "full-width digits"],
    ["110105 9491231002X", "a space inside"],
    ["11010519491231002-", "punctuation"],
  ])("rejects %j as CHARSET (%s)", (input) => {
    expect(reasonOf(input)).toBe("CHARSET");
  });

  it.each([
    ["19491331", "month 13"],
    ["19490031", "month 00"],
    ["19491200", "day 00"],
    ["19490230", "30 February"],
    ["19490431", "31 April"],
    ["19490229", "29 February in a common year"],
    ["19000229", "29 February 1900, not a leap year (divisible by 100)"],
    ["17991231", "before 1800"],
    ["20250616", "tomorrow"],
    ["30000101", "far future"],
  ])("rejects a birth date of %s as BIRTH_DATE (%s)", (birth) => {
    expect(reasonOf(buildId("110105", birth, "001"))).toBe("BIRTH_DATE");
  });

  it.each([
    ["20000229", "29 February 2000, a leap year (divisible by 400)"],
    ["19960229", "29 February 1996"],
    ["18000101", "1 January 1800, the earliest accepted"],
    ["20250615", "today"],
    ["19491231", "31 December"],
  ])("accepts a birth date of %s (%s)", (birth) => {
    expect(reasonOf(buildId("110105", birth, "001"))).toBe("VALID");
  });

  it("takes today as the calendar date in China (UTC+8), not in UTC", () => {
    const id = buildId("110105", "20250616", "001");
    // 16:30 UTC on 15 June is 00:30 on 16 June in Beijing.
    expect(reasonOf(id, new Date("2025-06-15T16:30:00Z"))).toBe("VALID");
    expect(reasonOf(id, new Date("2025-06-15T15:59:59Z"))).toBe("BIRTH_DATE");
  });

  it("uses the current date when no today is given", () => {
    expect(checkResidentId("11010519491231002X").valid).toBe(true);
    expect(checkResidentId(buildId("110105", "99991231", "001")).valid).toBe(false);
  });

  it("rejects an invalid today as a programming error", () => {
    expect(() => checkResidentId("11010519491231002X", new Date("not a date"))).toThrow(RangeError);
  });

  it.each([
    ["110105194912310021", "a wrong digit check character"],
    ["11010519491231002X".replace("1949", "1948"), "a changed birth year"],
    ["440524188001010015", "the last digit one off"],
    ["44052418800101001X", "X instead of 4"],
  ])("rejects %j as CHECKSUM (%s)", (input) => {
    expect(reasonOf(input)).toBe("CHECKSUM");
  });

  it("reports the first failing rule in the order LENGTH, CHARSET, BIRTH_DATE, CHECKSUM", () => {
    expect(reasonOf("A1010519491331002")).toBe("LENGTH");
    expect(reasonOf("A10105194913310021")).toBe("CHARSET");
    expect(reasonOf("110105194913310021")).toBe("BIRTH_DATE");
    expect(reasonOf("110105194912310021")).toBe("CHECKSUM");
  });
});

describe("residentIdCheckChar", () => {
  it("computes the check character from the weighted sum mod 11", () => {
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
    // Σ = 0 → index 0 → "1"; a single 1 in the last place gives Σ = 2 → "X".
    expect(residentIdCheckChar("00000000000000000")).toBe("1");
    expect(residentIdCheckChar("00000000000000001")).toBe("X");
  });

  it.each(["", "1101051949123100", "110105194912310021", "1101051949123100X", "１1010519491231002"])(
    "refuses %j, which is not 17 ASCII digits",
    (input) => {
      expect(() => residentIdCheckChar(input)).toThrow(RangeError);
    },
  );
});

describe("isResidentId", () => {
  it("is true for a valid number and false otherwise", () => {
    expect(isResidentId("11010519491231002X")).toBe(true);
    expect(isResidentId("110105194912310021")).toBe(false);
    expect(isResidentId("")).toBe(false);
  });
});

describe("resident ID properties", () => {
  const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
  const birthDate = fc
    .date({ min: new Date("1800-01-01T00:00:00Z"), max: new Date("2025-06-14T00:00:00Z"), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10).replaceAll("-", ""));
  const validId = fc
    .tuple(digits(6), birthDate, digits(3))
    .map(([address, birth, sequence]) => buildId(address, birth, sequence));

  it("accepts any 17 digits with a real past birth date plus the computed check character", () => {
    fc.assert(
      fc.property(validId, (id) => {
        const result = checkResidentId(id, TODAY);
        expect(result.valid).toBe(true);
        if (result.valid) {
          expect(result.birthDate.replaceAll("-", "")).toBe(id.slice(6, 14));
          expect(result.sex).toBe(Number(id.charAt(16)) % 2 === 1 ? "male" : "female");
        }
      }),
    );
  });

  it("rejects the number when any one character is changed to another digit or X", () => {
    fc.assert(
      fc.property(validId, fc.nat({ max: 17 }), fc.nat({ max: 10 }), (id, position, replacementIndex) => {
        const replacement = "0123456789X".charAt(replacementIndex);
        fc.pre(id.charAt(position) !== replacement);
        // X is only a check character; elsewhere it is a charset error, which is also a rejection.
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        expect(checkResidentId(changed, TODAY).valid).toBe(false);
      }),
    );
  });
});
