// Login throttling instead of lockout. A hard lock after N failures lets anyone lock any account
// (five requests and the director is out for 15 minutes) and, answered differently from an unknown
// name, tells which usernames exist. Here failures slow down the *address* that makes them:
//
//   pair     (username, address): a few free failures, then a delay that doubles up to 15 minutes;
//   account  (username, every address): after more failures, every address that has itself failed
//            on the account waits a short delay (at most 30 s) after its own last failure — so a
//            guesser spread over many addresses is slowed, and the owner is never starved by a
//            stranger's attempts (a shared slot would be won by whoever hammers it);
//   address  (every username): a password sprayer is slowed down across accounts.
//
// Keys hold the username as typed, whether or not it exists, so an unknown name is throttled and
// answered exactly like a real one. Failures older than an hour are forgotten.
import { eq, inArray, like, or, sql } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { loginThrottle } from "./tables.ts";

export interface ThrottlePolicy {
  /** Failures that cost nothing. */
  free: number;
  /** The longest delay. */
  capSeconds: number;
}

export const THROTTLE = {
  pair: { free: 3, capSeconds: 15 * 60 },
  account: { free: 10, capSeconds: 30 },
  address: { free: 30, capSeconds: 15 * 60 },
} as const satisfies Record<string, ThrottlePolicy>;

/** Failures older than this are forgotten. */
export const THROTTLE_WINDOW_MS = 60 * 60_000;

/** The delay after `failures` failures: none while free, then 1 s doubling to the cap. */
export function throttleDelaySeconds(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.free) return 0;
  const exponent = Math.min(failures - policy.free, 30);
  return Math.min(2 ** exponent, policy.capSeconds);
}

export interface LoginAttempt {
  /** The username as typed, lower-cased. */
  username: string;
  /** The client's address (request.ip: the trusted proxy's view, see XIANGCAI_TRUST_PROXY). */
  address: string;
}

const keysOf = ({ username, address }: LoginAttempt) => ({
  pair: `pair:${username}|${address}`,
  account: `account:${username}`,
  address: `address:${address}`,
});

type Row = typeof loginThrottle.$inferSelect;

function live(row: Row | undefined, now: Date): Row | undefined {
  return row && now.getTime() - row.lastFailureAt.getTime() < THROTTLE_WINDOW_MS ? row : undefined;
}

/** Seconds this attempt must still wait (0: it may go ahead). */
export async function throttleWait(db: Db, attempt: LoginAttempt, now: Date): Promise<number> {
  const keys = keysOf(attempt);
  const found = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, [keys.pair, keys.account, keys.address]));
  const row = (key: string) => live(found.find((r) => r.key === key), now);
  const pair = row(keys.pair);
  const account = row(keys.account);
  const address = row(keys.address);
  const until: number[] = [];
  if (pair) {
    const delay = Math.max(throttleDelaySeconds(THROTTLE.pair, pair.failures), throttleDelaySeconds(THROTTLE.account, account?.failures ?? 0));
    until.push(pair.lastFailureAt.getTime() + delay * 1000);
  }
  if (address) until.push(address.lastFailureAt.getTime() + throttleDelaySeconds(THROTTLE.address, address.failures) * 1000);
  const wait = Math.max(0, ...until) - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** Counts a failure on all three keys (a failure past the window starts again from one). */
export async function recordLoginFailure(db: Db, attempt: LoginAttempt, now: Date): Promise<void> {
  const keys = keysOf(attempt);
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const key of [keys.pair, keys.account, keys.address]) {
    await db
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: now })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: now,
        },
      });
  }
}

/**
 * The owner proved the password: this address's record on the account is cleared. The account's own
 * count stays (it measures the pressure on the account and expires by itself), so a success in
 * between does not give a guesser spread over many addresses its free failures back.
 */
export async function clearAfterSuccess(db: Db, attempt: LoginAttempt): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keysOf(attempt).pair));
}

/** The administrator's unlock: every delay on the account, from every address. */
export async function clearAccount(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(or(eq(loginThrottle.key, `account:${username}`), like(loginThrottle.key, `pair:${escapeLike(username)}|%`)));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Usernames whose account-wide delay is in force now (shown as 已锁定 with an unlock button). */
export async function throttledAccounts(db: Db, usernames: string[], now: Date): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const found = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, usernames.map((u) => `account:${u}`)));
  return new Set(
    found.filter((r) => live(r, now) && throttleDelaySeconds(THROTTLE.account, r.failures) > 0).map((r) => r.key.slice("account:".length)),
  );
}
