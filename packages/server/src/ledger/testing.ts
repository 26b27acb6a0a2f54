// Test helpers of the ledger domain: a demo database with the ledger's people as actors, the code a
// refused call gives, and voucher line builders.
import { eq } from "drizzle-orm";
import { parseYuan } from "@xiangcai/shared";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import type { Db } from "../platform/db.ts";
import { appUser, makeActor, userRole, type Actor, type RoleCode } from "../identity/index.ts";
import type { Aux, LineInput } from "./rules.ts";

export async function demoActor(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`demo user ${username}`);
  const roleRows = await db.select().from(userRole).where(eq(userRole.userId, user.id));
  return makeActor(user, roleRows.map((r) => r.role as RoleCode));
}

export interface LedgerTest {
  database: TestDatabase;
  db: Db;
  /** Runs `fn` in a transaction of its own. */
  tx<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** 青禾镇's general budget accountant and unit accountant, and 白塔镇's director (another township). */
  budget: Actor;
  unitacct: Actor;
  director2: Actor;
}

/** A fresh demo database for a ledger test, with the people the ledger's tests act as. */
export async function openLedgerTest(): Promise<LedgerTest> {
  const database = await openTestDatabase("demo");
  const db = database.db;
  return {
    database,
    db,
    tx: (fn) => db.transaction((t) => fn(t as unknown as Db)),
    budget: await demoActor(db, "budget"),
    unitacct: await demoActor(db, "unitacct"),
    director2: await demoActor(db, "director2"),
  };
}

/** The stable code a call is refused with, or "none" when it succeeds. */
export const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => p.then(() => "none", (e: { code?: string }) => e.code);

export const dr = (account: string, yuan: string, aux?: Aux): LineInput => ({ account, debitFen: parseYuan(yuan), creditFen: 0n, aux });
export const cr = (account: string, yuan: string, aux?: Aux): LineInput => ({ account, debitFen: 0n, creditFen: parseYuan(yuan), aux });
export const office = { functional: "2010101", economic: "30201" };
