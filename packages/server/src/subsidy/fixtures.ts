// Generated, never real, personal numbers for the demo and the tests: resident IDs with the
// fictional address code 329901 (青禾区) and a valid check character, and Luhn-valid card numbers.
import { residentIdCheckChar } from "@xiangcai/shared";

/** A valid resident ID: address 329901, the given birth date (YYYYMMDD) and 3-digit sequence. */
export function generatedResidentId(birth: string, sequence: number): string {
  const first17 = `329901${birth}${String(sequence % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** The prefix completed with the one check digit that makes it pass Luhn. */
export function luhnCard(prefix: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${prefix}${d}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let v = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error("unreachable: one of ten digits passes Luhn");
}

/** A 19-digit card number (bank prefix 623099, fictional) for the n-th generated person. */
export function generatedCard(n: number): string {
  return luhnCard(`623099${String(n).padStart(12, "0")}`);
}
