// Benchmark of the ledger (issue 4): importing posted vouchers (5 lines each) through the import
// contract's code path in batches of 10,000 vouchers, on PGlite and (with BENCH_DATABASE_URL) on
// PostgreSQL; the trial balance for a full year and for one month; and the same journal exported
// and run through `hledger bal` (Debian's hledger), timed side by side; one month's 序时账 exported to
// Excel (every line of the month's vouchers), beside the hledger export of the whole year. Figures are printed.
// Size: --size small (20,000 lines), normal (1,000,000 lines = 200,000 vouchers, the size),
// or --ledger-lines N.
import { sql } from "drizzle-orm";
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { createAccountSet, findSetByCode, loadSet, systemActor } from "../packages/server/src/ledger/service.ts";
import { trialBalanceOf } from "../packages/server/src/ledger/balances.ts";
import { hledgerJournal, importVouchers } from "../packages/server/src/ledger/bulk.ts";
import { journalWorkbook } from "../packages/server/src/ledger/journalExport.ts";

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const size = arg("--size") ?? "normal";
const lines = Number.parseInt(arg("--ledger-lines") ?? (size === "small" ? "20000" : "1000000"), 10);
const vouchers = Math.floor(lines / 5);
// --databases pglite,postgres (default both; postgres needs BENCH_DATABASE_URL).
const databases = (arg("--databases") ?? "pglite,postgres").split(",");
const BATCH = 10_000;
const YEAR = 2026;

/** Voucher i: office and business expense from the zero-balance account, with the budget entry. */
function voucher(i: number) {
  const month = (i % 12) + 1;
  const day = (i % 28) + 1;
  const a = 100 + (i % 9000);
  const b = 50 + ((i * 7) % 5000);
  const yuan = (n: number) => `${n}.${String(i % 100).padStart(2, "0")}`;
  const total = (a + b) * 100 + 2 * (i % 100);
  const totalText = `${Math.floor(total / 100)}.${String(total % 100).padStart(2, "0")}`;
  return {
    date: `${YEAR}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`,
    summary: `支付费用 ${i}`,
    lines: [
      { account: "5101", debit: yuan(a) },
      { account: "5001", debit: yuan(b) },
      { account: "1011", credit: totalText },
      { account: "7101010101", debit: totalText, aux: { functional: "2010101", economic: i % 2 ? "30201" : "30211" } },
      { account: "800101", credit: totalText },
    ],
  };
}

async function run(label: string, database: Database, dir: string) {
  await migrate(database);
  const system = systemActor("bench");
  await database.db.transaction(async (tx) => {
    await createRegion(tx as unknown as Db, { id: null, name: "bench" }, { regionCode: "329901000", name: "青禾区" }, new Date());
    await createRegion(tx as unknown as Db, { id: null, name: "bench" }, { regionCode: "329901101", name: "青禾镇" }, new Date());
    await createAccountSet(tx as unknown as Db, system, { regionCode: "329901101", code: "BENCH", name: "基准测试账套", year: YEAR }, new Date());
  });
  const set = (await findSetByCode(database.db, "BENCH"))!;
  let started = performance.now();
  for (let first = 0; first < vouchers; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, vouchers - first) }, (_, k) => voucher(first + k));
    const result = await database.db.transaction((tx) => importVouchers(tx as unknown as Db, system, set, batch, new Date()));
    if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.invalid.slice(0, 3))}`);
  }
  const importMs = performance.now() - started;
  console.log(`${label}: imported ${vouchers} vouchers / ${vouchers * 5} lines in ${(importMs / 1000).toFixed(1)} s: ${Math.round((vouchers * 5) / (importMs / 1000))} lines/s`);
  const fresh = await loadSet(database.db, system, set.id);
  for (const [from, to] of [[`${YEAR}-01`, `${YEAR}-12`], [`${YEAR}-06`, `${YEAR}-06`]] as const) {
    started = performance.now();
    const rows = await trialBalanceOf(database.db, fresh, from, to);
    console.log(`${label}: trial balance ${from}..${to}: ${(performance.now() - started).toFixed(1)} ms (${rows.length} accounts)`);
  }
  // The slow path, for comparison: the same full-year totals summed from every line.
  started = performance.now();
  await database.db.execute(
    sql`select account_code, sum(debit_fen), sum(credit_fen) from ledger_voucher_line l join ledger_voucher v on v.region_code = l.region_code and v.id = l.voucher_id where v.status = 'posted' and v.year = ${YEAR} group by account_code`,
  );
  const scanMs = performance.now() - started;
  console.log(`${label}: the same year summed from every line (no month totals): ${scanMs.toFixed(0)} ms`);
  const journal = join(dir, `${label}.journal`);
  started = performance.now();
  const out = createWriteStream(journal);
  for await (const chunk of hledgerJournal(database.db, fresh)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
  console.log(`${label}: hledger journal exported in ${((performance.now() - started) / 1000).toFixed(1)} s (${(statSync(journal).size / 1e6).toFixed(1)} MB)`);
  const june = Array.from({ length: vouchers }, (_, i) => i).filter((i) => i % 12 === 5).length;
  started = performance.now();
  const book = await journalWorkbook(database.db, system, { setId: set.id, year: YEAR, month: 6 });
  const excelMs = performance.now() - started;
  console.log(`${label}: 序时账 ${YEAR}-06 to Excel (${june} vouchers, ${june * 5} lines): ${(excelMs / 1000).toFixed(1)} s, ${Math.round((june * 5) / (excelMs / 1000))} lines/s (${(book.length / 1e6).toFixed(1)} MB)`);
  return journal;
}

function hledgerBal(journal: string, trialMs: number) {
  if (spawnSync("hledger", ["--version"]).status !== 0) {
    console.log("hledger: not installed (apt-get install -y hledger), comparison skipped");
    return;
  }
  const started = performance.now();
  const result = spawnSync("hledger", ["-f", journal, "bal", "--depth", "1", "-N"], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8" }, maxBuffer: 1 << 26 });
  const ms = performance.now() - started;
  if (result.status !== 0) console.log(`hledger bal failed: ${result.stderr.slice(0, 300)}`);
  else console.log(`hledger bal (full year, ${vouchers} transactions): ${ms.toFixed(0)} ms; ratio hledger / xiangcai trial balance (full year): ${(ms / trialMs).toFixed(0)}x`);
}

const dir = mkdtempSync(join(tmpdir(), "bench-ledger-"));
console.log(`ledger benchmark: ${vouchers} vouchers × 5 lines = ${vouchers * 5} lines, imported in batches of ${BATCH}`);
try {
  let compared = false;
  const compare = async (database: Database, journal: string) => {
    if (compared) return;
    compared = true;
    const set = (await findSetByCode(database.db, "BENCH"))!;
    const started = performance.now();
    await trialBalanceOf(database.db, set, `${YEAR}-01`, `${YEAR}-12`);
    hledgerBal(journal, performance.now() - started);
  };
  if (databases.includes("pglite")) await onEmbedded(async (database) => compare(database, await run("PGlite", database, dir)));
  if (databases.includes("postgres")) await onPostgres(async (database) => compare(database, await run("PostgreSQL", database, dir)));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
