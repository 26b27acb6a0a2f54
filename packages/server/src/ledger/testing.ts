// Test helpers of the ledger domain: demo users as actors, and a fresh account set with voucher builders.
import { eq } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import { appUser, makeActor, userRole, type Actor, type RoleCode } from "../identity/index.ts";
import type { Aux, LineInput } from "./rules.ts";

export async function demoActor(db: Db, username: string): Promise<Actor> {
  const [user] = await db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`demo user ${username}`);
  const roleRows = await db.select().from(userRole).where(eq(userRole.userId, user.id));
  return makeActor(user, roleRows.map((r) => r.role as RoleCode));
}

const fen = (yuan: string) => {
  const [i, d = ""] = yuan.split(".");
  return BigInt(i!) * 100n + BigInt((d + "00").slice(0, 2));
};

export const dr = (account: string, yuan: string, aux?: Aux): LineInput => ({ account, debitFen: fen(yuan), creditFen: 0n, aux });
export const cr = (account: string, yuan: string, aux?: Aux): LineInput => ({ account, debitFen: 0n, creditFen: fen(yuan), aux });
export const office = { functional: "2010101", economic: "30201" };
