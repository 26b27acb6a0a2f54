// Benchmark of the fiscal general accounting (issue 11): a township's year of events posted by the
// fiscal ledger's outbox consumer into its fiscal set (treasury payments paid as 本级支出, daily revenue
// reports of 12 revenue classes, transfers from above, remittances up), through dispatchOutbox as the
// server runs it; then the fiscal statements of the whole year (balance sheet, 一般公共预算执行情况表,
// 预算收入支出表 by budget) read from those books. On PGlite and (with BENCH_DATABASE_URL) on PostgreSQL.
// Figures are printed, not asserted. Size: --size small (2,000 payments), normal (20,000 payments and
// 300 daily reports: a busy township's year), or --fiscal-payments N.
import pg from "pg";
import { randomBytes, randomUUID } from "node:crypto";
import { openPglite, openPostgres, type Database, type Db } from "../packages/server/src/platform/db.ts";
import { bindAuditKey } from "../packages/server/src/audit/key.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { dispatchOutbox, publish, registerConsumer } from "../packages/server/src/platform/outbox.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { paymentPaidTopic, revenueReportedTopic } from "../packages/server/src/treasury/index.ts";
import { remittanceRecordedTopic, upperTransferRecordedTopic } from "../packages/server/src/budget/index.ts";
import { createAccountSet, systemActor } from "../packages/server/src/ledger/service.ts";
import { fiscalLedgerConsumer } from "../packages/server/src/ledger/fiscalConsumer.ts";
import { fiscalStatementOf } from "../packages/server/src/ledger/fiscalReports.ts";
import { findSetByCode } from "../packages/server/src/ledger/index.ts";

const BENCH_AUDIT_KEY = randomBytes(32);
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const size = arg("--size") ?? "normal";
const payments = Number.parseInt(arg("--fiscal-payments") ?? (size === "small" ? "2000" : "20000"), 10);
const reports = size === "small" ? 60 : 300;
const databases = (arg("--databases") ?? "pglite,postgres").split(",");
const YEAR = 2026;
const REGION = "329901101";
const REVENUE_CODES = ["1010101", "10104", "10106", "10109", "10110", "10111", "10112", "10119", "10304", "10305", "10307", "10301"];
const dayOf = (i: number) => `${YEAR}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
const yuan = (fen: number) => `${fen < 0 ? "-" : ""}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, "0")}`;

async function publishYear(database: Database) {
  const unitId = randomUUID();
  const BATCH = 1_000;
  for (let first = 0; first < payments; first += BATCH) {
    await database.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      for (let i = first; i < Math.min(payments, first + BATCH); i++) {
        await publish(tx, paymentPaidTopic, {
          regionCode: REGION,
          payload: { paymentId: randomUUID(), regionCode: REGION, budgetUnitId: unitId, indicatorId: randomUUID(), amount: yuan(10_000 + ((i * 7919) % 5_000_000)), method: i % 3 ? "direct" : "authorised", functionalCode: ["2010101", "2050202", "2100302", "2130122"][i % 4]!, economicCode: ["30101", "30201", "30213", "30305"][i % 4]!, fundNature: i % 10 === 0 ? "governmentFund" : "generalBudget", payeeName: `收款人${i % 300}`, purpose: "基准测试支付", paidAt: dayOf(i) },
        }, new Date());
      }
    });
  }
  await database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    for (let r = 0; r < reports; r++) {
      await publish(tx, revenueReportedTopic, { regionCode: REGION, payload: { reportId: randomUUID(), regionCode: REGION, reportDate: dayOf(r), lines: REVENUE_CODES.map((code, k) => ({ revenueCode: code, revenueName: code, fund: code.startsWith("10301") ? ("governmentFund" as const) : ("generalBudget" as const), amount: yuan((r % 7 === 0 && k === 7 ? -1 : 1) * (50_000 + ((r * 31 + k * 977) % 3_000_000))) })) } }, new Date());
    }
    for (let m = 1; m <= 12; m++) {
      await publish(tx, upperTransferRecordedTopic, { regionCode: REGION, payload: { indicatorId: randomUUID(), regionCode: REGION, fiscalYear: YEAR, documentNo: `青财预〔${YEAR}〕${m}号`, fundNature: "upperTransfer", functionalCode: "2130122", amount: yuan(300_000_00 + m * 1_000_00), summary: "上级补助", recordedOn: dayOf(m - 1) } }, new Date());
      if (m % 3 === 0) await publish(tx, remittanceRecordedTopic, { regionCode: REGION, payload: { remittanceId: randomUUID(), regionCode: REGION, fiscalYear: YEAR, documentNo: `上解〔${YEAR}〕${m}号`, kind: "system", fund: "generalBudget", amount: yuan(52_000_00), remittedOn: dayOf(m - 1) } }, new Date());
    }
  });
  return payments + reports + 12 + 4;
}

async function run(label: string, database: Database) {
  await migrate(database);
  registerConsumer(fiscalLedgerConsumer);
  const system = systemActor("bench");
  await database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, { id: null, name: "bench" }, { regionCode: "329901000", name: "青禾区" }, new Date());
    await createRegion(tx, { id: null, name: "bench" }, { regionCode: REGION, name: "青禾镇" }, new Date());
    await createAccountSet(tx, system, { regionCode: REGION, code: "BENCH-ZKJ", name: "基准测试财政总会计", year: YEAR, kind: "fiscal" }, new Date());
  });
  let started = performance.now();
  const events = await publishYear(database);
  console.log(`${label}: published ${events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  let processed = 0;
  for (;;) {
    const r = await dispatchOutbox(database, { limit: 500 });
    if (r.failed.length) throw new Error(`posting failed: ${JSON.stringify(r.failed.slice(0, 2))}`);
    if (r.processed === 0) break;
    processed += r.processed;
  }
  const postMs = performance.now() - started;
  console.log(`${label}: the fiscal consumer posted ${processed} events in ${(postMs / 1000).toFixed(1)} s: ${Math.round(processed / (postMs / 1000))} events/s`);
  const set = (await findSetByCode(database.db, "BENCH-ZKJ"))!;
  for (const code of ["fiscal-balance-sheet", "general-budget-execution", "fiscal-budget-revenue-expenditure", "fiscal-reconciliation"] as const) {
    started = performance.now();
    const statement = await fiscalStatementOf(database.db, set, code, `${YEAR}-01`, `${YEAR}-12`);
    console.log(`${label}: ${statement.title} for the year: ${(performance.now() - started).toFixed(0)} ms (${statement.rows.length} rows)`);
  }
}

console.log(`fiscal benchmark: ${payments} payments paid, ${reports} daily revenue reports of ${REVENUE_CODES.length} classes, 12 transfers, 4 remittances`);
if (databases.includes("pglite")) {
  const embedded = await openPglite();
  bindAuditKey(embedded.db, BENCH_AUDIT_KEY);
  try {
    await run("PGlite", embedded);
  } finally {
    await embedded.close();
  }
}
const url = process.env.BENCH_DATABASE_URL;
if (url && databases.includes("postgres")) {
  const name = `xc_bench_fiscal_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const server = await openPostgres(target.toString());
  bindAuditKey(server.db, BENCH_AUDIT_KEY);
  try {
    await run("PostgreSQL", server);
  } finally {
    await server.close();
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run)");
}
