// Benchmark of fund supervision (figures printed, not asserted): every rule over a district of 14
// townships with 100,000 treasury payments and 1,000,000 paid subsidy lines on PostgreSQL, with a few
// hundred planted cases. For each rule: the query alone (seconds, cases found, statements sent), the first run (raising
// the alerts: flow, evidence, audit), and a second run (nothing new: every case matched to its alert).
// Each rule is one or two set-based queries over the scope, whatever the number of alerts, and the
// reconciliation loads the rule's alerts once. The data is made with SQL, not moved through the
// services. PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); a fresh
// database is created and dropped. Sizes: --payments 100000 --lines 1000000, or --size small.
import { sql } from "drizzle-orm";
import { rows, type Db } from "../packages/server/src/platform/db.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { registerDomains } from "../packages/server/src/domains.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { runRules } from "../packages/server/src/supervision/runner.ts";
import { finders } from "../packages/server/src/supervision/finders.ts";
import { thresholdsFor } from "../packages/server/src/supervision/settings.ts";
import { ruleCodes } from "../packages/server/src/supervision/rules.ts";
import { onPostgres } from "./benchDatabases.ts";

registerDomains();

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const PAYMENTS = arg("payments", small ? 10_000 : 100_000);
const LINES = arg("lines", small ? 100_000 : 1_000_000);
const TOWNSHIPS = 14;
const VILLAGES = 4;
const MONTHS = 12;
const PER_ROSTER = Math.ceil(LINES / (TOWNSHIPS * VILLAGES * MONTHS));
const AT = new Date("2026-12-31T10:00:00+08:00");
const township = (i: number) => `329901${String(101 + i)}`;
const townshipList = sql.raw(`array[${Array.from({ length: TOWNSHIPS }, (_, i) => `'${township(i)}'`).join(",")}]::text[]`);


const run = (db: Db, statement: ReturnType<typeof sql>) => db.execute(statement);

/** The database as a rule's query sees it, counting the statements it sends: a set-based rule sends the same few whatever the number of cases. */
function countingStatements(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const counted = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (prop === "execute" || prop === "select") return (...args: unknown[]) => (n++, (value as (...a: unknown[]) => unknown).apply(target, args));
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
  return { db: counted, statements: () => n };
}

