// Benchmark of the final accounts (决算, issue 11), on PGlite and (with BENCH_DATABASE_URL) on PostgreSQL:
// 1. one township's year: payments paid by the treasury (payment_request rows) and the fiscal general
//    books holding them (each payment a 4-line voucher 5002/1001/7001/800101 by functional class) plus
//    the year's revenue vouchers (6 lines), imported through the ledger's import path; then building the
//    final account from those books (every table), checking it (every audit formula), the workspace's
//    whole answer and the Excel workbook;
// 2. the district: 14 townships each with a smaller year of books, each 说明 saved, prepared and
//    submitted through the report-up mechanism; then the district's page (every township's status and
//    the consolidation of the 14, transfers taken out), and the consolidation alone.
// Figures are printed, not asserted; the formulas are expected to pass (a failure is printed).
// Sizes: --size small | normal (default: 10,000 payments and 100,000 lines, a few minutes on 2 cores) | issue (100,000 payments and
// 1,000,000 lines, the issue's size: about half an hour on PGlite); or --final-payments N --final-lines N
// --other-payments N --other-lines N. --databases pglite,postgres (postgres needs BENCH_DATABASE_URL:
// a fresh database is created there and dropped).
import { sql } from "drizzle-orm";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { uuidv7 } from "../packages/server/src/platform/ids.ts";
import { makeActor } from "../packages/server/src/identity/roles.ts";
import { createRegion, budgetUnit } from "../packages/server/src/org/index.ts";
import { installDefaultCatalogs, importCatalog } from "../packages/server/src/catalog/index.ts";
import { createAccountSet, findSetByCode, systemActor } from "../packages/server/src/ledger/service.ts";
import { importVouchers } from "../packages/server/src/ledger/bulk.ts";
import { prepareReport, submitReport } from "../packages/server/src/reporting/index.ts";
import { demoPayeeCreditCode } from "../packages/server/src/budget/demo.ts";
import { registerDomains } from "../packages/server/src/domains.ts";
import { buildFinalContent } from "../packages/server/src/finalAccounts/build.ts";
import { evaluate, formulasOf, type FinalContent } from "../packages/server/src/finalAccounts/rules.ts";
import { consolidateFinal } from "../packages/server/src/finalAccounts/report.ts";
import { districtFinal, finalAccountView, finalAccountWorkbook, saveNote } from "../packages/server/src/finalAccounts/service.ts";

// A benchmark is a composition root: the report kinds and their flows are registered as the app does.
registerDomains();

const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const size = arg("size") ?? "normal";
const SIZES = {
  small: { payments: 2_000, lines: 20_000, otherPayments: 200, otherLines: 2_000 },
  normal: { payments: 10_000, lines: 100_000, otherPayments: 300, otherLines: 3_000 },
  issue: { payments: 100_000, lines: 1_000_000, otherPayments: 5_000, otherLines: 50_000 },
} as const;
const preset = SIZES[size as keyof typeof SIZES] ?? SIZES.normal;
const num = (name: string, fallback: number) => Number.parseInt(arg(name) ?? String(fallback), 10);
const PAYMENTS = num("final-payments", preset.payments);
const LINES = Math.max(num("final-lines", preset.lines), PAYMENTS * 4);
const OTHER_PAYMENTS = num("other-payments", preset.otherPayments);
const OTHER_LINES = Math.max(num("other-lines", preset.otherLines), OTHER_PAYMENTS * 4);
const databases = (arg("databases") ?? "pglite,postgres").split(",");
const TOWNSHIPS = 14;
const YEAR = 2026;
const DISTRICT = "329901000";
const township = (i: number) => `329901${String(101 + i)}`;
const BATCH = 5_000;
/** Functional classes the payments are made under (the 项 the catalogue is given below). */
const FUNCTIONS = ["2010301", "2050202", "2100302", "2130122"] as const;
const ECONOMIC = ["30201", "30101", "30213", "30305"] as const;
const NOW = new Date(`${YEAR + 1}-01-20T10:00:00+08:00`);

const amountFen = (p: number) => 10_000 + ((p * 7919) % 5_000_000);
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
const dayOf = (p: number) => `${YEAR}-${String((p % 12) + 1).padStart(2, "0")}-${String((p % 28) + 1).padStart(2, "0")}`;
const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function timed<T>(times: number, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  let value: T | undefined;
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    value = await fn();
    runs.push(performance.now() - t0);
  }
  return { value: value as T, ms: median(runs) };
}

/** Payment p's voucher in the fiscal books: 本级支出 by functional class, paid from the treasury. */
function paymentVoucher(p: number) {
  const amount = yuan(amountFen(p));
  const aux = { functional: FUNCTIONS[p % 4]!, economic: ECONOMIC[p % 4]! };
  return {
    date: dayOf(p),
    summary: `国库集中支付 ${p}`,
    lines: [
      { account: "5002", debit: amount, aux },
      { account: "1001", credit: amount },
      { account: "7001", debit: amount, aux },
      { account: "800101", credit: amount },
    ],
  };
}

