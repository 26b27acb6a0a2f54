// Region codes (统计用区划代码, DOMAIN.md §2) and the data scope built on them. The platform
// stores a district as its 6-digit county code (GB/T 2260) + "000", a township as 9 digits and a
// village as 12; a user's data scope is the code prefix of their region.

export type RegionLevel = "district" | "township" | "village";

export type RegionKind =
  | "district"
  | "subdistrict"
  | "town"
  | "township"
  | "otherUnit"
  | "residentsCommittee"
  | "villageCommittee"
  | "otherVillageUnit";

export type RegionCodeResult =
  | {
      valid: true;
      level: RegionLevel;
      kind: RegionKind;
      /** 区县, 街道, 镇, 乡, 其他乡级单位, 居委会, 村委会, 其他村级单位 */
      kindName: string;
      /** The region one level up, in stored form; null for a district. */
      parentCode: string | null;
      /** The prefix every code inside this region starts with: 6, 9 or 12 digits. */
      scopePrefix: string;
    }
  | { valid: false; reason: "LENGTH" | "CHARSET" | "RANGE"; message: string };

/**
 * Province-level codes of GB/T 2260: the first two digits of every real region code. Listed
 * rather than taken as the range 11-82, which would also let through 16-20, 24-30, 38-40 … that
 * no province has.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  "11", "12", "13", "14", "15",
  "21", "22", "23",
  "31", "32", "33", "34", "35", "36", "37",
  "41", "42", "43", "44", "45", "46",
  "50", "51", "52", "53", "54",
  "61", "62", "63", "64", "65",
  "71",
  "81", "82",
]);

const DIGITS = /^[0-9]+$/;

type KindRange = { readonly from: number; readonly to: number; readonly kind: RegionKind; readonly name: string };

/** Township digits 7-9; 600-999 are not assigned by the standard. */
const TOWNSHIP_KINDS: readonly KindRange[] = [
  { from: 1, to: 99, kind: "subdistrict", name: "街道" },
  { from: 100, to: 199, kind: "town", name: "镇" },
  { from: 200, to: 399, kind: "township", name: "乡" },
  { from: 400, to: 599, kind: "otherUnit", name: "其他乡级单位" },
];

/** Village digits 10-12; 600-999 are not assigned by the standard. */
const VILLAGE_KINDS: readonly KindRange[] = [
  { from: 1, to: 199, kind: "residentsCommittee", name: "居委会" },
  { from: 200, to: 399, kind: "villageCommittee", name: "村委会" },
  { from: 400, to: 599, kind: "otherVillageUnit", name: "其他村级单位" },
];

function kindOf(digits: string, ranges: readonly KindRange[]): KindRange | undefined {
  const value = Number(digits);
  return ranges.find((range) => value >= range.from && value <= range.to);
}

function rangeError(message: string): RegionCodeResult {
  return { valid: false, reason: "RANGE", message };
}

/**
 * Checks a stored region code and says what it is. In order: LENGTH (9 or 12 characters),
 * CHARSET (ASCII digits), RANGE (a real province, a county part that is not a bare province,
 * township digits 001-599 or 000 for a district, village digits 001-599).
 */
export function checkRegionCode(code: string): RegionCodeResult {
  if (code.length !== 9 && code.length !== 12) {
    return {
      valid: false,
      reason: "LENGTH",
      message: "区划代码应为 9 位（区县、乡镇街道）或 12 位（村居）",
    };
  }
  if (!DIGITS.test(code)) {
    return { valid: false, reason: "CHARSET", message: "区划代码只能包含数字" };
  }
  if (!PROVINCE_CODES.has(code.slice(0, 2))) {
    return rangeError(`区划代码的省级代码“${code.slice(0, 2)}”不存在`);
  }
  // "xx0000" is a province itself, never a district. A prefecture code ending in 00 is allowed:
  // cities without counties (东莞 441900, 中山 442000) keep their townships directly under it.
  if (code.slice(2, 6) === "0000") {
    return rangeError("区划代码的前 6 位是省级代码，不是区县");
  }

  const townshipDigits = code.slice(6, 9);
  if (code.length === 9 && townshipDigits === "000") {
    return {
      valid: true,
      level: "district",
      kind: "district",
      kindName: "区县",
      parentCode: null,
      scopePrefix: code.slice(0, 6),
    };
  }
  const townshipKind = kindOf(townshipDigits, TOWNSHIP_KINDS);
  if (townshipKind === undefined) {
    return rangeError(`乡级代码“${townshipDigits}”应在 001-599 之间`);
  }
  if (code.length === 9) {
    return {
      valid: true,
      level: "township",
      kind: townshipKind.kind,
      kindName: townshipKind.name,
      parentCode: `${code.slice(0, 6)}000`,
      scopePrefix: code,
    };
  }

  const villageDigits = code.slice(9, 12);
  const villageKind = kindOf(villageDigits, VILLAGE_KINDS);
  if (villageKind === undefined) {
    return rangeError(`村级代码“${villageDigits}”应在 001-599 之间（乡镇街道用 9 位代码）`);
  }
  return {
    valid: true,
    level: "village",
    kind: villageKind.kind,
    kindName: villageKind.name,
    parentCode: code.slice(0, 9),
    scopePrefix: code,
  };
}

/**
 * Whether a region lies inside a data scope, i.e. its code starts with the scope prefix.
 * Fails closed: an empty or non-digit prefix covers nothing, because "" would otherwise cover
 * every row, and a bug that lost a user's prefix must not open the whole database to them.
 */
export function scopeCovers(scopePrefix: string, regionCode: string): boolean {
  return DIGITS.test(scopePrefix) && DIGITS.test(regionCode) && regionCode.startsWith(scopePrefix);
}

/** The data-scope prefix of a region (district 6 digits, township 9, village 12); throws RangeError on an invalid code. */
export function scopePrefixOf(regionCode: string): string {
  const result = checkRegionCode(regionCode);
  if (!result.valid) {
    throw new RangeError(result.message);
  }
  return result.scopePrefix;
}
