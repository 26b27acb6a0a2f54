// The ledger's command-line contract (issue 4): create-set, import, trial-balance, export.
// Exit codes: 0 success, 1 invalid input (nothing written), 2 usage or a set code not found.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { Database, Db } from "../platform/db.ts";
import type { Clock } from "../platform/clock.ts";
import { DomainError } from "../platform/errors.ts";
import { createAccountSet, findSetByCode, systemActor } from "./service.ts";
import { completeStandardChart } from "./chartComplete.ts";
import { ledgerAccountSet } from "./tables.ts";
import { trialBalanceOf } from "./balances.ts";
import { hledgerJournal, importVouchers } from "./bulk.ts";
import { trialBalanceCsv } from "./rules.ts";

export const LEDGER_USAGE = `  ledger create-set --region <9位区划> --code <账套代码> --name <名称> --year <YYYY> [--kind unit|fiscal]
                                                  unit：单位会计（政府会计制度，默认）；fiscal：乡镇财政总会计（财政总会计制度）
  ledger import --set <账套代码> <凭证.json>      导入并记账（全部成功或全部不导入）
  ledger trial-balance --set <账套代码> --from YYYY-MM --to YYYY-MM --format csv
  ledger export --set <账套代码> --format hledger  导出 hledger 日记账
  ledger complete-chart (--set <账套代码> | --all)  补齐标准明细科目（已有记账数据的科目不拆分，列出原因）`;

export interface LedgerIo {
  out(text: string): void;
  err(text: string): void;
}

type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>;

const usage = (io: LedgerIo, message: string) => {
  io.err(`${message}\n用法：\n${LEDGER_USAGE}\n`);
  return 2;
};

function options(args: string[], names: string[], flagNames: string[] = []) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { ...Object.fromEntries(names.map((n) => [n, { type: "string" as const }])), ...Object.fromEntries(flagNames.map((n) => [n, { type: "boolean" as const }])) },
  });
  const flags = Object.fromEntries(flagNames.map((n) => [n, values[n] === true]));
  return { values: values as Record<string, string | undefined>, flags, positionals };
}

