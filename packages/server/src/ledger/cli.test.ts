// Proves the ledger's command-line contract exactly as issue 4 writes it: create-set, import (all or
// nothing, per-voucher codes on stderr, exit 1), the trial-balance CSV with its header and 合计 row,
// and an hledger export whose `hledger bal` totals agree with the trial balance; once through the
// real `xiangcai` binary. The hledger checks are skipped, with a message, when hledger is missing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { demoBinary } from "../../test/binary.ts";
import { parseYuan } from "@xiangcai/shared";
import { runLedger } from "./cli.ts";
import { TEST_NOW, testClock } from "../../test/clock.ts";
import type { Database, Db } from "../platform/db.ts";
import { builtInChart, createAccountSet, systemActor } from "./service.ts";

let database: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "ledger-cli-"));
const hledger = spawnSync("hledger", ["--version"]).status === 0;
if (!hledger) console.warn("hledger is not installed (apt-get install -y hledger): the hledger checks of cli.test.ts are skipped.");

beforeAll(async () => {
  database = await openTestDatabase("demo");
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await runLedger(args, { out: (s) => (out += s), err: (s) => (err += s) }, <T,>(fn: (d: Database) => Promise<T>) => fn(database), testClock());
  return { code, out, err };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

const good = [
  { date: "2026-01-05", summary: "收到授权支付额度", lines: [{ account: "1011", debit: "50000.00" }, { account: "4001", credit: "50000.00" }, { account: "800101", debit: "50000.00" }, { account: "60010101", credit: "50000.00" }] },
  { date: "2026-01-20", summary: "支付办公费", lines: [{ account: "5001", debit: "1200.50" }, { account: "1011", credit: "1200.50" }, { account: "7101010101", debit: "1200.50", aux: { functional: "2010101", economic: "30201" } }, { account: "800101", credit: "1200.50" }] },
  { date: "2026-02-28", summary: "计提折旧", lines: [{ account: "5001", debit: "300.00" }, { account: "1602", credit: "300.00" }] },
];

/** The trial balance's closing balances by account, signed debit-positive, from the CSV. */
function closingOf(csv: string): Map<string, string> {
  const rows = csv.trim().split("\n").slice(1, -1).map((l) => l.split(","));
  return new Map(rows.map((r) => [r[0]!, (parseYuan(r[6]!) - parseYuan(r[7]!)).toString()]));
}

describe("ledger command line", () => {
  it("creates a set with the built-in chart (exit 0) and refuses a duplicate code", async () => {
    const created = await cli("create-set", "--region", "329901101", "--code", "QH-CLI", "--name", "青禾镇命令行账套", "--year", "2026");
    expect(created.code, created.err).toBe(0);
    expect((await cli("create-set", "--region", "329901101", "--code", "QH-CLI", "--name", "重复", "--year", "2026")).code).toBe(1);
    expect((await cli("create-set", "--region", "3299", "--code", "X", "--name", "x", "--year", "2026")).code).toBe(2);
    const fiscal = await cli("create-set", "--region", "329901103", "--code", "LW-ZKJ", "--name", "龙湾镇财政总会计", "--year", "2026", "--kind", "fiscal");
    expect(fiscal).toMatchObject({ code: 0 });
    expect(fiscal.out).toContain("财政总会计制度");
    expect((await cli("create-set", "--region", "329901103", "--code", "LW-ZKJ2", "--name", "第二个", "--year", "2026", "--kind", "fiscal")).code).toBe(1);
    expect((await cli("create-set", "--region", "329901103", "--code", "LW-X", "--name", "x", "--year", "2026", "--kind", "county")).code).toBe(2);
  });

  it("says a set code cannot be resolved and exits 2", async () => {
    for (const args of [["import", "--set", "NOPE", file("n.json", good)], ["trial-balance", "--set", "NOPE", "--from", "2026-01", "--to", "2026-12", "--format", "csv"], ["export", "--set", "NOPE", "--format", "hledger"]]) {
      const r = await cli(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.err).toMatch(/NOPE 不存在/);
    }
  });

  it("imports nothing when any voucher is invalid, listing each by index and code on stderr (exit 1)", async () => {
    const bad = [
      good[0],
      { date: "2026-01-06", summary: "不平", lines: [{ account: "5001", debit: "10.00" }, { account: "1602", credit: "9.00" }] },
      { date: "2026-01-07", summary: "预算不平", lines: [{ account: "7101010101", debit: "10.00", aux: { functional: "2010101", economic: "30201" } }, { account: "800101", credit: "9.00" }] },
      { date: "2026-01-07", summary: "无科目", lines: [{ account: "1999", debit: "10.00" }, { account: "1602", credit: "10.00" }] },
      { date: "2026-01-07", summary: "非末级", lines: [{ account: "8001", debit: "10.00" }, { account: "6001", credit: "10.00" }] },
      { date: "2026-01-07", summary: "金额", lines: [{ account: "5001", debit: "-10.00" }, { account: "1602", credit: "10.00" }] },
      { date: "2026-01-07", summary: "辅助", lines: [{ account: "7101010101", debit: "10.00" }, { account: "800101", credit: "10.00" }] },
      { date: "2026-01-07", summary: "一行", lines: [{ account: "5001", debit: "10.00" }] },
    ];
    const r = await cli("import", "--set", "QH-CLI", file("bad.json", bad));
    expect(r.code).toBe(1);
    const lines = r.err.trim().split("\n");
    expect(lines.slice(0, 7).map((l) => l.split("\t").slice(0, 2).join(" "))).toEqual([
      "1 UNBALANCED_FINANCIAL",
      "2 UNBALANCED_BUDGET",
      "3 UNKNOWN_ACCOUNT",
      "4 NOT_LEAF",
      "5 BAD_AMOUNT",
      "6 MISSING_AUX",
      "7 TOO_FEW_LINES,UNBALANCED_FINANCIAL",
    ]);
    const tb = await cli("trial-balance", "--set", "QH-CLI", "--from", "2026-01", "--to", "2026-12", "--format", "csv");
    expect(tb.out.trim().split("\n")).toEqual(["account,name,opening_debit,opening_credit,period_debit,period_credit,closing_debit,closing_credit", "合计,,0.00,0.00,0.00,0.00,0.00,0.00"]);
  });

  it("posts valid vouchers (exit 0) and prints the first-level trial balance with a 合计 row", async () => {
    expect(await cli("import", "--set", "QH-CLI", file("good.json", good))).toMatchObject({ code: 0 });
    const tb = await cli("trial-balance", "--set", "QH-CLI", "--from", "2026-02", "--to", "2026-02", "--format", "csv");
    expect(tb.code).toBe(0);
    expect(tb.out).toBe(
      [
        "account,name,opening_debit,opening_credit,period_debit,period_credit,closing_debit,closing_credit",
        "1011,零余额账户用款额度,48799.50,0.00,0.00,0.00,48799.50,0.00",
        "1602,固定资产累计折旧,0.00,0.00,0.00,300.00,0.00,300.00",
        "4001,财政拨款收入,0.00,50000.00,0.00,0.00,0.00,50000.00",
        "5001,业务活动费用,1200.50,0.00,300.00,0.00,1500.50,0.00",
        "6001,财政拨款预算收入,0.00,50000.00,0.00,0.00,0.00,50000.00",
        "7101,行政支出,1200.50,0.00,0.00,0.00,1200.50,0.00",
        "8001,资金结存,48799.50,0.00,0.00,0.00,48799.50,0.00",
        "合计,,100000.00,100000.00,300.00,300.00,100300.00,100300.00",
        "",
      ].join("\n"),
    );
    const month = await cli("trial-balance", "--set", "QH-CLI", "--from", "2026-03", "--to", "2026-01", "--format", "csv");
    expect(month.code).toBe(2);
  });

  it.skipIf(!hledger)("exports a journal whose hledger bal agrees with the trial balance", async () => {
    const journal = await cli("export", "--set", "QH-CLI", "--format", "hledger");
    expect(journal.code).toBe(0);
    const path = join(dir, "set.journal");
    writeFileSync(path, journal.out);
    const bal = execFileSync("hledger", ["-f", path, "bal", "--flat", "--depth", "1", "-N", "-O", "csv"], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8" } });
    const fromHledger = new Map(bal.trim().split("\n").slice(1).map((l) => l.replaceAll('"', "").split(",")).map(([a, amount]) => [a!, String(parseYuan(amount!, { allowNegative: true }))]));
    const tb = await cli("trial-balance", "--set", "QH-CLI", "--from", "2026-01", "--to", "2026-12", "--format", "csv");
    const fromLedger = closingOf(tb.out);
    expect(Object.fromEntries(fromHledger)).toEqual(Object.fromEntries([...fromLedger].filter(([, v]) => v !== "0")));
  });

  it("completes a set's standard 明细 (complete-chart --set), adds nothing the second time, runs over every set (--all), and refuses bad usage with exit 2", async () => {
    // A set as older sets were made: 6001 without its 明细 (a leaf).
    const chart = builtInChart("unit").filter((a) => !(a.code.startsWith("6001") && a.code.length > 4)).map((a) => (a.code === "6001" ? { ...a, isLeaf: true } : a));
    await database.db.transaction((tx) => createAccountSet(tx as unknown as Db, systemActor("测试"), { regionCode: "329901101", code: "QH-OLD", name: "旧科目表账套", year: 2026, chart }, TEST_NOW));
    const first = await cli("complete-chart", "--set", "QH-OLD");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("账套 QH-OLD（旧科目表账套）：增设 6 个明细科目。");
    expect((await cli("complete-chart", "--set", "QH-OLD")).out).toContain("增设 0 个明细科目");
    const all = await cli("complete-chart", "--all");
    expect(all.code, all.err).toBe(0);
    expect(all.out).toMatch(/共 \d+ 个账套，增设 \d+ 个明细科目。/);
    for (const bad of [["complete-chart"], ["complete-chart", "--all", "--set", "QH-OLD"], ["complete-chart", "--set", "NO-SUCH"], ["complete-chart", "--all", "extra"]]) expect((await cli(...bad)).code, bad.join(" ")).toBe(2);
  });
});

describe("the real xiangcai binary", () => {
  it("runs create-set, import and trial-balance on its own database", async () => {
    const binary = await demoBinary(join(dir, "data"));
    const run = (...args: string[]) => binary.run(args);
    expect(run("ledger", "create-set", "--region", "329901101", "--code", "QH-BIN", "--name", "二进制", "--year", "2026").status).toBe(0);
    const imported = run("ledger", "import", "--set", "QH-BIN", file("bin.json", good));
    expect(imported.status, imported.stderr).toBe(0);
    const rejected = run("ledger", "import", "--set", "QH-BIN", file("bin-bad.json", [{ date: "2026-01-05", summary: "x", lines: [{ account: "5001", debit: "1.00" }] }]));
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toMatch(/^0\tTOO_FEW_LINES/);
    const tb = run("ledger", "trial-balance", "--set", "QH-BIN", "--from", "2026-01", "--to", "2026-12", "--format", "csv");
    expect(tb.status).toBe(0);
    expect(tb.stdout.trim().split("\n").at(-1)).toBe("合计,,0.00,0.00,102701.00,102701.00,100300.00,100300.00");
    expect(run("ledger", "export", "--set", "MISSING", "--format", "hledger").status).toBe(2);
  }, 240_000);
});
