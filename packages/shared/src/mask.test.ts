// Proves that ID numbers, account numbers and names are masked as DOMAIN.md §4 says (first 6 and last 4, last 4, first character), and that short, empty or odd input is masked entirely without throwing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { maskBankCard, maskName, maskResidentId } from "./mask.ts";

describe("maskResidentId", () => {
  it("shows the first 6 and last 4 characters of an 18-character ID", () => {
    expect(maskResidentId("11010519491231002X")).toBe("110105********002X");
  });

  it("does the same for an old 15-digit ID, the shortest length shown partly", () => {
    expect(maskResidentId("110105491231002")).toBe("110105*****1002");
  });

  it("masks everything below 15 characters", () => {
    expect(maskResidentId("11010549123100")).toBe("**************");
    expect(maskResidentId("abc")).toBe("***");
    expect(maskResidentId("")).toBe("");
  });
});

describe("maskBankCard", () => {
  it("shows only the last 4 digits behind four asterisks", () => {
    expect(maskBankCard("6222020200001234567")).toBe("****4567");
  });

  it("ignores spaces so the last four are digits", () => {
    expect(maskBankCard("6222 0202 0000 1234 567 ")).toBe("****4567");
  });

  it("shows the last four from 8 characters up and nothing below", () => {
    expect(maskBankCard("12345678")).toBe("****5678");
    expect(maskBankCard("1234567")).toBe("****");
    expect(maskBankCard("12")).toBe("****");
  });

  it("keeps an empty account empty", () => {
    expect(maskBankCard("")).toBe("");
    expect(maskBankCard("   ")).toBe("");
  });
});

describe("maskName", () => {
  it.each([
    ["张三", "张*"],
    ["李小明", "李**"],
    ["欧阳娜娜", "欧***"],
    ["买买提·艾力", "买*****"],
  ])("masks %s as %s", (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it("masks a one-character name entirely and keeps an empty name empty", () => {
    expect(maskName("张")).toBe("*");
    expect(maskName("")).toBe("");
  });

  it("keeps a character outside the basic plane whole", () => {
    expect(maskName("𠮷野家")).toBe("𠮷**");
    expect(maskName("王𠮷")).toBe("王*");
  });
});

describe("mask properties", () => {
  /** Each character kept where the rule shows it and "*" everywhere else. */
  const shape = (input: string, kept: (index: number, length: number) => boolean) =>
    Array.from(input)
      .map((c, i, all) => (kept(i, all.length) ? c : "*"))
      .join("");
  const idKept = (i: number, n: number) => n >= 15 && (i < 6 || i >= n - 4);
  const nameKept = (i: number, n: number) => n > 1 && i === 0;

  it("never throws, keeps the length of IDs and names, shows only what the rule shows, and hides something of every non-empty input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 25 }), (input) => {
        const length = Array.from(input).length;
        expect(maskResidentId(input)).toBe(shape(input, idKept));
        expect(maskName(input)).toBe(shape(input, nameKept));
        expect(Array.from(maskResidentId(input))).toHaveLength(length);
        expect(Array.from(maskName(input))).toHaveLength(length);
        const card = maskBankCard(input);
        expect(card === "" || card.startsWith("****")).toBe(true);
        // Something is always hidden: a masked position exists in every non-empty input.
        if (length > 0) {
          expect(Array.from({ length }, (_, i) => idKept(i, length)).some((k) => !k)).toBe(true);
          expect(Array.from({ length }, (_, i) => nameKept(i, length)).some((k) => !k)).toBe(true);
        }
      }),
    );
  });

  it("returns a name whose only unmasked-looking character is the kept first one unchanged (the case a random run once found)", () => {
    expect(maskName(" *")).toBe(" *");
    expect(maskName("王*")).toBe("王*");
  });
});
