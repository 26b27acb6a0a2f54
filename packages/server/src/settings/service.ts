// The settings page's service: every declared setting with its effective value and where that value
// comes from, and changes to a region's own value, validated by the setting's own rule and audited.
import { checkRegionCode, scopeCovers } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { fail } from "../platform/errors.ts";
import { deleteSetting, putSetting, settingDefinition, settingDefinitions, settingForm, settingToJson, storedAlongChain } from "../platform/settings.ts";
import { recordAudit } from "../audit/index.ts";
import type { Actor } from "../identity/index.ts";
import type { SettingView } from "@xiangcai/shared";
import { eq } from "drizzle-orm";
import { region } from "../platform/regionTable.ts";
export type { SettingView };

function levelOf(regionCode: string): "district" | "township" | "village" {
  const checked = checkRegionCode(regionCode);
  if (!checked.valid) return fail("VALIDATION_FAILED", `区划代码无效：${checked.message}`, [{ path: "regionCode", message: checked.message }]);
  return checked.level;
}

/** A district-only setting is set by district users alone, for the district or one of its townships. */
const districtUser = (actor: Actor) => actor.scopePrefix.length === 6;

function canEdit(actor: Actor, regionCode: string, levels: readonly string[], districtOnly = false): boolean {
  return actor.permissions.has("settings.manage") && scopeCovers(actor.scopePrefix, regionCode) && levels.includes(levelOf(regionCode)) && (!districtOnly || districtUser(actor));
}

function refuseTownshipChange(actor: Actor, def: { name: string; districtOnly?: boolean }): void {
  if (def.districtOnly && !districtUser(actor)) fail("FORBIDDEN", `“${def.name}”只能由区财政局设置（乡镇的单独取值也由区里设置）。`);
}

/** 青禾区财政局 rather than 329901000 where a person reads whose value applies. */
async function regionNameOf(db: Db, code: string): Promise<string> {
  const [found] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, code));
  return found?.name ?? code;
}

export async function listSettings(db: Db, actor: Actor, regionCode: string): Promise<SettingView[]> {
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该机构不在您的数据范围内。");
  const views: SettingView[] = [];
  for (const def of settingDefinitions()) {
    const stored = await storedAlongChain(db, regionCode, def.key);
    const applying = stored[0];
    let value: unknown = def.fallback;
    if (applying) {
      try {
        value = def.parse(applying.value);
      } catch {
        value = def.fallback; // A stored value the rule no longer accepts is shown as not applying.
      }
    }
    views.push({
      key: def.key,
      name: def.name,
      description: def.description,
      kind: def.kind,
      form: settingForm(def),
      levels: [...def.levels],
      fallback: settingToJson(def, def.fallback),
      value: settingToJson(def, value),
      source: applying?.regionCode ?? "default",
      sourceName: applying ? await regionNameOf(db, applying.regionCode) : "系统默认",
      own: stored.find((s) => s.regionCode === regionCode)?.value ?? null,
      editable: canEdit(actor, regionCode, def.levels, def.districtOnly),
    });
  }
  return views;
}

function definitionOrFail(key: string) {
  const def = settingDefinition(key);
  if (!def) return fail("NOT_FOUND", `没有名为 ${key} 的设置。`);
  return def;
}

export async function changeSetting(db: Db, actor: Actor, key: string, input: { regionCode: string; value: unknown }, at: Date): Promise<void> {
  const def = definitionOrFail(key);
  if (!scopeCovers(actor.scopePrefix, input.regionCode)) fail("OUT_OF_SCOPE", "该机构不在您的数据范围内。");
  if (!def.levels.includes(levelOf(input.regionCode) as "district" | "township")) {
    fail("FORBIDDEN", `“${def.name}”只能在${def.levels.map((l) => (l === "district" ? "区" : "乡镇")).join("或")}一级设置。`);
  }
  refuseTownshipChange(actor, def);
  let parsed: unknown;
  try {
    parsed = def.parse(input.value);
  } catch (error) {
    return fail("VALIDATION_FAILED", `“${def.name}”的值不正确：${(error as Error).message}`, [{ path: "value", message: (error as Error).message }]);
  }
  const before = (await storedAlongChain(db, input.regionCode, key)).find((s) => s.regionCode === input.regionCode)?.value ?? null;
  // What is stored is the rule's own JSON form of the checked value, so it reads back the same.
  const stored = settingToJson(def, parsed);
  await putSetting(db, input.regionCode, key, stored, actor.userId, at);
  await recordAudit(db, { regionCode: input.regionCode.slice(0, 9), actor: { id: actor.userId, name: actor.displayName }, action: "setting.changed", entityType: "setting", entityId: key, before, after: stored }, at);
}

export async function resetSetting(db: Db, actor: Actor, key: string, regionCode: string, at: Date): Promise<void> {
  const def = definitionOrFail(key);
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该机构不在您的数据范围内。");
  if (!def.levels.includes(levelOf(regionCode) as "district" | "township")) fail("FORBIDDEN", `“${def.name}”不能在该级别设置。`);
  refuseTownshipChange(actor, def);
  const before = (await storedAlongChain(db, regionCode, key)).find((s) => s.regionCode === regionCode)?.value ?? null;
  if (!(await deleteSetting(db, regionCode, key))) return;
  await recordAudit(db, { regionCode: regionCode.slice(0, 9), actor: { id: actor.userId, name: actor.displayName }, action: "setting.reset", entityType: "setting", entityId: key, before, after: null }, at);
}
