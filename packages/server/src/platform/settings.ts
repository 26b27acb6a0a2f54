// Configurable rules (lockout, TOTP roles, deadlines, calendar …): a township's value overrides
// its district's, which overrides the default written beside the rule that uses it.
import { and, eq, inArray } from "drizzle-orm";
import type { SettingForm, SettingKind } from "@xiangcai/shared";
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

export async function putSetting(db: Db, regionCode: string, key: string, value: unknown, updatedBy: string | null, at: Date): Promise<void> {
  await db
    .insert(setting)
    .values({ regionCode, key, value, updatedBy, updatedAt: at })
    .onConflictDoUpdate({ target: [setting.regionCode, setting.key], set: { value, updatedBy, updatedAt: at } });
}

// ---------------------------------------------------------------- the settings catalogue

export type { SettingForm, SettingKind };

export interface SettingDefinition<T> {
  key: string;
  name: string;
  description: string;
  kind: SettingKind;
  /**
   * The labels, units and choices the settings page shows the value with (the shared SettingKind
   * says which a kind needs); a function when they are known only once the domains are registered.
   */
  form?: SettingForm | (() => SettingForm);
  /** Where it may be set: a township value overrides the district's. */
  levels: readonly ("district" | "township")[];
  /**
   * Only a district user may set or reset it, also a township's own value: a township may not loosen
   * the rules it is supervised by (fund supervision thresholds).
   */
  districtOnly?: boolean;
  /** Validates a stored or submitted value; throws an Error with a Chinese message when it is wrong. */
  parse(raw: unknown): T;
  fallback: T;
  /** The value as JSON for the settings page, when T is not plain JSON (sets, dates). */
  toJson?(value: T): unknown;
}

const catalogue = new Map<string, SettingDefinition<unknown>>();

/** Declares a configurable rule once, beside the code that uses it; the settings page lists it. */
export function defineSetting<T>(definition: SettingDefinition<T>): SettingDefinition<T> {
  const existing = catalogue.get(definition.key);
  if (existing && existing !== definition) throw new Error(`Setting ${definition.key} defined twice`);
  catalogue.set(definition.key, definition as SettingDefinition<unknown>);
  return definition;
}

export function settingDefinitions(): SettingDefinition<unknown>[] {
  return [...catalogue.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function settingDefinition(key: string): SettingDefinition<unknown> | undefined {
  return catalogue.get(key);
}

/** A fields form of decimal values with one unit: [key, label] pairs in the order shown. */
export function decimalFields(unit: string | undefined, ...pairs: readonly (readonly [key: string, label: string])[]): SettingForm {
  return { fields: pairs.map(([key, label]) => ({ key, label, type: "decimal", ...(unit ? { unit } : {}) })) };
}

/**
 * Declares a choice setting: its value is one of `names`' keys, which the settings page offers by
 * their Chinese names in the order written. A value that is not one of them is refused with
 * `refusal`, by default "须为甲或乙" (two choices) or "须为甲、乙、丙之一".
 */
export function choiceSetting<T extends string>(
  definition: Omit<SettingDefinition<T>, "kind" | "form" | "parse"> & { names: Readonly<Record<T, string>>; refusal?: string },
): SettingDefinition<T> {
  const { names, refusal, ...rest } = definition;
  const entries = Object.entries(names) as [T, string][];
  const labels = entries.map(([, label]) => label);
  const message = refusal ?? (labels.length === 2 ? `须为${labels[0]}或${labels[1]}` : `须为${labels.join("、")}之一`);
  return defineSetting<T>({
    ...rest,
    kind: "choice",
    form: { options: entries.map(([value, label]) => ({ value, label })) },
    parse(raw) {
      if (typeof raw !== "string" || !Object.hasOwn(names, raw)) throw new Error(message);
      return raw as T;
    },
  });
}

export function settingForm(definition: SettingDefinition<unknown>): SettingForm {
  return typeof definition.form === "function" ? definition.form() : (definition.form ?? {});
}

export function settingToJson<T>(definition: SettingDefinition<T>, value: T): unknown {
  return definition.toJson ? definition.toJson(value) : value;
}

export function readSetting<T>(db: Db, regionCode: string, definition: SettingDefinition<T>): Promise<T> {
  return getSetting(db, regionCode, definition.key, (raw) => definition.parse(raw), definition.fallback);
}

/** The stored values of a key along a region's chain, most specific first. */
export async function storedAlongChain(db: Db, regionCode: string, key: string): Promise<{ regionCode: string; value: unknown; updatedAt: Date }[]> {
  const chain = settingChain(regionCode);
  const found = await db.select().from(setting).where(and(eq(setting.key, key), inArray(setting.regionCode, chain)));
  return chain.flatMap((code) => found.filter((r) => r.regionCode === code).map((r) => ({ regionCode: r.regionCode, value: r.value, updatedAt: r.updatedAt })));
}

export async function deleteSetting(db: Db, regionCode: string, key: string): Promise<boolean> {
  const removed = await db.delete(setting).where(and(eq(setting.regionCode, regionCode), eq(setting.key, key))).returning({ key: setting.key });
  return removed.length > 0;
}
