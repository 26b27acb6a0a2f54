// Benchmarks of budget and treasury payment (figures printed, not asserted):
// 1. payment requests from concurrent clients against PostgreSQL, each one transaction that checks
//    the payee, reserves on an indicator, numbers the request, starts its flow and audits it;
//    requests per second and p50/p99 latency; at the end every indicator must satisfy
//    reserved + paid + available = issued with none negative, and reserved must equal the sum of
//    the requests entered;
// 2. the budget execution report of a district (townships × years × paid payments) on PGlite and on
//    PostgreSQL, by township, by functional class and by month.
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh database
// is created and dropped. Sizes: --payments 10000 --indicators 200 --clients 16 --report-payments 100000
// --townships 14 --years 3, or --size small.
import { sql } from "drizzle-orm";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { uuidv7 } from "../packages/server/src/platform/ids.ts";
import { makeActor } from "../packages/server/src/identity/roles.ts";
import { createRegion, budgetUnit } from "../packages/server/src/org/index.ts";
import { installDefaultCatalogs, importCatalog } from "../packages/server/src/catalog/index.ts";
import { budgetIndicator } from "../packages/server/src/budget/index.ts";
import { issueIndicator } from "../packages/server/src/budget/indicators.ts";
import { executionReport } from "../packages/server/src/budget/report.ts";
import { createPayment } from "../packages/server/src/treasury/service.ts";
import { demoPayeeCreditCode } from "../packages/server/src/budget/demo.ts";
import { registerDomains } from "../packages/server/src/domains.ts";

// A benchmark is a composition root: it registers the flows (a payment starts one) as the app does.
registerDomains();

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const PAYMENTS = arg("payments", small ? 1_000 : 10_000);
const INDICATORS = arg("indicators", 200);
const CLIENTS = arg("clients", 16);
const REPORT_PAYMENTS = arg("report-payments", small ? 10_000 : 100_000);
const TOWNSHIPS = arg("townships", 14);
const YEARS = arg("years", 3);
const YEAR = 2026;
const DISTRICT = "329901000";
const township = (i: number) => `329901${String(101 + i)}`;

