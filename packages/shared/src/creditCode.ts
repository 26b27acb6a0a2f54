// The unified social credit code (统一社会信用代码, GB 32100-2015) of budget units and of payees
// that are organisations: registering authority, organisation category, 6-digit division code,
// 9-character organisation code, and a check character computed modulo 31.

export type CreditCodeResult =
  | {
      valid: true;
      /** The code in upper case. */
      normalized: string;
      /** Position 1, the registering authority (登记管理部门代码); see creditCodeAuthorityName. */
      authority: string;
    }
  | { valid: false; reason: "LENGTH" | "CHARSET" | "CHECKSUM" };

/** The 31 characters of the code, in value order; I O S V Z are left out as easily misread. */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** Weight of each of the first 17 characters: 3^(position − 1) mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

// Upper-casing only ASCII letters keeps the length fixed: String.prototype.toUpperCase would turn
// "ß" into "SS" and could make a wrong-length input pass the length check.
function upperAscii(text: string): string {
  return text.replace(/[a-z]/g, (letter) => letter.toUpperCase());
}

function isInCharset(text: string): boolean {
  for (const character of text) {
    if (!CHARSET.includes(character)) {
      return false;
    }
  }
  return true;
}

/**
 * The check character for the first 17 characters (upper or lower case).
 * Throws RangeError when they are not 17 characters of the code's charset.
 */
export function creditCodeCheckChar(first17: string): string {
  const upper = upperAscii(first17);
  if (upper.length !== 17 || !isInCharset(upper)) {
    throw new RangeError("统一社会信用代码本体应为 17 位，只含数字和除 I、O、S、V、Z 外的大写字母");
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += CHARSET.indexOf(upper.charAt(index)) * (WEIGHTS[index] ?? 0);
  }
  // 31 − (Σ mod 31), where 31 (Σ divisible by 31) becomes 0.
  const value = (31 - (sum % 31)) % 31;
  return CHARSET.charAt(value);
}

/**
 * Checks a credit code: LENGTH (exactly 18 characters, nothing trimmed), CHARSET (lower case is
 * accepted and upper-cased; I O S V Z and anything else are rejected), CHECKSUM.
 * The authority and category positions are not checked against the GB 32100 tables: the tables
 * have grown since 2015 (A, N) and a newly added value must not block a payment.
 */
export function checkCreditCode(input: string): CreditCodeResult {
  if (input.length !== 18) {
    return { valid: false, reason: "LENGTH" };
  }
  const normalized = upperAscii(input);
  if (!isInCharset(normalized)) {
    return { valid: false, reason: "CHARSET" };
  }
  if (creditCodeCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { valid: false, reason: "CHECKSUM" };
  }
  return { valid: true, normalized, authority: normalized.charAt(0) };
}

/**
 * Registering authorities of GB 32100-2015 (appendix A) with the codes added since: A (军队) and
 * N (rural collective economic organisations, which villages register). 9 is written 市场监管:
 * the standard says 工商, whose registration work passed to market regulation in 2018.
 */
const AUTHORITY_NAMES: ReadonlyMap<string, string> = new Map([
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
]);

/** The Chinese name of a registering authority code (upper or lower case); unknown codes are 其他. */
export function creditCodeAuthorityName(authority: string): string {
  return AUTHORITY_NAMES.get(upperAscii(authority)) ?? "其他";
}
