// What every stage of a roster's life uses: the domain's error codes, the actor's township and row
// scope (a village user sees its own village), the roster flow's code, and the checks shared by the
// registry and the rosters.
import { eq, type SQL } from "drizzle-orm";
import { scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { defineErrorCodes } from "../platform/errors.ts";
import { scopeCondition } from "../platform/scope.ts";
import type { Actor } from "../identity/index.ts";
import { region } from "../platform/regionTable.ts";
import { SheetFileError } from "../platform/sheetReader.ts";

export const fail = defineErrorCodes({
  FILE_INVALID: 422,
  ROSTER_HAS_ERRORS: 409,
  REVIEW_NOTE_MISSING: 409,
  NOTICE_NOT_OVER: 409,
  NOT_EDITABLE: 409,
  INDICATOR_MISSING: 409,
  NOTHING_TO_PAY: 409,
  OBJECTION_OPEN: 409,
  LINES_IN_BANK: 409,
  BANK_RESULT_UNKNOWN_REFERENCE: 422,
});

export const who = (actor: Actor) => ({ id: actor.userId, name: actor.displayName });

/** The township (9 digits) an actor works in, or the one named for a district user. */
export function townshipFor(actor: Actor, regionCode?: string | null): string {
  const code = regionCode ?? (actor.scopePrefix.length >= 9 ? actor.scopePrefix.slice(0, 9) : null);
  if (!code || !/^[0-9]{9}$/.test(code)) return fail("VALIDATION_FAILED", "请选择乡镇。", [{ path: "regionCode", message: "请选择乡镇" }]);
  if (!scopeCovers(actor.scopePrefix, code) && !code.startsWith(actor.scopePrefix) && !actor.scopePrefix.startsWith(code)) {
    return fail("OUT_OF_SCOPE", "该乡镇不在您的数据范围内。");
  }
  return code;
}

/** A village user (scope = 12-digit village) sees only its village's rows; others by region prefix. */
export function rowScope(actor: Actor, regionColumn: Parameters<typeof scopeCondition>[0], villageColumn: Parameters<typeof scopeCondition>[0]): SQL {
  return actor.scopePrefix.length === 12 ? scopeCondition(villageColumn, actor.scopePrefix) : scopeCondition(regionColumn, actor.scopePrefix);
}

export function assertWritable(actor: Actor, regionCode: string, villageCode: string | null) {
  if (actor.scopePrefix.length === 12 ? villageCode !== actor.scopePrefix : !scopeCovers(actor.scopePrefix, regionCode)) {
    fail("OUT_OF_SCOPE", "该记录不在您的数据范围内。");
  }
}

export const ROSTER_FLOW = "subsidyRoster";

export const LINE_INSERT_CHUNK = 500;

/** The village must be one of the township's; answers its name. */
export async function assertVillageOf(db: Db, regionCode: string, villageCode: string): Promise<string> {
  const [v] = await db.select({ parent: region.parentCode, level: region.level, name: region.name }).from(region).where(eq(region.regionCode, villageCode));
  if (!v || v.level !== "village" || v.parent !== regionCode) return fail("VALIDATION_FAILED", `村（居）${villageCode} 不属于乡镇 ${regionCode}。`, [{ path: "villageCode", message: "村（居）无效" }]);
  return v.name;
}

/** A file that is not the spreadsheet asked for: FILE_INVALID with the reader's message. */
export function fileProblem(error: unknown): never {
  if (error instanceof SheetFileError) return fail("FILE_INVALID", error.message);
  throw error;
}

/**
 * The roster flow runs at the township (its audit chain is the township's), while a village user's
 * scope is the village. After the roster itself has been checked against the user's own scope,
 * the flow engine is called with the scope widened to the roster's township, for this roster only.
 */
export function onTownship(actor: Actor, regionCode: string): Actor {
  return actor.scopePrefix.length === 12 && actor.scopePrefix.startsWith(regionCode) ? { ...actor, scopePrefix: regionCode } : actor;
}
