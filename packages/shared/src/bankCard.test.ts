// Proves that account numbers are accepted when they have 15-19 digits (spaces ignored) and pass Luhn, that a card failing Luhn is rejected while a passbook failing Luhn is accepted with a warning, and that Luhn catches any single mistyped digit.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkBankCard, luhnValid } from "./bankCard.ts";

/** Test helper: the body followed by the one digit that makes it pass Luhn. */
function withCheckDigit(body: string): string {
  for (const digit of "0123456789") {
    if (luhnValid(body + digit)) {
      return body + digit;
    }
  }
  throw new Error(`no Luhn digit for ${body}`);
}

const CARD_16 = "4111111111111111";
const CARD_15 = withCheckDigit("62220202000000");
const CARD_19 = withCheckDigit("622202020000000001");

function reasonOf(input: string, accountType?: "card" | "passbook"): string {
  const result = checkBankCard(input, accountType === undefined ? {} : { accountType });
  return result.valid ? "VALID" : result.reason;
}

describe("luhnValid", () => {
  it("accepts the classic Luhn vectors and rejects a one-off check digit", () => {
    expect(luhnValid("79927398713")).toBe(true);
    expect(luhnValid("79927398710")).toBe(false);
    expect(luhnValid(CARD_16)).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
  });

  it("treats all zeros as valid, since their sum is 0", () => {
    expect(luhnValid("0")).toBe(true);
    expect(luhnValid("000000000000000")).toBe(true);
  });

  it.each(["", "4111 1111 1111 1111", "411111111111111a", "４111111111111111"])(
    "is false for %j, which is not only ASCII digits",
    (input) => {
      expect(luhnValid(input)).toBe(false);
    },
  );
});

describe("checkBankCard", () => {
  it("accepts a 16-digit card that passes Luhn, without warning", () => {
    expect(checkBankCard(CARD_16)).toEqual({ valid: true, normalized: CARD_16, luhn: true, warning: null });
  });

  it("accepts the length boundaries, 15 and 19 digits", () => {
    expect(CARD_15).toHaveLength(15);
    expect(CARD_19).toHaveLength(19);
    expect(reasonOf(CARD_15)).toBe("VALID");
    expect(reasonOf(CARD_19)).toBe("VALID");
  });

  it("removes spaces anywhere, as numbers are written in groups of four", () => {
    expect(checkBankCard("4111 1111 1111 1111")).toEqual({
      valid: true,
      normalized: CARD_16,
      luhn: true,
      warning: null,
    });
    expect(checkBankCard(` ${CARD_16} `).valid).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["   ", "spaces only"],
    [withCheckDigit("6222020200000"), "14 digits"],
    [withCheckDigit("6222020200000000001"), "20 digits"],
    ["4111 1111 1111 11", "14 digits once spaces are removed"],
  ])("rejects %j as LENGTH (%s)", (input) => {
    expect(reasonOf(input)).toBe("LENGTH");
  });

  it.each([
    ["4111-1111-1111-1111", "hyphens"],
    ["411111111111111a", "a letter"],
    ["４１１１１１１１１１１１１１１１", "full-width digits"],
    ["4111\t1111\t1111\t1111", "tabs, which are not removed like spaces"],
  ])("rejects %j as CHARSET (%s)", (input) => {
    expect(reasonOf(input)).toBe("CHARSET");
  });

  it("rejects a card that fails Luhn as CHECKSUM, by default and for accountType card", () => {
    expect(reasonOf("4111111111111112")).toBe("CHECKSUM");
    expect(reasonOf("4111111111111112", "card")).toBe("CHECKSUM");
  });

  it("accepts a passbook that fails Luhn, with luhn false and warning CARD_PASSBOOK", () => {
    expect(checkBankCard("4111 1111 1111 1112", { accountType: "passbook" })).toEqual({
      valid: true,
      normalized: "4111111111111112",
      luhn: false,
      warning: "CARD_PASSBOOK",
    });
  });

  it("gives no warning for a passbook that passes Luhn", () => {
    expect(checkBankCard(CARD_16, { accountType: "passbook" })).toEqual({
      valid: true,
      normalized: CARD_16,
      luhn: true,
      warning: null,
    });
  });

  it("still rejects a passbook number of the wrong length or with other characters", () => {
    expect(reasonOf("12345678901234", "passbook")).toBe("LENGTH");
    expect(reasonOf("1234567890123a5", "passbook")).toBe("CHARSET");
  });
});

describe("bank card properties", () => {
  const validCard = fc
    .integer({ min: 14, max: 18 })
    .chain((length) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`)))
    .map(withCheckDigit);

  it("accepts any 15-19 digits ending in the Luhn check digit, with or without spaces", () => {
    fc.assert(
      fc.property(validCard, (card) => {
        expect(checkBankCard(card)).toEqual({ valid: true, normalized: card, luhn: true, warning: null });
        const grouped = card.replace(/(.{4})/g, "$1 ");
        expect(checkBankCard(grouped).valid).toBe(true);
      }),
    );
  });

  it("rejects a card with any one digit changed, and accepts it as a passbook with a warning", () => {
    fc.assert(
      fc.property(validCard, fc.nat({ max: 18 }), fc.nat({ max: 9 }), (card, rawPosition, digit) => {
        const position = rawPosition % card.length;
        fc.pre(card.charAt(position) !== String(digit));
        const changed = card.slice(0, position) + String(digit) + card.slice(position + 1);
        expect(reasonOf(changed)).toBe("CHECKSUM");
        const passbook = checkBankCard(changed, { accountType: "passbook" });
        expect(passbook.valid && passbook.warning).toBe("CARD_PASSBOOK");
      }),
    );
  });
});
