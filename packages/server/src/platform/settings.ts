// Configurable rules (lockout, TOTP roles, deadlines, calendar …): a township's value overrides
// its district's, which overrides the default written beside the rule that uses it.
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "./db.ts";
import { setting } from "./settingsTable.ts";

/** Region codes to consult, most specific first: village → township → district. */
export function settingChain(regionCode: string): string[] {
  const chain = [regionCode];
  if (regionCode.length === 12) chain.push(regionCode.slice(0, 9));
  const district = `${regionCode.slice(0, 6)}000`;
  if (!chain.includes(district)) chain.push(district);
  return chain;
}

export async function getSetting<T>(db: Db, regionCode: string, key: string, parse: (raw: unknown) => T, fallback: T): Promise<T> {
  const chain = settingChain(regionCode);
  const found = await db
    .select({ regionCode: setting.regionCode, value: setting.value })
    .from(setting)
    .where(and(eq(setting.key, key), inArray(setting.regionCode, chain)));
  for (const code of chain) {
    const row = found.find((r) => r.regionCode === code);
    if (row) return parse(row.value);
  }
  return fallback;
}

export async function putSetting(db: Db, regionCode: string, key: string, value: unknown, updatedBy: string | null): Promise<void> {
  await db
    .insert(setting)
    .values({ regionCode, key, value, updatedBy })
    .onConflictDoUpdate({ target: [setting.regionCode, setting.key], set: { value, updatedBy, updatedAt: new Date() } });
}
