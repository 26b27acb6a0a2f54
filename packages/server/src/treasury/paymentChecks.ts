// Checks other domains add to a payment, without treasury importing them: the composition root
// (src/domains.ts) registers each one. Performance registers its payment hold (a project whose
// monitoring turned red, when the township's setting says so) this way. A check refuses by throwing
// a domain error with its own code; it runs in the payment's transaction, when the payment is
// entered and again when the finance office approves it, before anything is written.
import type { Db } from "../platform/db.ts";
import type { Actor } from "../identity/index.ts";

export interface PaymentCheckContext {
  regionCode: string;
  stage: "entry" | "financeApproval";
  indicatorId: string;
  /** The request line the indicator was issued from (null for transfers from above, carry-overs). */
  budgetLineId: string | null;
  fiscalYear: number;
  budgetUnitId: string;
  amountFen: bigint;
  actor: Actor;
  at: Date;
}

export type PaymentCheck = (tx: Db, payment: PaymentCheckContext) => Promise<void>;

const checks: PaymentCheck[] = [];

/** Adds a check to every payment; registering the same check again changes nothing. */
export function registerPaymentCheck(check: PaymentCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

export async function runPaymentChecks(tx: Db, payment: PaymentCheckContext): Promise<void> {
  for (const check of checks) await check(tx, payment);
}
