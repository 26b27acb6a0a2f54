// What every part of the performance domain shares: its error codes, the actor as written in audit
// rows, the money's execution of a subject (from the budget indicators), and small helpers.
import { and, eq, sql } from "drizzle-orm";
import { formatFraction, fraction, type Fraction } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import type { Actor } from "../identity/index.ts";
import { budgetIndicator, budgetLine } from "../budget/index.ts";
import type { SubjectKind } from "./tables.ts";

export const fail = defineErrorCodes({
  PERFORMANCE_TARGETS_REQUIRED: 409,
  PERFORMANCE_CUT_REQUIRED: 409,
  PERFORMANCE_PAYMENT_HOLD: 409,
  SHEET_NOT_EDITABLE: 409,
  EVALUATION_NOT_READY: 409,
});

export const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

/** The most rows any performance list or export reads at once. */
export const PERFORMANCE_ROWS_MAX = 5_000;

export { subjectKindNames } from "@xiangcai/shared";

/** The China-time calendar year and month of an instant. */
export function chinaYearMonth(at: Date): { year: number; month: number } {
  const shifted = new Date(at.getTime() + 8 * 3_600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1 };
}

export interface Execution {
  issuedFen: bigint;
  paidFen: bigint;
}

/** paid ÷ issued exactly; 0 when nothing was issued. */
export function executionRateOf(e: Execution): Fraction {
  return e.issuedFen === 0n ? fraction(0n) : fraction(e.paidFen, e.issuedFen);
}

/** The execution rate as a percentage with 2 decimals ("92.34"). */
export function executionPercent(e: Execution): string {
  return formatFraction(fraction(executionRateOf(e).n * 100n, executionRateOf(e).d));
}

/**
 * The money of a project or unit in a year, from the budget report's source: the issued and paid
 * amounts of the year's indicators (a project's: those issued from its request lines).
 */
export async function executionOf(db: Db, regionCode: string, fiscalYear: number, subject: { kind: SubjectKind; ref: string }): Promise<Execution> {
  const i = budgetIndicator;
  const sums = { issued: sql<string>`coalesce(sum(${i.issuedFen}), 0)::text`, paid: sql<string>`coalesce(sum(${i.paidFen}), 0)::text` };
  let found: { issued: string; paid: string } | undefined;
  if (subject.kind === "project") {
    [found] = await db
      .select(sums)
      .from(i)
      .innerJoin(budgetLine, and(eq(budgetLine.regionCode, i.regionCode), eq(budgetLine.id, i.budgetLineId)))
      .where(and(eq(i.regionCode, regionCode), eq(i.fiscalYear, fiscalYear), eq(budgetLine.projectId, subject.ref)));
  } else if (subject.kind === "unit") {
    [found] = await db.select(sums).from(i).where(and(eq(i.regionCode, regionCode), eq(i.fiscalYear, fiscalYear), eq(i.budgetUnitId, subject.ref)));
  }
  return { issuedFen: BigInt(found?.issued ?? "0"), paidFen: BigInt(found?.paid ?? "0") };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
