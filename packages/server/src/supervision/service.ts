// The supervisor's commands and reads that are not about one alert: the rules with the thresholds in
// force for a region (and changing them), running the rules now, and the record of runs.
import { desc, eq, sql } from "drizzle-orm";
import { scopeCovers, supervisionRunTriggerLabels, type SupervisionRuleView, type SupervisionRunView, type SupervisionThresholdView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { region } from "../platform/regionTable.ts";
import { scopeCondition } from "../platform/scope.ts";
import { changeSetting, listSettings, resetSetting } from "../settings/index.ts";
import type { Actor } from "../identity/index.ts";
import { fail } from "./alerts.ts";
import { ruleCodes, rules, stageNames, type RuleCode, type RuleRunFigures } from "./rules.ts";
import { runRules, type RunResult } from "./runner.ts";
import { runEveryHoursSetting, thresholdSettings } from "./settings.ts";
import { supervisionRun } from "./tables.ts";

const YUAN_KEYS = new Set(thresholdSettings.filter((d) => d.kind === "decimal").map((d) => d.key));
const EDITABLE_KEYS = new Set([...thresholdSettings.map((d) => d.key), runEveryHoursSetting.key]);

/** The rules with the thresholds in force for a region (the actor's own by default). */
export async function rulesFor(db: Db, actor: Actor, regionCode: string | undefined): Promise<{ regionCode: string; runEveryHours: SupervisionThresholdView; rules: SupervisionRuleView[] }> {
  const code = regionCode ?? actor.regionCode.slice(0, 9);
  if (code.length !== 9) return fail("VALIDATION_FAILED", "监管阈值按区或乡镇设置，请选择区或乡镇。", [{ path: "regionCode", message: "应为区或乡镇的 9 位代码" }]);
  const settings = await listSettings(db, actor, code);
  const view = (key: string): SupervisionThresholdView => {
    const s = settings.find((x) => x.key === key)!;
    return { key, name: s.name, description: s.description, kind: YUAN_KEYS.has(key) ? "yuan" : "integer", value: s.value as number | string, fallback: s.fallback as number | string, source: s.source, own: s.own as number | string | null };
  };
  return {
    regionCode: code,
    runEveryHours: view(runEveryHoursSetting.key),
    rules: ruleCodes.map((c) => ({ code: c, name: rules[c].name, stage: rules[c].stage, stageName: stageNames[rules[c].stage], explanation: rules[c].explanation, looksAt: rules[c].looksAt, thresholds: rules[c].settings.map(view) })),
  };
}

function editableKey(key: string): void {
  if (!EDITABLE_KEYS.has(key)) fail("NOT_FOUND", `没有名为 ${key} 的监管阈值。`);
}

/** Sets a threshold for the district or one township (a district user's command: settings are districtOnly). */
export async function changeThreshold(tx: Db, actor: Actor, key: string, input: { regionCode: string; value: unknown }, at: Date): Promise<void> {
  editableKey(key);
  await changeSetting(tx, actor, key, input, at);
}

export async function resetThreshold(tx: Db, actor: Actor, key: string, regionCode: string, at: Date): Promise<void> {
  editableKey(key);
  await resetSetting(tx, actor, key, regionCode, at);
}

/** The scope a run covers: the actor's own (a district or a township), or a township inside it. */
export function runScope(actor: Actor, regionCode: string | undefined): string {
  if (!regionCode) return actor.scopePrefix.slice(0, 9);
  if (!/^[0-9]{9}$/.test(regionCode) || !scopeCovers(actor.scopePrefix, regionCode)) return fail("OUT_OF_SCOPE", "该机构不在您的数据范围内。");
  return regionCode.endsWith("000") ? regionCode.slice(0, 6) : regionCode;
}

/** Runs the rules now for a person; a run already under way (another process, the schedule) is SUPERVISION_BUSY. */
export async function runNow(tx: Db, actor: Actor, keys: DataKeys, input: { regionCode?: string | undefined; rules?: RuleCode[] | undefined }, at: Date): Promise<SupervisionRunView> {
  const scopePrefix = runScope(actor, input.regionCode);
  const result = await runRules(tx, { scopePrefix, rules: input.rules, trigger: "manual", actor: { id: actor.userId, name: actor.displayName }, keys }, at, { wait: false });
  if (!result) return fail("SUPERVISION_BUSY", "监管规则正在运行（定时任务或其他人发起），请稍后再试。");
  return runView(result, actor.displayName, await regionName(tx, result.regionCode));
}

async function regionName(db: Db, code: string): Promise<string> {
  const [found] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, code));
  return found?.name ?? code;
}

export function runView(r: Pick<RunResult, "runId" | "regionCode" | "scopePrefix" | "trigger" | "rules" | "startedAt" | "finishedAt" | "summary">, actorName: string, name: string): SupervisionRunView {
  const summary = r.summary as Record<string, RuleRunFigures>;
  return {
    id: r.runId,
    regionCode: r.regionCode,
    regionName: name,
    scopePrefix: r.scopePrefix,
    trigger: r.trigger,
    triggerName: supervisionRunTriggerLabels[r.trigger],
    rules: [...r.rules],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    actorName,
    summary: r.summary,
    raised: Object.values(summary).reduce((s, f) => s + f.raised, 0),
  };
}

export async function listRuns(db: Db, actor: Actor, page: { limit: number; offset: number }): Promise<{ items: SupervisionRunView[]; total: number }> {
  const where = scopeCondition(supervisionRun.regionCode, actor.scopePrefix);
  const found = await db.select({ r: supervisionRun, name: region.name }).from(supervisionRun).leftJoin(region, eq(region.regionCode, supervisionRun.regionCode)).where(where).orderBy(desc(supervisionRun.startedAt)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(supervisionRun).where(where);
  return {
    items: found.map(({ r, name }) => runView({ runId: r.id, regionCode: r.regionCode, scopePrefix: r.scopePrefix, trigger: r.trigger, rules: r.rules, startedAt: r.startedAt, finishedAt: r.finishedAt, summary: r.summary }, r.actorName, name ?? r.regionCode)),
    total: count?.n ?? 0,
  };
}