/** Revenue voucher r: the day's tax and fees into the treasury, on both bases. */
function revenueVoucher(r: number) {
  const tax = 50_000 + ((r * 31) % 3_000_000);
  const fee = 5_000 + ((r * 977) % 200_000);
  return {
    date: dayOf(r),
    summary: `国库收入日报 ${r}`,
    lines: [
      { account: "1001", debit: yuan(tax + fee) },
      { account: "4001", credit: yuan(tax), aux: { revenue: "1010101" } },
      { account: "4002", credit: yuan(fee), aux: { revenue: "10304" } },
      { account: "800101", debit: yuan(tax + fee) },
      { account: "6001", credit: yuan(tax), aux: { revenue: "1010101" } },
      { account: "6001", credit: yuan(fee), aux: { revenue: "10304" } },
    ],
  };
}

/** A township's year: its budget unit, indicators by class, the payments paid, the fiscal books holding them and the revenue. */
async function townshipYear(database: Database, i: number, payments: number, lines: number): Promise<number> {
  const region = township(i);
  const system = systemActor("bench");
  const unitId = uuidv7();
  await database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.insert(budgetUnit).values({ regionCode: region, id: unitId, creditCode: demoPayeeCreditCode(9000 + i), name: `第${i + 1}镇人民政府`, kind: "administrative", status: "active", createdBy: uuidv7() });
    await createAccountSet(tx, system, { regionCode: region, code: `BENCH-ZKJ-${i}`, name: `第${i + 1}镇财政总预算会计`, year: YEAR, kind: "fiscal" }, NOW);
  });
  await database.db.execute(sql`
    insert into budget_indicator (region_code, id, fiscal_year, origin_year, document_no, source, origin_source, budget_unit_id, functional_code, economic_code, fund_nature, payment_method, summary, issued_fen, reserved_fen, paid_fen, available_fen, status, created_by, created_at, updated_at)
    select ${region}, gen_random_uuid(), ${YEAR}, ${YEAR}, 'BENCH-' || k, 'upperTransfer', 'upperTransfer', ${unitId}::uuid, (array['2010301','2050202','2100302','2130122'])[k + 1], (array['30201','30101','30213','30305'])[k + 1],
           'generalBudget', 'direct', 'bench', 0, 0, 0, 0, 'active', gen_random_uuid(), now(), now()
    from generate_series(0, 3) k`);
  await database.db.execute(sql`
    with ind as (select id, functional_code from budget_indicator where region_code = ${region} and fiscal_year = ${YEAR})
    insert into payment_request (region_code, id, payment_no, fiscal_year, indicator_id, budget_unit_id, payee_kind, payee_name, payee_credit_code, payee_account, payee_account_masked, payee_bank, amount_fen, purpose, method, attachments, status, reservation_id, paid_at, created_by, created_at, updated_at)
    select ${region}, gen_random_uuid(), 'BENCH-' || p, ${YEAR}, ind.id, ${unitId}::uuid, 'organisation', '基准商贸有限公司', ${demoPayeeCreditCode(1)}, '320100000000123', '****0123', '青禾农商行',
           10000 + (p * 7919) % 5000000, '基准付款', 'direct', '[]'::jsonb, 'paid', gen_random_uuid(),
           make_timestamptz(${YEAR}, 1 + (p % 12)::int, 1 + (p % 28)::int, 10, 0, 0, 'Asia/Shanghai'), gen_random_uuid(), now(), now()
    from generate_series(0, ${payments - 1}) p
    join ind on ind.functional_code = (array['2010301','2050202','2100302','2130122'])[1 + (p % 4)::int]`);
  const set = (await findSetByCode(database.db, `BENCH-ZKJ-${i}`))!;
  const revenue = Math.floor((lines - payments * 4) / 6);
  const vouchers = [...Array.from({ length: payments }, (_, p) => () => paymentVoucher(p)), ...Array.from({ length: revenue }, (_, r) => () => revenueVoucher(r))];
  for (let first = 0; first < vouchers.length; first += BATCH) {
    const batch = vouchers.slice(first, first + BATCH).map((make) => make());
    const result = await database.db.transaction((tx) => importVouchers(tx as unknown as Db, system, set, batch, NOW));
    if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result.invalid.slice(0, 3))}`);
  }
  return payments * 4 + revenue * 6;
}

async function run(label: string, database: Database) {
  await migrate(database);
  const admin = makeActor({ id: uuidv7(), username: "bench-admin", displayName: "基准", regionCode: DISTRICT }, ["districtAdmin"]);
  const supervisor = makeActor({ id: uuidv7(), username: "bench-supervisor", displayName: "监管员", regionCode: DISTRICT }, ["districtSupervisor"]);
  const accountant = (i: number) => makeActor({ id: uuidv7(), username: `bench-budget-${i}`, displayName: "总预算会计", regionCode: township(i) }, ["generalBudgetAccountant"]);
  await database.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, { id: null, name: "bench" }, { regionCode: DISTRICT, name: "青禾区" }, NOW);
    for (let i = 0; i < TOWNSHIPS; i++) await createRegion(tx, { id: null, name: "bench" }, { regionCode: township(i), name: `第${i + 1}镇` }, NOW);
    await installDefaultCatalogs(tx, admin, YEAR, NOW);
    await importCatalog(tx, admin, {
      fiscalYear: YEAR,
      kind: "functional",
      rows: [
        ["20103", "政府办公厅（室）及相关机构事务"], ["2010301", "行政运行"], ["20502", "普通教育"], ["2050202", "小学教育"],
        ["21003", "基层医疗卫生机构"], ["2100302", "乡镇卫生院"], ["21301", "农业农村"], ["2130122", "农业生产发展"],
      ].map(([code, name], k) => ({ line: k + 1, code: code!, name: name! })),
    }, NOW);
    await importCatalog(tx, admin, { fiscalYear: YEAR, kind: "revenue", rows: [{ line: 1, code: "1010101", name: "国内增值税" }] }, NOW);
  });

  // ---- one township's year, built and checked
  let t0 = performance.now();
  const lines = await townshipYear(database, 0, PAYMENTS, LINES);
  await database.db.execute(sql`analyze`);
  console.log(`${label}: township 1: ${PAYMENTS} payments paid and ${lines} ledger lines made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const built = await timed(3, () => buildFinalContent(database.db, township(0), YEAR));
  const content = built.value;
  const formulas = formulasOf(content);
  const checked = await timed(5, async () => evaluate(content));
  const failing = checked.value.filter((r) => !r.passed);
  console.log(`${label}: build the final account from the books (${content.tables.length} tables, ${content.tables.reduce((s, t) => s + t.rows.length, 0)} rows): ${ms(built.ms)}`);
  console.log(`${label}: check ${formulas.length} audit formulas: ${checked.ms.toFixed(1)} ms, ${failing.length ? `${failing.length} failing: ${failing[0]!.message}` : "all pass"}`);
  const view = await timed(3, () => finalAccountView(database.db, accountant(0), township(0), YEAR, NOW));
  console.log(`${label}: the workspace's answer (GET /final-accounts/:region/:year): ${ms(view.ms)}`);
  const book = await timed(3, () => finalAccountWorkbook(database.db, accountant(0), township(0), YEAR, NOW));
  console.log(`${label}: the Excel workbook (${(book.value.bytes.length / 1024).toFixed(0)} KB): ${ms(book.ms)}`);

  // ---- the district: 14 townships reported up, consolidated
  t0 = performance.now();
  for (let i = 1; i < TOWNSHIPS; i++) await townshipYear(database, i, OTHER_PAYMENTS, OTHER_LINES);
  await database.db.execute(sql`analyze`);
  console.log(`${label}: ${TOWNSHIPS - 1} more townships, ${OTHER_PAYMENTS} payments and about ${OTHER_LINES} lines each, made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const prepareMs: number[] = [];
  const contents: { regionCode: string; regionName: string; content: FinalContent }[] = [];
  for (let i = 0; i < TOWNSHIPS; i++) {
    const who = accountant(i);
    const s = performance.now();
    const report = await database.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await saveNote(tx, who, { regionCode: township(i), year: YEAR, text: "本年收支按预算执行，决算数与国库支付数一致。" }, NOW);
      const prepared = await prepareReport(tx, who, { kindCode: "finalAccounts", regionCode: township(i), period: String(YEAR) }, NOW);
      const warnings = prepared.problems.filter((p) => p.level === "warning");
      return submitReport(tx, who, prepared.id, { version: prepared.version, ...(warnings.length ? { note: "已核对" } : {}) }, NOW);
    });
    prepareMs.push(performance.now() - s);
    contents.push({ regionCode: township(i), regionName: `第${i + 1}镇`, content: report.content as FinalContent });
  }
  console.log(`${label}: 说明 saved, prepared and submitted, per township: first (the big one) ${ms(prepareMs[0]!)}, the others median ${ms(median(prepareMs.slice(1)))}`);
  const page = await timed(3, () => districtFinal(database.db, supervisor, YEAR, NOW));
  const submitted = page.value.rows.filter((r) => r.status === "submitted").length;
  console.log(`${label}: the district's page (${page.value.rows.length} townships, ${submitted} submitted, consolidation of ${page.value.consolidated?.townships ?? 0}): ${ms(page.ms)}`);
  const alone = await timed(5, async () => consolidateFinal(contents));
  console.log(`${label}: the consolidation alone (14 contents summed cell by cell, transfers taken out): ${alone.ms.toFixed(1)} ms`);
}

console.log(`final accounts benchmark (--size ${size}): township 1 with ${PAYMENTS} payments paid and ${LINES} ledger lines (payments × 4 + revenue vouchers × 6); ${TOWNSHIPS - 1} more townships with ${OTHER_PAYMENTS} payments and ${OTHER_LINES} lines each; vouchers imported in batches of ${BATCH}`);
if (databases.includes("pglite")) await onEmbedded((database) => run("PGlite", database));
if (databases.includes("postgres")) await onPostgres((database) => run("PostgreSQL", database));