async function makeData(db: Db): Promise<number> {
  const started = performance.now();
  const system = { id: null, name: "bench" };
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, system, { regionCode: "329901000", name: "青禾区" }, new Date());
    for (let i = 0; i < TOWNSHIPS; i++) {
      await createRegion(tx, system, { regionCode: township(i), name: `第${i + 1}镇` }, new Date());
      for (let v = 0; v < VILLAGES; v++) await createRegion(tx, system, { regionCode: `${township(i)}${201 + v}`, name: `第${i + 1}镇${v + 1}村` }, new Date());
    }
  });
  // A director per township (the alerts' owners), units, indicators with balances.
  await run(db, sql`insert into app_user (id, region_code, username, display_name, password_hash) select gen_random_uuid(), t, 'dir' || right(t, 3), t || '所长', 'x' from unnest(${townshipList}) t`);
  await run(db, sql`insert into user_role (user_id, role) select id, 'townshipDirector' from app_user`);
  await run(db, sql`insert into budget_unit (region_code, id, credit_code, name, kind, status, created_by) select t, gen_random_uuid(), '12329901Q' || lpad(right(t, 3), 8, '0') || 'X', t || '人民政府', 'administrative', 'active', gen_random_uuid() from unnest(${townshipList}) t`);
  await run(db, sql`
    insert into budget_indicator (region_code, id, fiscal_year, origin_year, document_no, source, origin_source, budget_unit_id, functional_code, economic_code, fund_nature, payment_method, summary, issued_fen, reserved_fen, paid_fen, available_fen, status, created_by, created_at, updated_at)
    select u.region_code, gen_random_uuid(), 2026, 2026, 'BENCH-' || k, 'approvedBudget', 'approvedBudget', u.id, '2010301', '30201', 'generalBudget', 'direct', 'bench ' || k, 0, 0, 0, 0, 'active', gen_random_uuid(), timestamptz '2026-01-10 10:00+08', now()
    from budget_unit u, generate_series(1, 40) k`);
  // Payments: small amounts to 5,000 companies and 3,000 people, spread over the year, paid or in flow.
  await run(db, sql`
    with i as (select region_code, id, budget_unit_id, row_number() over (order by region_code, id) - 1 as n, count(*) over () as total from budget_indicator)
    insert into payment_request (region_code, id, payment_no, fiscal_year, indicator_id, budget_unit_id, payee_kind, payee_name, payee_credit_code, payee_id_sealed, payee_id_masked, payee_id_index,
      payee_account, payee_account_sealed, payee_account_masked, payee_bank, amount_fen, purpose, method, attachments, status, reservation_id, paid_at, created_by, created_at, updated_at)
    select i.region_code, gen_random_uuid(), 'ZF' || p, 2026, i.id, i.budget_unit_id,
      case when p % 50 = 0 then 'person' else 'organisation' end, '收款人' || (p % 5000),
      case when p % 50 = 0 then null else '91329901MA' || lpad((p % 5000)::text, 8, '0') end,
      case when p % 50 = 0 then 'x' end, case when p % 50 = 0 then '329901********0000' end, case when p % 50 = 0 then 'pidx' || (p % 3000) end,
      case when p % 50 = 0 then null else '3201000000' || p end, case when p % 50 = 0 then 'x' end, '****' || (p % 10000), '青禾农商行',
      10000 + (p * 7919) % 490000, '办公采购', 'direct', case when p % 10 = 0 then '[]'::jsonb else '["发票.pdf"]'::jsonb end,
      case when p % 20 = 0 then 'financeReview' else 'paid' end, gen_random_uuid(),
      case when p % 20 = 0 then null else timestamptz '2026-01-01 10:00+08' + ((p * 37) % 364) * interval '1 day' + interval '1 day' end,
      gen_random_uuid(), timestamptz '2026-01-01 10:00+08' + ((p * 37) % 364) * interval '1 day', now()
    from generate_series(0, ${PAYMENTS - 1}) p join i on i.n = p % i.total`);
  await run(db, sql`
    insert into indicator_event (region_code, indicator_id, seq, at, kind, amount_fen, issued_after_fen, reserved_after_fen, paid_after_fen, available_after_fen, actor_name)
    select region_code, indicator_id, row_number() over (partition by region_code, indicator_id order by paid_at), paid_at, 'settled', amount_fen, 0, 0, 0, 0, 'bench'
    from payment_request where status = 'paid'`);
  // Planted: split payments, large ones to people and without attachments, a December surge, idle indicators.
  await run(db, sql`
    with i as (select distinct on (region_code) region_code, id, budget_unit_id from budget_indicator order by region_code, id)
    insert into payment_request (region_code, id, payment_no, fiscal_year, indicator_id, budget_unit_id, payee_kind, payee_name, payee_credit_code, payee_id_sealed, payee_id_masked, payee_id_index,
      payee_account, payee_account_sealed, payee_account_masked, payee_bank, amount_fen, purpose, method, attachments, status, reservation_id, paid_at, created_by, created_at, updated_at)
    select i.region_code, gen_random_uuid(), 'PL' || k || '-' || s, 2026, i.id, i.budget_unit_id,
      case when k between 100 and 149 then 'person' else 'organisation' end, '种植收款人' || k,
      case when k between 100 and 149 then null else '91329901PL' || lpad(k::text, 8, '0') end,
      case when k between 100 and 149 then 'x' end, case when k between 100 and 149 then '329901********0000' end, case when k between 100 and 149 then 'planted' || k end,
      case when k between 100 and 149 then null else '3201999' || k end, case when k between 100 and 149 then 'x' end, '****0000', '青禾农商行',
      case when k < 100 then (case when s = 1 then 3000000 else 2500000 end) when k < 150 then 6000000 when k < 200 then 15000000 else 2000000000 end,
      '种植案例', 'direct', case when k between 150 and 199 then '[]'::jsonb else '["发票.pdf"]'::jsonb end, 'paid', gen_random_uuid(),
      case when k >= 200 then timestamptz '2026-12-10 10:00+08' else timestamptz '2026-05-01 10:00+08' + (k % 100) * interval '2 day' + s * interval '5 day' end,
      gen_random_uuid(), case when k >= 200 then timestamptz '2026-12-09 10:00+08' else timestamptz '2026-05-01 10:00+08' + (k % 100) * interval '2 day' + s * interval '5 day' end, now()
    from generate_series(0, 211) k cross join generate_series(1, 2) s
    join i on i.region_code = ${sql.raw("'329901' || (101 + k % " + TOWNSHIPS + ")")}
    where k < 100 or s = 1`);
  await run(db, sql`
    insert into budget_indicator (region_code, id, fiscal_year, origin_year, document_no, source, origin_source, budget_unit_id, functional_code, economic_code, fund_nature, payment_method, summary, issued_fen, reserved_fen, paid_fen, available_fen, status, created_by, created_at, updated_at)
    select u.region_code, gen_random_uuid(), 2026, 2026, 'IDLE-' || k, 'upperTransfer', 'upperTransfer', u.id, '2010301', '30201', 'upperTransfer', 'direct', 'idle ' || k, 0, 0, 0, 0, 'active', gen_random_uuid(), timestamptz '2026-01-10 10:00+08', now()
    from budget_unit u, generate_series(1, 2) k`);
  await run(db, sql`alter table budget_indicator disable trigger indicator_balances_by_event`);
  await run(db, sql`update budget_indicator i set issued_fen = coalesce(s.paid, 0) + 100000000, paid_fen = coalesce(s.paid, 0), available_fen = 100000000
    from (select b.region_code, b.id, (select sum(amount_fen) from payment_request p where p.region_code = b.region_code and p.indicator_id = b.id and p.status = 'paid') as paid from budget_indicator b) s
    where s.region_code = i.region_code and s.id = i.id`);
  await run(db, sql`alter table budget_indicator enable trigger indicator_balances_by_event`);
  await run(db, sql`update app_user set resident_id_sealed = 'x', resident_id_index = 'pidx' || ((right(region_code, 3)::int - 100) * 50), resident_id_masked = '329901********0000'`);

  // Subsidies: 高龄津贴 for ${TOWNSHIPS} × ${VILLAGES} villages × 12 months, every line paid.
  await run(db, sql`insert into subsidy_item (region_code, code, name, basis, unit, standard_fen, period_kind, fund_source) select t, 'GLJT', '高龄津贴', 'person', '月', 10000, 'month', '区级' from unnest(${townshipList}) t`);
  await run(db, sql`
    insert into subsidy_roster (region_code, id, village_code, item_code, period, status, line_count, total_fen, notice_ends_on, created_by)
    select t, gen_random_uuid(), t || (201 + v), 'GLJT', '2026-' || lpad(m::text, 2, '0'), 'closed', ${PER_ROSTER}, ${PER_ROSTER * 10000}, make_date(2026, m, 10), gen_random_uuid()
    from unnest(${townshipList}) t, generate_series(0, ${VILLAGES - 1}) v, generate_series(1, ${MONTHS}) m`);
  await run(db, sql`
    insert into subsidy_roster_line (region_code, roster_id, line_no, village_code, village_name, name, resident_id_sealed, resident_id_index, resident_id_masked, card_sealed, card_index, card_masked, amount_fen)
    select r.region_code, r.id, n, r.village_code, '村', '老人' || n, 'x', 'p' || r.village_code || '-' || n, '329901********0000', 'x', 'c' || r.village_code || '-' || n, '****0000', 10000
    from subsidy_roster r, generate_series(1, ${PER_ROSTER}) n`);
  await run(db, sql`insert into subsidy_line_payment (region_code, roster_id, line_no, reference_no, amount_fen, paid_on) select region_code, roster_id, line_no, roster_id::text || '-' || line_no, amount_fen, date '2026-01-20' from subsidy_roster_line`);
  // Planted: 100 cards shared by two people, 50 people paid after death, 100 people on two villages' rosters, 10 late rosters.
  await run(db, sql`update subsidy_roster_line l set card_index = 'c' || l.village_code || '-' || (l.line_no - 1) where l.region_code = '329901101' and l.line_no between 2 and 101 and l.line_no % 2 = 0
    and l.roster_id in (select id from subsidy_roster where region_code = '329901101' and village_code = '329901101201' and period = '2026-06')`);
  await run(db, sql`insert into subsidy_reference_entry (region_code, kind, resident_id_index, name, died_on) select '329901102', 'deceased', 'p329901102201-' || n, '故' || n, date '2026-03-15' from generate_series(1, 50) n`);
  await run(db, sql`
    insert into subsidy_roster_line (region_code, roster_id, line_no, village_code, village_name, name, resident_id_sealed, resident_id_index, resident_id_masked, card_sealed, card_index, card_masked, amount_fen)
    select r.region_code, r.id, ${PER_ROSTER} + n, r.village_code, '村', '重复' || n, 'x', 'p329901103201-' || n, '329901********0000', 'x', 'dup' || n, '****0000', 10000
    from subsidy_roster r, generate_series(1, 100) n where r.region_code = '329901103' and r.village_code = '329901103202' and r.period = '2026-06'`);
  await run(db, sql`
    insert into subsidy_roster (region_code, id, village_code, item_code, period, status, line_count, total_fen, notice_ends_on, created_by)
    select '329901104', gen_random_uuid(), '329901104201', 'GLJT', '2025-' || lpad(k::text, 2, '0'), 'payment', 1, 10000, date '2026-11-01', gen_random_uuid() from generate_series(1, 10) k`);
  await run(db, sql`
    insert into subsidy_roster_line (region_code, roster_id, line_no, village_code, village_name, name, resident_id_sealed, resident_id_index, resident_id_masked, card_sealed, card_index, card_masked, amount_fen)
    select r.region_code, r.id, 1, r.village_code, '村', '迟发' || r.period, 'x', 'late' || r.period, '329901********0000', 'x', 'late' || r.period, '****0000', 10000
    from subsidy_roster r where r.region_code = '329901104' and r.status = 'payment'`);
  await run(db, sql`analyze`);
  return (performance.now() - started) / 1000;
}

