// How the ledger's outbox consumers handle one event: in a savepoint, so that an event refused — by a
// handler's answer (the reason) or by a domain error — leaves nothing of it behind, even when one of its
// vouchers was posted before the refusal; the caller then records the event as skipped with the reason.
import type { Db } from "../platform/db.ts";
import { DomainError } from "../platform/errors.ts";

/** A handler's refusal, thrown to roll the event's savepoint back. */
class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Runs `handle` in a savepoint of `tx`: null when it posted, else the reason it was refused (nothing kept). */
export async function refusalOf(tx: Db, handle: (t: Db) => Promise<string | null>): Promise<string | null> {
  try {
    await tx.transaction(async (inner) => {
      const refused = await handle(inner as unknown as Db);
      if (refused) throw new Refused(refused);
    });
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.reason;
    if (error instanceof DomainError) return `${error.code}: ${error.detail}`;
    throw error;
  }
}
