// What every part of the performance domain shares: its error codes, the actor as written in audit
// rows, the money's execution of a subject (from the budget indicators), and small helpers.
import { and, eq, inArray, sql } from "drizzle-orm";
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
  const one = { regionCode, fiscalYear, ...subject };
  return (await executionsOf(db, [one]))(one);
}

/** A subject whose money is read: a project or unit (a policy has none of its own) in a township's year. */
export interface ExecutionSubject {
  regionCode: string;
  fiscalYear: number;
  kind: SubjectKind;
  ref: string;
}

const subjectKey = (s: ExecutionSubject) => `${s.regionCode}|${s.fiscalYear}|${s.kind}|${s.ref}`;

/**
 * executionOf for many subjects at once, in one query per kind (a list page or an export of the
 * district's trees, not one query per tree): the answer looks a subject up, zero when nothing was issued.
 */
export async function executionsOf(db: Db, subjects: readonly ExecutionSubject[]): Promise<(subject: ExecutionSubject) => Execution> {
  const i = budgetIndicator;
  const sums = { regionCode: i.regionCode, fiscalYear: i.fiscalYear, issued: sql<string>`coalesce(sum(${i.issuedFen}), 0)::text`, paid: sql<string>`coalesce(sum(${i.paidFen}), 0)::text` };
  const found = new Map<string, Execution>();
  const distinct = <T,>(values: T[]) => [...new Set(values)];
  for (const kind of ["project", "unit"] as const) {
    const of = subjects.filter((s) => s.kind === kind && isUuid(s.ref));
    if (of.length === 0) continue;
    const within = [inArray(i.regionCode, distinct(of.map((s) => s.regionCode))), inArray(i.fiscalYear, distinct(of.map((s) => s.fiscalYear)))];
    const refs = distinct(of.map((s) => s.ref));
    const rows =
      kind === "project"
        ? await db
            .select({ ...sums, ref: budgetLine.projectId })
            .from(i)
            .innerJoin(budgetLine, and(eq(budgetLine.regionCode, i.regionCode), eq(budgetLine.id, i.budgetLineId)))
            .where(and(...within, inArray(budgetLine.projectId, refs)))
            .groupBy(i.regionCode, i.fiscalYear, budgetLine.projectId)
        : await db
            .select({ ...sums, ref: i.budgetUnitId })
            .from(i)
            .where(and(...within, inArray(i.budgetUnitId, refs)))
            .groupBy(i.regionCode, i.fiscalYear, i.budgetUnitId);
    for (const r of rows) if (r.ref) found.set(subjectKey({ regionCode: r.regionCode, fiscalYear: r.fiscalYear, kind, ref: r.ref }), { issuedFen: BigInt(r.issued), paidFen: BigInt(r.paid) });
  }
  return (subject) => found.get(subjectKey(subject)) ?? { issuedFen: 0n, paidFen: 0n };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s);
