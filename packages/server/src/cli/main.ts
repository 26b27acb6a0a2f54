// The command line: validators for batch work, and database chores on the same database as the
// server (XIANGCAI_DATA_DIR, or DATABASE_URL). Exit codes: 0 success/valid, 1 failure/invalid, 2 usage.
import { parseArgs } from "node:util";
import { amountInCapitals, checkCreditCode, checkResidentId, creditCodeAuthorityName, parseYuan, MoneyError } from "@xiangcai/shared";
import { ConfigError, dataDirFromEnv, loadConfig } from "../platform/config.ts";
import { openDatabase, type Database } from "../platform/db.ts";
import { migrate } from "../platform/migrate.ts";
import { systemClock } from "../platform/clock.ts";
import { bindAuditKey, keyLegacyChains } from "../audit/index.ts";
import { UsageError } from "./usage.ts";
import { AUDIT_USAGE, KEYS_USAGE, runAuditCommand, runKeysCommand, runSecretsCommand, SECRETS_USAGE } from "./security.ts";
import { listRegions } from "../org/index.ts";
import { isEmpty, seedDemo } from "../demo/seed.ts";
import type { Db } from "../platform/db.ts";
import { LEDGER_USAGE, runLedger } from "../ledger/cli.ts";
import { ROSTER_USAGE, runRosterCommand } from "../subsidy/cli.ts";
import { DEBT_USAGE, runDebtCommand } from "../debt/cli.ts";
import { SUPERVISE_USAGE, runSuperviseCommand } from "../supervision/cli.ts";
import { registerDomains } from "../domains.ts";
import { PERFORMANCE_USAGE, runPerformanceCommand } from "../performance/cli.ts";
import { FINAL_ACCOUNTS_USAGE, runFinalAccountsCommand } from "../finalAccounts/cli.ts";

const USAGE = `用法：xiangcai <命令> [参数]

校验与换算（不需要数据库）：
  check-id <身份证号> [--json]            校验居民身份证号（GB 11643）
  check-credit-code <代码> [--json]       校验统一社会信用代码（GB 32100）
  capitals <金额>                          金额转人民币大写，如 1409.50

数据库（与服务器同一数据库：XIANGCAI_DATA_DIR 或 DATABASE_URL；内嵌库请先停止服务器）：
  db migrate                               执行数据库迁移
  demo seed                                在空数据库中生成演示数据
  org list [--json]                        列出区划（区、乡镇、村）
${AUDIT_USAGE}
${KEYS_USAGE}

密钥：
${SECRETS_USAGE}
${LEDGER_USAGE}
${ROSTER_USAGE}
${DEBT_USAGE}
${SUPERVISE_USAGE}
${PERFORMANCE_USAGE}
${FINAL_ACCOUNTS_USAGE}
`;


const idReasonText = { LENGTH: "长度应为18位", CHARSET: "含有不允许的字符", BIRTH_DATE: "出生日期无效", CHECKSUM: "校验码错误" } as const;
const creditReasonText = { LENGTH: "长度应为18位", CHARSET: "含有不允许的字符（不使用 I、O、S、V、Z）", CHECKSUM: "校验码错误" } as const;

function flags(args: string[], allowed: { json?: boolean } = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: allowed.json ? { json: { type: "boolean" } } : {},
  });
  return { json: Boolean((values as { json?: boolean }).json), positionals };
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`需要一个${what}`);
  return positionals[0]!;
}

/**
 * The audit key of this deployment when its secrets are at hand (the embedded data folder, or the
 * environment); without them, read-only commands still run and a command that writes is refused.
 */
