// Data scope in SQL: a user sees rows whose region code starts with the user's prefix.
import { and, gte, like, lt, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The smallest digit string greater than every string starting with `prefix` ("3299019" → "329902"),
 * or null when there is none ("999"). Region codes are digits only.
 */
export function prefixUpperBound(prefix: string): string | null {
  const digits = prefix.split("");
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i] !== "9") {
      digits[i] = String(Number(digits[i]) + 1);
      return digits.slice(0, i + 1).join("");
    }
  }
  return null;
}

/**
 * Rows under a scope prefix. The range lets PostgreSQL use the region-first primary keys whatever the
 * database's collation (a LIKE prefix alone cannot use a btree index outside the C collation); the
 * LIKE keeps the answer exact.
 */
export function scopeCondition(column: PgColumn, scopePrefix: string): SQL {
  const exact = like(column, `${escapeLike(scopePrefix)}%`);
  if (!/^\d+$/.test(scopePrefix)) return exact;
  const upper = prefixUpperBound(scopePrefix);
  return and(gte(column, scopePrefix), ...(upper ? [lt(column, upper)] : []), exact)!;
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
