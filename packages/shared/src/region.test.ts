// Proves that stored region codes are classified by level and kind at every digit-range boundary of DOMAIN.md §2, that invalid codes are rejected with the right reason, and that a data scope covers exactly its own region and those below it.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { checkRegionCode, scopeCovers, scopePrefixOf } from "./region.ts";

function reasonOf(code: string): string {
  const result = checkRegionCode(code);
  return result.valid ? "VALID" : result.reason;
}

function kindOf(code: string): string {
  const result = checkRegionCode(code);
  return result.valid ? result.kind : result.reason;
}

describe("checkRegionCode", () => {
  it("reads a county code + 000 as a district with no parent and a 6-digit scope", () => {
    expect(checkRegionCode("110105000")).toEqual({
      valid: true,
      level: "district",
      kind: "district",
      kindName: "区县",
      parentCode: null,
      scopePrefix: "110105",
    });
  });

  it("reads 9 digits as a township under its district, scoped by all 9", () => {
    expect(checkRegionCode("440524100")).toEqual({
      valid: true,
      level: "township",
      kind: "town",
      kindName: "镇",
      parentCode: "440524000",
      scopePrefix: "440524100",
    });
  });

  it("reads 12 digits as a village under its township, scoped by all 12", () => {
    expect(checkRegionCode("440524100201")).toEqual({
      valid: true,
      level: "village",
      kind: "villageCommittee",
      kindName: "村委会",
      parentCode: "440524100",
      scopePrefix: "440524100201",
    });
  });

  it.each([
    ["001", "subdistrict", "街道"],
    ["099", "subdistrict", "街道"],
    ["100", "town", "镇"],
    ["199", "town", "镇"],
    ["200", "township", "乡"],
    ["399", "township", "乡"],
    ["400", "otherUnit", "其他乡级单位"],
    ["599", "otherUnit", "其他乡级单位"],
  ])("classifies township digits %s as %s (%s)", (digits, kind, kindName) => {
    const result = checkRegionCode(`110105${digits}`);
    expect(result.valid && [result.level, result.kind, result.kindName]).toEqual(["township", kind, kindName]);
  });

  it.each(["600", "999"])("rejects township digits %s as RANGE", (digits) => {
    expect(reasonOf(`110105${digits}`)).toBe("RANGE");
  });

  it.each([
    ["001", "residentsCommittee", "居委会"],
    ["199", "residentsCommittee", "居委会"],
    ["200", "villageCommittee", "村委会"],
    ["399", "villageCommittee", "村委会"],
    ["400", "otherVillageUnit", "其他村级单位"],
    ["599", "otherVillageUnit", "其他村级单位"],
  ])("classifies village digits %s as %s (%s)", (digits, kind, kindName) => {
    const result = checkRegionCode(`110105001${digits}`);
    expect(result.valid && [result.level, result.kind, result.kindName]).toEqual(["village", kind, kindName]);
  });

  it.each([
    ["110105001000", "village digits 000: a township is stored with 9 digits"],
    ["110105001600", "village digits 600"],
    ["110105001999", "village digits 999"],
    ["110105000001", "a village under township digits 000"],
    ["110105600001", "a village under township digits 600"],
  ])("rejects %s as RANGE (%s)", (code) => {
    expect(reasonOf(code)).toBe("RANGE");
  });

  it.each([
    ["", "empty"],
    ["110105", "a bare county code"],
    ["11010500", "8 digits"],
    ["1101050001", "10 digits"],
    ["11010500100", "11 digits"],
    ["1101050010011", "13 digits"],
    [" 110105000", "a leading space"],
  ])("rejects %j as LENGTH (%s)", (code) => {
    expect(reasonOf(code)).toBe("LENGTH");
  });

  it.each([
    ["11010500A", "a letter"],
    ["１１0105000", "full-width digits"],
    ["110105-01", "a hyphen"],
    ["110105 01001", "a space"],
  ])("rejects %j as CHARSET (%s)", (code) => {
    expect(reasonOf(code)).toBe("CHARSET");
  });

  it.each([
    ["000000000", "province 00"],
    ["101234000", "province 10, below 11"],
    ["191234000", "province 19, inside 11-82 but not assigned"],
    ["701234000", "province 70"],
    ["831234000", "province 83, above 82"],
    ["110000000", "a province code itself"],
    ["440000001", "a township directly under a province"],
  ])("rejects %s as RANGE (%s)", (code) => {
    expect(reasonOf(code)).toBe("RANGE");
  });

  it.each([
    ["110105000", "Beijing"],
    ["650102000", "Xinjiang"],
    ["820001000", "Macao, the last province code"],
    ["441900000", "Dongguan, a prefecture city with no counties"],
    ["441900003", "a subdistrict directly under Dongguan"],
    ["429004000", "Xiantao, a county-level city under the province"],
  ])("accepts %s (%s)", (code) => {
    expect(reasonOf(code)).toBe("VALID");
  });

  it("gives each rejection a Chinese message", () => {
    for (const code of ["", "11010500A", "110105600", "190105000"]) {
      const result = checkRegionCode(code);
      expect(result.valid ? "" : result.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("classifies kinds end to end", () => {
    expect(kindOf("110105001")).toBe("subdistrict");
    expect(kindOf("110105001001")).toBe("residentsCommittee");
  });
});

describe("scopeCovers", () => {
  it("covers the region itself and everything below it", () => {
    expect(scopeCovers("440524100", "440524100")).toBe(true);
    expect(scopeCovers("440524100", "440524100201")).toBe(true);
    expect(scopeCovers("440524", "440524100201")).toBe(true);
    expect(scopeCovers("440524", "440524000")).toBe(true);
    expect(scopeCovers("44", "440524100201")).toBe(true);
  });

  it("does not cover a sibling, a parent or another district", () => {
    expect(scopeCovers("440524100", "440524101001")).toBe(false);
    expect(scopeCovers("440524100", "440524000")).toBe(false);
    expect(scopeCovers("440524100201", "440524100")).toBe(false);
    expect(scopeCovers("440524", "440525100")).toBe(false);
  });

  it("fails closed: an empty or non-digit prefix covers nothing", () => {
    expect(scopeCovers("", "440524100")).toBe(false);
    expect(scopeCovers(" ", "440524100")).toBe(false);
    expect(scopeCovers("44052*", "440524100")).toBe(false);
    expect(scopeCovers("440524", "")).toBe(false);
    expect(scopeCovers("440524", "440524abc")).toBe(false);
  });
});

describe("scopePrefixOf", () => {
  it("returns 6 digits for a district, 9 for a township, 12 for a village", () => {
    expect(scopePrefixOf("440524000")).toBe("440524");
    expect(scopePrefixOf("440524100")).toBe("440524100");
    expect(scopePrefixOf("440524100201")).toBe("440524100201");
  });

  it.each(["", "440524", "44052410A", "440524600", "190524000"])("throws on the invalid code %j", (code) => {
    expect(() => scopePrefixOf(code)).toThrow(RangeError);
  });
});

describe("region properties", () => {
  const province = fc.constantFrom("11", "31", "44", "65", "82");
  const county = fc.stringMatching(/^[0-9]{4}$/).filter((digits) => digits !== "0000");
  const unitDigits = fc.integer({ min: 1, max: 599 }).map((value) => String(value).padStart(3, "0"));
  const village = fc
    .tuple(province, county, unitDigits, unitDigits)
    .map(([p, c, t, v]) => `${p}${c}${t}${v}`);

  it("places every valid village in its township and district, whose scopes cover it", () => {
    fc.assert(
      fc.property(village, (code) => {
        const result = checkRegionCode(code);
        expect(result.valid).toBe(true);
        if (!result.valid || result.parentCode === null) return;
        const township = checkRegionCode(result.parentCode);
        expect(township.valid && township.level).toBe("township");
        if (!township.valid || township.parentCode === null) return;
        const district = checkRegionCode(township.parentCode);
        expect(district.valid && district.level).toBe("district");
        for (const scopeOwner of [code, result.parentCode, township.parentCode]) {
          expect(scopeCovers(scopePrefixOf(scopeOwner), code)).toBe(true);
        }
      }),
    );
  });

  it("never throws and always explains a rejection, whatever the string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), (code) => {
        const result = checkRegionCode(code);
        if (!result.valid) expect(result.message.length).toBeGreaterThan(0);
      }),
    );
  });
});
