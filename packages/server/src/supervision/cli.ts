// `xiangcai supervise run [--region <code>] [--rules CODE,CODE] [--json]`: runs the rules on the
// configured database (all regions under --region, default each whole district) and prints every open
// alert in that scope after the run. The JSON shape is a stable contract:
// { "alerts": [{ "rule", "regionCode", "objects": [{ "type", "id" }], "amount", "message" }] }.
import { parseArgs } from "node:util";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { formatYuan } from "@xiangcai/shared";
import type { Database, Db } from "../platform/db.ts";
import type { DataKeys } from "../platform/crypto.ts";
import { region } from "../platform/regionTable.ts";
import { inScope } from "./findCommon.ts";
import { isRuleCode, ruleCodes, rules, type RuleCode } from "./rules.ts";
import { runRules, type RunResult } from "./runner.ts";
import { supervisionAlert, supervisionAlertObject } from "./tables.ts";

export const SUPERVISE_USAGE = `  supervise run [--region <区划代码>] [--rules 规则,规则] [--json]
                                           运行资金监管规则（默认全区全部规则），列出范围内所有未办结的预警
                                           规则：${ruleCodes.join(" ")}`;

type Out = { write(s: string): unknown };

export interface CliAlert {
  rule: RuleCode;
  regionCode: string;
  alertNo: string;
  status: string;
  objects: { type: string; id: string }[];
  amount: string;
  message: string;
}

/** Every open alert under a scope prefix, with its objects, in a stable order. */
export async function openAlertsIn(db: Db, scopePrefix: string): Promise<CliAlert[]> {
  const alerts = await db.select().from(supervisionAlert).where(and(isNull(supervisionAlert.closedAt), inScope(sql`${supervisionAlert.regionCode}`, scopePrefix))).orderBy(asc(supervisionAlert.regionCode), asc(supervisionAlert.alertNo));
  const objects = await db
    .select({ regionCode: supervisionAlertObject.regionCode, alertId: supervisionAlertObject.alertId, type: supervisionAlertObject.objectType, id: supervisionAlertObject.objectId })
    .from(supervisionAlertObject)
    .innerJoin(supervisionAlert, and(eq(supervisionAlert.regionCode, supervisionAlertObject.regionCode), eq(supervisionAlert.id, supervisionAlertObject.alertId)))
    .where(and(isNull(supervisionAlert.closedAt), inScope(sql`${supervisionAlertObject.regionCode}`, scopePrefix)))
    .orderBy(asc(supervisionAlertObject.addedAt), asc(supervisionAlertObject.objectType), asc(supervisionAlertObject.objectId));
  const byAlert = new Map<string, { type: string; id: string }[]>();
  for (const o of objects) byAlert.set(o.alertId, [...(byAlert.get(o.alertId) ?? []), { type: o.type, id: o.id }]);
  return alerts.map((a) => ({ rule: a.ruleCode, regionCode: a.regionCode, alertNo: a.alertNo, status: a.status, objects: byAlert.get(a.id) ?? [], amount: formatYuan(a.amountFen), message: a.message }));
}

export async function runSuperviseCommand(args: string[], out: Out, err: Out, withDatabase: <T>(fn: (database: Database) => Promise<T>) => Promise<T>, keys: () => DataKeys | null, now: () => Date): Promise<number> {
  const usage = (message: string) => {
    err.write(`${message}\n用法：\n${SUPERVISE_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { region: { type: "string" }, rules: { type: "string" }, json: { type: "boolean" } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [sub, ...extra] = parsed.positionals;
  if (sub !== "run" || extra.length) return usage(`未知的子命令：${sub ?? "(无)"}`);
  const { region: regionArg, rules: rulesArg, json } = parsed.values;
  if (regionArg !== undefined && !/^([0-9]{6}|[0-9]{9})$/.test(regionArg)) return usage("--region 须为 6 位区县代码或 9 位区划代码");
  const selected = rulesArg === undefined ? undefined : rulesArg.split(",").map((c) => c.trim()).filter(Boolean);
  const unknown = selected?.filter((c) => !isRuleCode(c)) ?? [];
  if (unknown.length || selected?.length === 0) return usage(`未知的规则：${unknown.join(",") || "(空)"}`);
  return withDatabase(async ({ db }) => {
    const scopes = regionArg
      ? [regionArg.length === 9 && regionArg.endsWith("000") ? regionArg.slice(0, 6) : regionArg]
      : (await db.select({ code: region.regionCode }).from(region).where(eq(region.level, "district")).orderBy(asc(region.regionCode))).map((r) => r.code.slice(0, 6));
    const runs: RunResult[] = [];
    for (const scopePrefix of scopes) {
      const run = await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix, rules: selected as RuleCode[] | undefined, trigger: "cli", actor: { id: null, name: "命令行" }, keys: keys() }, now(), { wait: true }));
      if (run) runs.push(run);
    }
    const alerts = (await Promise.all(scopes.map((s) => openAlertsIn(db, s)))).flat();
    if (json) {
      out.write(`${JSON.stringify({ alerts: alerts.map((a) => ({ rule: a.rule, regionCode: a.regionCode, objects: a.objects, amount: a.amount, message: a.message })) })}\n`);
    } else {
      for (const run of runs) {
        const raised = Object.values(run.summary).reduce((s, f) => s + (f?.raised ?? 0), 0);
        out.write(`已运行 ${run.rules.length} 条规则（范围 ${run.scopePrefix}），新发现 ${raised} 条预警。\n`);
      }
      for (const a of alerts) out.write(`${a.alertNo}\t${rules[a.rule].name}\t${a.regionCode}\t${a.amount} 元\t${a.message}\n`);
      out.write(`未办结预警共 ${alerts.length} 条。\n`);
    }
    return 0;
  });
}
