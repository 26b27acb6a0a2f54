// `xiangcai final-accounts check --region <township code> --year <YYYY> [--json]`: builds the
// township's final accounts for the year from the database (as the server would) and runs every audit
// formula. The JSON shape is a stable contract: { passed, failures: [{ rule, message }], totals:
// { revenue, expenditure } } (decimal yuan strings, the year's 决算数). Exit 0 when every formula passes,
// 1 when one fails, 2 on bad arguments (an unknown township among them).
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import type { FinalCheckJson } from "@xiangcai/shared";
import type { Database } from "../platform/db.ts";
import { region } from "../platform/regionTable.ts";
import { buildFinalContent } from "./build.ts";
import { evaluate, totalsOf } from "./rules.ts";

export const FINAL_ACCOUNTS_USAGE = `  final-accounts check --region <9位乡镇区划> --year <YYYY> [--json]
                                           编制乡镇财政总决算并运行全部审核公式；通过退出码 0，未通过 1，参数错误 2`;

type Out = { write(s: string): unknown };
type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

export async function runFinalAccountsCommand(args: string[], out: Out, err: Out, withDatabase: WithDatabase): Promise<number> {
  const usage = (message: string) => {
    err.write(`${message}\n用法：\n${FINAL_ACCOUNTS_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { region: { type: "string" }, year: { type: "string" }, json: { type: "boolean" } } });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [sub, ...extra] = parsed.positionals;
  if (sub !== "check") return usage(`未知的子命令：${sub ?? "(无)"}`);
  if (extra.length) return usage(`多余的参数：${extra.join(" ")}`);
  const { region: regionCode, year: yearText, json } = parsed.values;
  if (!regionCode || !yearText) return usage(`缺少参数：${[regionCode ? "" : "--region", yearText ? "" : "--year"].filter(Boolean).join(" ")}`);
  if (!/^[0-9]{9}$/.test(regionCode) || regionCode.endsWith("000")) return usage(`--region 应为9位乡镇（街道）区划代码：${regionCode}`);
  if (!/^[0-9]{4}$/.test(yearText) || Number(yearText) < 2000 || Number(yearText) > 2100) return usage(`--year 应为 2000-2100 的4位年度：${yearText}`);
  const year = Number(yearText);
  return withDatabase(async ({ db }) => {
    const [place] = await db.select({ name: region.name, level: region.level }).from(region).where(eq(region.regionCode, regionCode));
    if (!place || place.level !== "township") return usage(`没有区划代码为 ${regionCode} 的乡镇（街道）`);
    const content = await buildFinalContent(db, regionCode, year);
    const results = evaluate(content);
    const failed = results.filter((r) => !r.passed && r.level === "error");
    const answer: FinalCheckJson = { passed: failed.length === 0, failures: failed.map((r) => ({ rule: r.code, message: r.message })), totals: totalsOf(content) };
    if (json) out.write(`${JSON.stringify(answer)}\n`);
    else {
      out.write(`${place.name} ${year}年度财政总决算：本年收入合计 ${answer.totals.revenue} 元，本年支出合计 ${answer.totals.expenditure} 元\n`);
      out.write(`审核公式 ${results.length} 项，${failed.length ? `未通过 ${failed.length} 项：` : "全部通过。"}\n`);
      for (const f of failed) out.write(`  ✗ ${f.code}  ${f.message}\n`);
      for (const w of results.filter((r) => !r.passed && r.level === "warning")) out.write(`  ! ${w.code}  ${w.message}（提示，上报时须说明）\n`);
    }
    return failed.length ? 1 : 0;
  });
}
