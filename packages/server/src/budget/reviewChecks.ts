// Checks other domains add to the finance office's review of a request line, without budget
// importing them: the composition root (src/domains.ts) registers each one. Performance registers
// "no target, no budget" and the results rule (a 差 grade forces a cut) this way. A check refuses a
// review by throwing a domain error with its own code; it runs in the review's transaction, before
// anything is written.
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";

export interface LineReviewContext {
  regionCode: string;
  lineId: string;
  roundId: string;
  fiscalYear: number;
  budgetUnitId: string;
  expenditureKind: "basic" | "project";
  projectId: string | null;
  projectName: string | null;
  requestedFen: bigint;
  decision: "accept" | "cut" | "return";
  /** The amount the line would be approved at (null when returned). */
  approvedFen: bigint | null;
  actor: Actor;
  at: Date;
}

export type LineReviewCheck = (tx: Db, line: LineReviewContext) => Promise<void>;

const checks: LineReviewCheck[] = [];

/** Adds a check to every line review; registering the same check again changes nothing. */
export function registerLineReviewCheck(check: LineReviewCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

export async function runLineReviewChecks(tx: Db, line: LineReviewContext): Promise<void> {
  for (const check of checks) await check(tx, line);
}