function auditKeyFromEnv(): Buffer | null {
  try {
    return loadConfig().auditKey;
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** The personal-data keys when the secrets are at hand (to index old person payees); null otherwise. */
function dataKeysFromEnv() {
  try {
    return loadConfig().dataKeys;
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  registerDomains();
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || null, dataDir: dataDirFromEnv() });
  try {
    const key = auditKeyFromEnv();
    if (key) bindAuditKey(database.db, key);
    await migrate(database);
    if (key) await database.db.transaction((tx) => keyLegacyChains(tx as unknown as Db, new Date()));
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Where the command writes: the process's streams, or a capture in tests. */
export interface Output {
  write(text: string): unknown;
}

export async function run(argv: string[], out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  const print = (s: string) => out.write(`${s}\n`);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check-id": {
        const { json, positionals } = flags(rest, { json: true });
        const result = checkResidentId(one(positionals, "身份证号"));
        if (json) print(JSON.stringify(result));
        else if (result.valid) print(`有效：${result.normalized}，出生日期 ${result.birthDate}，性别 ${result.sex === "male" ? "男" : "女"}，地址码 ${result.regionCode}`);
        else print(`无效：${idReasonText[result.reason]}`);
        return result.valid ? 0 : 1;
      }
      case "check-credit-code": {
        const { json, positionals } = flags(rest, { json: true });
        const result = checkCreditCode(one(positionals, "统一社会信用代码"));
        if (json) print(JSON.stringify(result));
        else if (result.valid) print(`有效：${result.normalized}，登记管理部门 ${result.authority}（${creditCodeAuthorityName(result.authority)}）`);
        else print(`无效：${creditReasonText[result.reason]}`);
        return result.valid ? 0 : 1;
      }
      case "capitals": {
        const { positionals } = flags(rest);
        const amount = one(positionals, "金额");
        try {
          print(amountInCapitals(parseYuan(amount, { allowNegative: true })));
          return 0;
        } catch (error) {
          if (error instanceof MoneyError) {
            err.write(`金额无效：${amount}（${error.message}）\n`);
            return 1;
          }
          throw error;
        }
      }
      case "db": {
        const [sub, ...more] = rest;
        if (sub !== "migrate" || more.length) throw new UsageError("用法：xiangcai db migrate");
        const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || null, dataDir: dataDirFromEnv() });
        try {
          const { applied } = await migrate(database);
          print(applied.length ? `已执行迁移：${applied.join(", ")}` : "数据库已是最新。");
          const key = auditKeyFromEnv();
          if (key) {
            bindAuditKey(database.db, key);
            const keyed = await database.db.transaction((tx) => keyLegacyChains(tx as unknown as Db, new Date()));
            if (keyed) print(`审计链启用密钥：${keyed} 条链已追加启用记录。`);
          } else {
            print("未提供审计密钥（XIANGCAI_AUDIT_KEY）：审计链将在服务器首次启动时启用密钥。");
          }
        } finally {
          await database.close();
        }
        return 0;
      }
      case "demo": {
        const [sub, ...more] = rest;
        if (sub !== "seed" || more.length) throw new UsageError("用法：xiangcai demo seed");
        return withDatabase(async ({ db }) => {
          if (!(await isEmpty(db))) {
            err.write("数据库中已有数据，未生成演示数据（演示数据只写入空数据库）。\n");
            return 1;
          }
          // The same keys as the server's (generated into the data folder, or from the environment).
          const keys = loadConfig().dataKeys;
          await db.transaction((tx) => seedDemo(tx as unknown as Db, keys, systemClock.now()));
          print("已生成演示数据：青禾区（329901）及 14 个乡镇（街道），演示账户见 README。");
          return 0;
        });
      }
      case "org": {
        const [sub, ...more] = rest;
        if (sub !== "list") throw new UsageError("用法：xiangcai org list [--json]");
        const { json } = flags(more, { json: true });
        return withDatabase(async ({ db }) => {
          const all: Awaited<ReturnType<typeof listRegions>>["items"] = [];
          for (let offset = 0; ; offset += 1000) {
            const page = await listRegions(db, "", {}, { limit: 1000, offset });
            all.push(...page.items);
            if (page.items.length < 1000) break;
          }
          if (json) print(JSON.stringify(all.map((r) => ({ regionCode: r.regionCode, name: r.name, level: r.level }))));
          else for (const r of all) print(`${r.regionCode}\t${r.kindName}\t${r.name}`);
          return 0;
        });
      }
      case "supervise":
        return await runSuperviseCommand(rest, out, err, withDatabase, dataKeysFromEnv, () => systemClock.now());
      case "roster":
        return runRosterCommand(rest, out, err);
      case "debt":
        return runDebtCommand(rest, out, err);
      case "performance":
        return runPerformanceCommand(rest, out, err);
      case "final-accounts":
        return await runFinalAccountsCommand(rest, out, err, withDatabase);
      case "ledger":
        return runLedger(rest, { out: (s) => out.write(s), err: (s) => err.write(s) }, withDatabase, systemClock);
      case "audit":
        return await runAuditCommand(rest, { print, err: (s) => err.write(s) }, withDatabase);
      case "secrets":
        return await runSecretsCommand(rest, { print, err: (s) => err.write(s) });
      case "keys":
        return await runKeysCommand(rest, { print, err: (s) => err.write(s) }, withDatabase);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        print(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`未知命令：${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      err.write(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    err.write(`错误：${(error as Error).message}\n`);
    return 1;
  }
}
