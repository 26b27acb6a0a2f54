// Data scope in SQL: a user sees rows whose region code starts with the user's prefix.
import { like, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function scopeCondition(column: PgColumn, scopePrefix: string): SQL {
  return like(column, `${escapeLike(scopePrefix)}%`);
}

export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
