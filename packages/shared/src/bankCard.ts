// Bank card and passbook account numbers for subsidy payments (一卡通): 15-19 digits with a
// Luhn check digit on cards. Passbook (存折) numbers are not issued under the Luhn scheme by every
// rural bank, so for them a failed check is a warning for the clerk, not a rejection.

export type BankCardResult =
  | {
      valid: true;
      /** Digits only, spaces removed. */
      normalized: string;
      luhn: boolean;
      /** CARD_PASSBOOK: a passbook number that fails Luhn; pay, but let the clerk double-check it. */
      warning: "CARD_PASSBOOK" | null;
    }
  | { valid: false; reason: "LENGTH" | "CHARSET" | "CHECKSUM" };

const LENGTH_MIN = 15;
const LENGTH_MAX = 19;
const DIGITS = /^[0-9]+$/;

/** The Luhn (mod 10) check over a string of ASCII digits, check digit last; false for anything else. */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) {
    return false;
  }
  let sum = 0;
  // From the right, every second digit (starting with the one left of the check digit) is doubled.
  for (let offset = 0; offset < digits.length; offset += 1) {
    let value = digits.charCodeAt(digits.length - 1 - offset) - 48;
    if (offset % 2 === 1) {
      value *= 2;
      if (value > 9) {
        value -= 9;
      }
    }
    sum += value;
  }
  return sum % 10 === 0;
}

/**
 * Checks an account number: ASCII spaces anywhere are removed (numbers are printed and typed in
 * groups of four), then LENGTH (15-19 characters), CHARSET (digits only), and Luhn.
 * A Luhn failure is CHECKSUM for a card (the default) and a valid result with warning
 * CARD_PASSBOOK for a passbook.
 */
export function checkBankCard(
  input: string,
  options: { accountType?: "card" | "passbook" } = {},
): BankCardResult {
  const normalized = input.replaceAll(" ", "");
  if (normalized.length < LENGTH_MIN || normalized.length > LENGTH_MAX) {
    return { valid: false, reason: "LENGTH" };
  }
  if (!DIGITS.test(normalized)) {
    return { valid: false, reason: "CHARSET" };
  }
  if (luhnValid(normalized)) {
    return { valid: true, normalized, luhn: true, warning: null };
  }
  if (options.accountType === "passbook") {
    return { valid: true, normalized, luhn: false, warning: "CARD_PASSBOOK" };
  }
  return { valid: false, reason: "CHECKSUM" };
}