await onPostgres(
  async (database) => {
    const { db } = database;
    await migrate(database);
    const seconds = await makeData(db);
    const count = async (table: string) => (await rows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
    const lines = await count("subsidy_line_payment");
    const payments = await count("payment_request");
    console.log(`PostgreSQL: ${TOWNSHIPS} townships, ${payments} payments, ${lines} paid subsidy lines (data made in ${seconds.toFixed(1)} s); rules over the district:`);
    const townships = Array.from({ length: TOWNSHIPS }, (_, i) => township(i));
    for (const rule of ruleCodes) {
      const t0 = performance.now();
      const counted = countingStatements(db);
      const found = await finders[rule]({ db: counted.db, scopePrefix: "329901", today: "2026-12-31", thresholds: await thresholdsFor(db, townships) });
      const query = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      const first = await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: "329901", rules: [rule], trigger: "cli", actor: { id: null, name: "bench" } }, AT, { wait: true }));
      const raise = (performance.now() - t1) / 1000;
      const t2 = performance.now();
      const second = await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: "329901", rules: [rule], trigger: "cli", actor: { id: null, name: "bench" } }, AT, { wait: true }));
      const again = (performance.now() - t2) / 1000;
      const f1 = first?.summary[rule];
      const f2 = second?.summary[rule];
      console.log(`  ${rule.padEnd(26)} query ${query.toFixed(2)} s (${found.length} cases, ${counted.statements()} statements); first run ${raise.toFixed(2)} s (${f1?.raised ?? 0} raised); second run ${again.toFixed(2)} s (${f2?.raised ?? 0} raised, ${f2?.unchanged ?? 0} unchanged)`);
    }
    const t3 = performance.now();
    const all = await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: "329901", trigger: "cli", actor: { id: null, name: "bench" } }, AT, { wait: true }));
    console.log(`  all rules, steady state: ${((performance.now() - t3) / 1000).toFixed(2)} s (${Object.values(all?.summary ?? {}).reduce((s, f) => s + (f?.raised ?? 0), 0)} raised)`);
    const t4 = performance.now();
    await db.transaction((tx) => runRules(tx as unknown as Db, { scopePrefix: township(0), trigger: "cli", actor: { id: null, name: "bench" } }, AT, { wait: true }));
    console.log(`  all rules over one township: ${((performance.now() - t4) / 1000).toFixed(2)} s`);
  },
  { url: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test", max: 4 },
);