export async function runLedger(args: string[], io: LedgerIo, withDatabase: WithDatabase, clock: Clock): Promise<number> {
  const [sub, ...rest] = args;
  let parsed: ReturnType<typeof options>;
  try {
    parsed = options(rest, ["region", "code", "name", "year", "set", "from", "to", "format", "kind"], ["all"]);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const { values: v, flags, positionals } = parsed;
  const actor = systemActor("命令行");
  const resolve = async (db: Db) => {
    if (!v.set) return null;
    return (await findSetByCode(db, v.set)) ?? null;
  };
  switch (sub) {
    case "create-set": {
      if (!v.region || !v.code || !v.name || !v.year || positionals.length) return usage(io, "create-set 需要 --region --code --name --year");
      if (!/^[0-9]{9}$/.test(v.region)) return usage(io, "--region 应为9位乡镇区划代码");
      if (!/^[0-9]{4}$/.test(v.year)) return usage(io, "--year 应为4位年度");
      const kind = v.kind ?? "unit";
      if (kind !== "unit" && kind !== "fiscal") return usage(io, "--kind 应为 unit 或 fiscal");
      return withDatabase(async ({ db }) => {
        try {
          const set = await db.transaction((tx) => createAccountSet(tx as unknown as Db, actor, { regionCode: v.region!, code: v.code!, name: v.name!, year: Number.parseInt(v.year!, 10), kind }, clock.now()));
          io.out(`已创建账套 ${set.code}（${set.name}，${set.regionName}，${v.year}年度），科目表：${kind === "fiscal" ? "财政总会计制度" : "政府会计制度"}。\n`);
          return 0;
        } catch (error) {
          if (error instanceof DomainError) {
            io.err(`${error.code}: ${error.detail}\n`);
            return 1;
          }
          throw error;
        }
      });
    }
    case "import": {
      if (!v.set || positionals.length !== 1) return usage(io, "import 需要 --set 和一个 JSON 文件");
      let raws: unknown;
      try {
        raws = JSON.parse(readFileSync(positionals[0]!, "utf8"));
      } catch (error) {
        io.err(`无法读取 ${positionals[0]}：${(error as Error).message}\n`);
        return 1;
      }
      if (!Array.isArray(raws)) {
        io.err("文件内容应为凭证的 JSON 数组。\n");
        return 1;
      }
      return withDatabase(async ({ db }) => {
        const set = await resolve(db);
        if (!set) return usage(io, `账套代码 ${v.set} 不存在`);
        // A failed import throws out of the transaction, so nothing it wrote stays.
        class Rejected extends Error {}
        try {
          const result = await db.transaction(async (tx) => {
            const r = await importVouchers(tx as unknown as Db, actor, set, raws as unknown[], clock.now());
            if (!r.ok) throw Object.assign(new Rejected("invalid"), { result: r });
            return r;
          });
          io.out(`已导入并记账 ${result.posted} 张凭证，${result.lines} 行分录。\n`);
          return 0;
        } catch (error) {
          if (!(error instanceof Rejected)) throw error;
          const r = (error as Rejected & { result: Awaited<ReturnType<typeof importVouchers>> }).result;
          for (const bad of r.invalid) io.err(`${bad.index}\t${bad.codes.join(",")}\t${bad.messages.join("；")}\n`);
          io.err(`共 ${r.invalid.length} 张凭证无效，未导入任何凭证。\n`);
          return 1;
        }
      });
    }
    case "trial-balance": {
      if (!v.set || !v.from || !v.to || (v.format ?? "csv") !== "csv" || positionals.length) return usage(io, "trial-balance 需要 --set --from YYYY-MM --to YYYY-MM --format csv");
      return withDatabase(async ({ db }) => {
        const set = await resolve(db);
        if (!set) return usage(io, `账套代码 ${v.set} 不存在`);
        try {
          io.out(trialBalanceCsv(await trialBalanceOf(db, set, v.from!, v.to!)));
          return 0;
        } catch (error) {
          if (error instanceof DomainError) return usage(io, error.detail);
          throw error;
        }
      });
    }
    case "export": {
      if (!v.set || v.format !== "hledger" || positionals.length) return usage(io, "export 需要 --set 和 --format hledger");
      return withDatabase(async ({ db }) => {
        const set = await resolve(db);
        if (!set) return usage(io, `账套代码 ${v.set} 不存在`);
        for await (const chunk of hledgerJournal(db, set)) io.out(chunk);
        return 0;
      });
    }
    case "complete-chart": {
      const all = flags.all === true;
      if (all === Boolean(v.set) || positionals.length) return usage(io, "complete-chart 需要 --set <账套代码> 或 --all（二者选一）");
      return withDatabase(async ({ db }) => {
        const sets = all ? await db.select().from(ledgerAccountSet).orderBy(ledgerAccountSet.code) : [await resolve(db)];
        if (sets[0] === null) return usage(io, `账套代码 ${v.set} 不存在`);
        let added = 0;
        for (const set of sets) {
          // One transaction per set: each set is completed all or nothing.
          const result = await db.transaction((tx) => completeStandardChart(tx as unknown as Db, actor, set!.id, clock.now()));
          added += result.added.length;
          io.out(`账套 ${set!.code}（${set!.name}）：增设 ${result.added.length} 个明细科目${result.skipped.length ? `，未增设 ${result.skipped.length} 个` : ""}。\n`);
          for (const s of result.skipped) io.out(`  未增设 ${s.code} ${s.name}：${s.reason}\n`);
        }
        io.out(`共 ${sets.length} 个账套，增设 ${added} 个明细科目。\n`);
        return 0;
      });
    }
    default:
      return usage(io, `未知的 ledger 子命令：${sub ?? "(无)"}`);
  }
}
