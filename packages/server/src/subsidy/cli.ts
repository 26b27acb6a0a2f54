// `xiangcai roster check <file.xlsx> --item <code> --period <YYYY|YYYY-MM> [--region <9 digits>] [--json]`:
// the roster checks from the command line, on the configured database (its registry, items and
// earlier rosters). Exit 0 when there is no error finding, 1 when there is one, 2 for an
// unreadable file or bad arguments. The JSON shape is a stable contract.
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { loadConfig } from "../platform/config.ts";
import { openDatabase } from "../platform/db.ts";
import { migrate } from "../platform/migrate.ts";
import type { Db } from "../platform/db.ts";
import { checkPeriod, countBySeverity, findingCodes, findingSeverity } from "./rules.ts";
import { checkRosterFile, databaseLookup, ROSTER_ROWS_MAX_DEFAULT, villageDirectory } from "./check.ts";
import { SheetFileError, inspectXlsxFile } from "../platform/sheetReader.ts";
import { subsidyItem } from "./tables.ts";
import { rosterRowsMax } from "./settings.ts";

const codesOf = (severity: "error" | "warning") => findingCodes.filter((c) => findingSeverity[c] === severity).join(" ");
export const ROSTER_USAGE = `  roster check <清册.xlsx> --item <项目代码> --period <YYYY|YYYY-MM> [--region <9位乡镇代码>] [--json]
                                           检查补贴发放清册；无错误退出码 0，有错误 1，文件无法读取或参数错误 2
                                           错误：${codesOf("error")}
                                           提示：${codesOf("warning")}`;

type Out = { write(s: string): unknown };

export async function runRosterCommand(args: string[], out: Out, err: Out): Promise<number> {
  const usage = (message: string) => {
    err.write(`${message}\n用法：\n${ROSTER_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { item: { type: "string" }, period: { type: "string" }, region: { type: "string" }, json: { type: "boolean" } },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const [sub, file, ...extra] = parsed.positionals;
  const { item, period, region, json } = parsed.values;
  if (sub !== "check") return usage(`未知的子命令：${sub ?? "(无)"}`);
  if (!file || extra.length) return usage("需要一个清册文件");
  if (!item || !/^[A-Za-z0-9_-]{1,40}$/.test(item)) return usage("--item 须为项目代码");
  if (!period || checkPeriod(period) !== null) return usage("--period 须为 YYYY 或 YYYY-MM");
  if (region !== undefined && !/^[0-9]{9}$/.test(region)) return usage("--region 须为 9 位乡镇区划代码");
  if (!existsSync(file)) {
    err.write(`文件不存在：${file}\n`);
    return 2;
  }
  try {
    await inspectXlsxFile(file);
  } catch (error) {
    if (error instanceof SheetFileError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const db = database.db;
    const found = await db
      .select()
      .from(subsidyItem)
      .where(and(eq(subsidyItem.code, item), ...(region ? [eq(subsidyItem.regionCode, region)] : [])));
    const itemRow = found.length === 1 ? found[0]! : null;
    if (!itemRow) err.write(found.length > 1 ? `提示：多个乡镇有项目 ${item}，请用 --region 指定；仅做文件检查。\n` : `提示：数据库中没有项目 ${item}${region ? `（${region}）` : ""}；仅做文件检查。\n`);
    else {
      const problem = checkPeriod(period, itemRow.periodKind);
      if (problem) return usage(`--period：${problem}`);
    }
    const rowsMax = itemRow ? await rosterRowsMax(db, itemRow.regionCode) : ROSTER_ROWS_MAX_DEFAULT;
    const lookup = itemRow ? databaseLookup(db as Db, config.dataKeys, { regionCode: itemRow.regionCode, itemCode: item, period, rosterId: null, villageCode: null, basis: itemRow.basis }, await villageDirectory(db as Db, itemRow.regionCode)) : null;
    const result = await checkRosterFile(file, { itemStandardFen: itemRow?.standardFen ?? null, rowsMax, lookup });
    const { errors, warnings } = countBySeverity(result.findings);
    if (json) {
      out.write(`${JSON.stringify({ rows: result.rows, findings: result.findings.map((f) => ({ row: f.row, code: f.code, severity: f.severity, message: f.message })) })}\n`);
    } else {
      for (const f of result.findings) out.write(`第 ${f.row} 行\t${f.severity === "error" ? "错误" : "提示"}\t${f.code}\t${f.message}\n`);
      out.write(`共 ${result.rows} 行，错误 ${errors} 项，提示 ${warnings} 项。\n`);
    }
    return errors > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof SheetFileError) {
      err.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}
