// Generated, never real, personal numbers for supervision's demo cases and tests: resident IDs with
// the fictional address code 329901 and a valid check character, Luhn-valid card numbers with a
// fictional bank prefix (623098, apart from the subsidy demo's 623099).
import { luhnValid, residentIdCheckChar } from "@xiangcai/shared";

/** A valid resident ID: address 329901, the birth date (YYYYMMDD) and a 3-digit sequence. */
export function madeResidentId(birth: string, sequence: number): string {
  const first17 = `329901${birth}${String(sequence % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** A 19-digit card number passing Luhn for the n-th made person. */
export function madeCard(n: number): string {
  const prefix = `623098${String(n).padStart(12, "0")}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("unreachable: one of ten digits passes Luhn");
}