const POSTGRES = { url: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", max: CLIENTS + 4 };

/** A district with townships, one active budget unit each, and the catalogue of the years. */
async function baseData(db: Db, townships: number, years: number) {
  const system = { id: null, name: "bench" };
  const admin = makeActor({ id: uuidv7(), username: "bench-admin", displayName: "基准", regionCode: DISTRICT }, ["districtAdmin"]);
  const units: string[] = [];
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, system, { regionCode: DISTRICT, name: "青禾区" }, new Date());
    for (let i = 0; i < townships; i++) {
      await createRegion(tx, system, { regionCode: township(i), name: `第${i + 1}镇` }, new Date());
      const id = uuidv7();
      await tx.insert(budgetUnit).values({ regionCode: township(i), id, creditCode: demoPayeeCreditCode(9000 + i), name: `第${i + 1}镇人民政府`, kind: "administrative", status: "active", createdBy: admin.userId });
      units.push(id);
    }
    for (let y = 0; y < years; y++) {
      await installDefaultCatalogs(tx, admin, YEAR - y, new Date());
      await importCatalog(tx, admin, { fiscalYear: YEAR - y, kind: "functional", rows: [{ line: 1, code: "20103", name: "政府办公厅" }, { line: 2, code: "2010301", name: "行政运行" }] }, new Date());
    }
  });
  return units;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function paymentBenchmark(database: Database) {
  await migrate(database);
  const [unit] = await baseData(database.db, 1, 1);
  const qinghe = township(0);
  const accountant = makeActor({ id: uuidv7(), username: "bench-budget", displayName: "总预算会计", regionCode: qinghe }, ["generalBudgetAccountant"]);
  const perIndicatorFen = 1_000_000_00n;
  const indicatorIds: string[] = [];
  await database.db.transaction(async (t) => {
    for (let i = 0; i < INDICATORS; i++) {
      const row = await issueIndicator(t as unknown as Db, accountant, { regionCode: qinghe, fiscalYear: YEAR, documentNo: `基准〔${YEAR}〕${i}号`, source: "upperTransfer", budgetUnitId: unit!, functionalCode: "2010301", economicCode: "30201", fundNature: "upperTransfer", paymentMethod: "direct", summary: `基准指标${i}`, amountFen: perIndicatorFen }, new Date());
      indicatorIds.push(row.id);
    }
  });
  const clerks = Array.from({ length: CLIENTS }, (_, c) => makeActor({ id: uuidv7(), username: `bench-clerk-${c}`, displayName: `经办人${c}`, regionCode: qinghe }, ["budgetUnitClerk"]));
  const latencies: number[] = [];
  let next = 0;
  let enteredFen = 0n;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    clerks.map(async (clerk) => {
      for (;;) {
        const i = next++;
        if (i >= PAYMENTS) return;
        const amountFen = BigInt(1_000 + ((i * 7919) % 900_000));
        const t0 = performance.now();
        try {
          await database.db.transaction((t) =>
            createPayment(t as unknown as Db, clerk, null, {
              indicatorId: indicatorIds[i % indicatorIds.length]!,
              payee: { kind: "organisation", name: "基准商贸有限公司", creditCode: demoPayeeCreditCode(1 + (i % 500)), account: "320100000000123", bank: "青禾农商行" },
              amountFen,
              purpose: "基准付款",
              method: "direct",
              attachments: [],
            }, new Date()),
          );
          enteredFen += amountFen;
        } catch (error) {
          refused++;
          if (refused <= 3) console.log(`  refused: ${(error as Error).message}`);
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(`PostgreSQL: ${PAYMENTS} payment requests over ${INDICATORS} indicators from ${CLIENTS} clients: ${(PAYMENTS / seconds).toFixed(0)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (${seconds.toFixed(1)} s, ${refused} refused)`);
  const rows = await database.db.select().from(budgetIndicator);
  const broken = rows.filter((r) => r.reservedFen + r.paidFen + r.availableFen !== r.issuedFen || r.reservedFen < 0n || r.paidFen < 0n || r.availableFen < 0n);
  const reservedFen = rows.reduce((s, r) => s + r.reservedFen, 0n);
  console.log(`  invariant: ${rows.length} indicators, ${broken.length} unbalanced or negative; reserved ${reservedFen} fen = entered ${enteredFen} fen: ${reservedFen === enteredFen ? "yes" : "NO"}`);
}

async function reportData(database: Database) {
  await migrate(database);
  const units = await baseData(database.db, TOWNSHIPS, YEARS);
  const indicatorsPerTownshipYear = 40;
  const started = performance.now();
  // Indicators with their paid totals, and one settled event per payment (the report's month source).
  await database.db.execute(sql`
    insert into budget_indicator (region_code, id, fiscal_year, origin_year, document_no, source, origin_source, budget_unit_id, functional_code, economic_code, fund_nature, payment_method, summary, issued_fen, reserved_fen, paid_fen, available_fen, status, created_by, created_at, updated_at)
    select t.region_code, gen_random_uuid(), ${YEAR} - y, ${YEAR} - y, 'BENCH', 'upperTransfer', 'upperTransfer', t.unit_id::uuid,
           (array['2010301','2050202','2100302','2130104','2120501'])[1 + k % 5], (array['30101','30201','30213','30107'])[1 + k % 4],
           'generalBudget', 'direct', 'bench', 0, 0, 0, 0, 'active', gen_random_uuid(), now(), now()
    from (select * from unnest(${sql.raw(`array[${units.map((_, i) => `'${township(i)}'`).join(",")}]`)}::text[], ${sql.raw(`array[${units.map((u) => `'${u}'`).join(",")}]`)}::text[]) as t(region_code, unit_id)) t,
         generate_series(0, ${YEARS - 1}) y, generate_series(1, ${indicatorsPerTownshipYear}) k`);
  await database.db.execute(sql`
    with numbered as (select region_code, id, row_number() over (order by region_code, fiscal_year, id) - 1 as n, count(*) over () as total from budget_indicator)
    insert into indicator_event (region_code, indicator_id, seq, at, kind, amount_fen, issued_after_fen, reserved_after_fen, paid_after_fen, available_after_fen, actor_name)
    select b.region_code, b.id, 1 + p / b.total, make_timestamptz(2026 - 0, 1 + (p % 12)::int, 10, 2, 0, 0, 'UTC'), 'settled', 10000 + (p * 7919) % 5000000, 0, 0, 0, 0, 'bench'
    from generate_series(0, ${REPORT_PAYMENTS - 1}) p join numbered b on b.n = p % b.total`);
  // Synthetic balances for the report, written around the guard that keeps real balances equal to
  // their last event (migration 0010): this data is made, not moved.
  await database.db.execute(sql`alter table budget_indicator disable trigger indicator_balances_by_event`);
  await database.db.execute(sql`
    update budget_indicator i set paid_fen = s.paid, issued_fen = s.paid * 2, available_fen = s.paid
    from (select region_code, indicator_id, sum(amount_fen) as paid from indicator_event group by 1, 2) s
    where s.region_code = i.region_code and s.indicator_id = i.id`);
  await database.db.execute(sql`alter table budget_indicator enable trigger indicator_balances_by_event`);
  await database.db.execute(sql`analyze`);
  return (performance.now() - started) / 1000;
}

async function reportBenchmark(label: string, database: Database) {
  const seconds = await reportData(database);
  const supervisor = makeActor({ id: uuidv7(), username: "bench-supervisor", displayName: "监管员", regionCode: DISTRICT }, ["districtSupervisor"]);
  const director = makeActor({ id: uuidv7(), username: "bench-director", displayName: "所长", regionCode: township(0) }, ["townshipDirector"]);
  console.log(`${label}: execution report over ${TOWNSHIPS} townships × ${YEARS} years, ${REPORT_PAYMENTS} paid payments (data made in ${seconds.toFixed(1)} s):`);
  for (const [who, actor] of [["district", supervisor], ["township", director]] as const) {
    for (const by of ["township", "unit", "functional1", "functional3", "economic2", "month"] as const) {
      await executionReport(database.db, actor, { fiscalYear: YEAR, by });
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const report = await executionReport(database.db, actor, { fiscalYear: YEAR, by });
        runs.push(performance.now() - t0);
        if (i === 0 && report.rows.length === 0) console.log("  (no rows?)");
      }
      runs.sort((a, b) => a - b);
      console.log(`  ${who} by ${by}: median ${runs[2]!.toFixed(1)} ms`);
    }
  }
}

await onPostgres((database) => paymentBenchmark(database), POSTGRES);
await onEmbedded((database) => reportBenchmark("PGlite", database));
await onPostgres((database) => reportBenchmark("PostgreSQL", database), POSTGRES);
