// The 18-character resident ID number (公民身份号码, GB 11643-1999): 6-digit address code,
// 8-digit birth date, 3-digit sequence (odd for men), and an ISO 7064 MOD 11-2 check character.

export type ResidentIdResult =
  | {
      valid: true;
      /** The ID with a lower-case x check character written as X. */
      normalized: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: "male" | "female";
      /** The address code: the first 6 digits, the county where the number was first issued. */
      regionCode: string;
    }
  | { valid: false; reason: "LENGTH" | "CHARSET" | "BIRTH_DATE" | "CHECKSUM" };

/** Weight of each of the first 17 digits: 2^(17 − position) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character indexed by (Σ digit × weight) mod 11. */
const CHECK_CHARACTERS = "10X98765432";

/**
 * GB 11643 sets no earliest birth date. DOMAIN.md's own valid vector 440524188001010014 was
 * born in 1880, so 1900 would be wrong; 1800 still rejects typing slips like 0199 or 1099.
 */
const BIRTH_YEAR_MIN = 1800;

/** China keeps one time zone, UTC+8 with no daylight saving; "today" is the date there. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const SHAPE = /^[0-9]{17}[0-9Xx]$/;
const FIRST_17 = /^[0-9]{17}$/;

/** The check character (0-9 or X) for 17 ASCII digits; throws RangeError on anything else. */
export function residentIdCheckChar(first17: string): string {
  if (!FIRST_17.test(first17)) {
    throw new RangeError("身份证号本体码应为 17 位数字");
  }
  let sum = 0;
  for (let index = 0; index < 17; index += 1) {
    sum += (first17.charCodeAt(index) - 48) * (WEIGHTS[index] ?? 0);
  }
  return CHECK_CHARACTERS.charAt(sum % 11);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the Gregorian calendar (February 29 in leap years). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Today's calendar date in China as YYYYMMDD, so it compares with the birth digits as text. */
function chinaDateDigits(instant: Date): string {
  const time = instant.getTime();
  if (Number.isNaN(time)) {
    throw new RangeError("today 不是有效的日期");
  }
  const shifted = new Date(time + CHINA_OFFSET_MS);
  const year = String(shifted.getUTCFullYear()).padStart(4, "0");
  const month = String(shifted.getUTCMonth() + 1).padStart(2, "0");
  const day = String(shifted.getUTCDate()).padStart(2, "0");
  return `${year}${month}${day}`;
}

/** A real calendar date from BIRTH_YEAR_MIN up to and including today in China. */
function isPlausibleBirthDate(digits: string, today: Date): boolean {
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (year < BIRTH_YEAR_MIN || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return false;
  }
  return digits <= chinaDateDigits(today);
}

/**
 * Checks a resident ID number, in this order: LENGTH (exactly 18 characters; nothing is trimmed,
 * so stray spaces are reported rather than hidden), CHARSET (17 digits then a digit or X/x),
 * BIRTH_DATE (a real date, year ≥ 1800, not after `today` in China), CHECKSUM.
 */
export function checkResidentId(input: string, today: Date = new Date()): ResidentIdResult {
  if (input.length !== 18) {
    return { valid: false, reason: "LENGTH" };
  }
  if (!SHAPE.test(input)) {
    return { valid: false, reason: "CHARSET" };
  }
  const normalized = input.toUpperCase();
  const birthDigits = normalized.slice(6, 14);
  if (!isPlausibleBirthDate(birthDigits, today)) {
    return { valid: false, reason: "BIRTH_DATE" };
  }
  if (residentIdCheckChar(normalized.slice(0, 17)) !== normalized.charAt(17)) {
    return { valid: false, reason: "CHECKSUM" };
  }
  const sequenceLastDigit = normalized.charCodeAt(16) - 48;
  return {
    valid: true,
    normalized,
    birthDate: `${birthDigits.slice(0, 4)}-${birthDigits.slice(4, 6)}-${birthDigits.slice(6, 8)}`,
    sex: sequenceLastDigit % 2 === 1 ? "male" : "female",
    regionCode: normalized.slice(0, 6),
  };
}

/** True when checkResidentId accepts the input as of now. */
export function isResidentId(input: string): boolean {
  return checkResidentId(input).valid;
}
