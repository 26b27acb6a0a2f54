// What the registers share: the platform's error codes (an import's bad rows are refused by the
// platform's refuseRows), the history writer (every change of every register's record,
// before and after, append-only), the history reader, and region names.
import { and, asc, eq, inArray } from "drizzle-orm";
import { scopeCovers, type RegisterEventView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import type { Actor } from "../identity/index.ts";
import { registerEvent, type RegisterName } from "./tables.ts";

export { fail };

export const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

let lastEventId = "";

/**
 * A time-ordered id for a history row that sorts after the previous one even within the same
 * millisecond (an import writes many changes at one instant; the history reads back in that order).
 */
function nextEventId(at: Date): string {
  let id = uuidv7(at.getTime());
  if (id <= lastEventId) {
    const tail = (BigInt(`0x${lastEventId.slice(24)}`) + 1n) & 0xffffffffffffn;
    id = `${lastEventId.slice(0, 24)}${tail.toString(16).padStart(12, "0")}`;
  }
  lastEventId = id;
  return id;
}

export async function recordChange(tx: Db, actor: Actor, input: { regionCode: string; register: RegisterName; recordKey: string; action: string; before?: unknown; after?: unknown }, at: Date): Promise<void> {
  await tx.insert(registerEvent).values({ regionCode: input.regionCode, id: nextEventId(at), register: input.register, recordKey: input.recordKey, action: input.action, before: input.before ?? null, after: input.after ?? null, actorId: actor.userId, actorName: actor.displayName, at });
}

/** Many history rows at once (an import), written in order, a few hundred to a statement. */
export async function recordChanges(tx: Db, actor: Actor, inputs: readonly { regionCode: string; register: RegisterName; recordKey: string; action: string; before?: unknown; after?: unknown }[], at: Date): Promise<void> {
  const rows = inputs.map((input) => ({ regionCode: input.regionCode, id: nextEventId(at), register: input.register, recordKey: input.recordKey, action: input.action, before: input.before ?? null, after: input.after ?? null, actorId: actor.userId, actorName: actor.displayName, at }));
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(registerEvent).values(rows.slice(i, i + CHUNK));
}

/** Rows to one multi-row statement (well within PostgreSQL's 65,535 parameters). */
export const CHUNK = 500;

export async function registerHistory(db: Db, actor: Actor, input: { register: RegisterName; recordKey: string }): Promise<RegisterEventView[]> {
  const found = await db
    .select()
    .from(registerEvent)
    .where(and(scopeCondition(registerEvent.regionCode, actor.scopePrefix), eq(registerEvent.register, input.register), eq(registerEvent.recordKey, input.recordKey)))
    .orderBy(asc(registerEvent.at), asc(registerEvent.id));
  return found.map((e) => ({ action: e.action, actorName: e.actorName, at: e.at.toISOString(), before: e.before, after: e.after }));
}

export function assertTownship(actor: Actor, regionCode: string): void {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  if (!/^[0-9]{9}$/.test(regionCode)) fail("VALIDATION_FAILED", "台账按乡镇（或区本级）登记。", [{ path: "regionCode", message: "须为9位区划代码" }]);
}

export async function namesOf(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes.filter(Boolean))];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ code: region.regionCode, name: region.name }).from(region).where(inArray(region.regionCode, unique));
  return new Map(rows.map((r) => [r.code, r.name]));
}
