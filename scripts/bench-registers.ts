// Benchmark of the registers (台账) and the park credit programme (figures printed, not asserted), on
// a fresh PGlite and, with BENCH_DATABASE_URL, on a fresh PostgreSQL database (created and dropped):
// 1. importing the tax office's Excel export into one township (--tax-rows 50000: sources × 24 months ×
//    2 tax kinds), the sheet read and every row checked, then the same file again (nothing changes);
// 2. searching the registers as the district (tax sources by name, policy documents by subject, basic
//    data by village), the key sources ranked, and the district's side-by-side page of 14 townships
//    (the other 13 townships filled by SQL with --other-rows 10000 tax lines each);
// 3. the park credit figures by bank and year over --loans 1000 loans in every state (granted through the
//    service: each grant reads its bank's loans for the outstanding it checks against the multiple).
// `BENCH_ONLY=registers npm run bench`, or `-- --size small`.
import { sql } from "drizzle-orm";
import { creditCodeCheckChar } from "@xiangcai/shared";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { seconds, timed } from "./benchTiming.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { uuidv7 } from "../packages/server/src/platform/ids.ts";
import { makeActor } from "../packages/server/src/identity/roles.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { registerDomains } from "../packages/server/src/domains.ts";
import { workbookOf } from "../packages/server/src/platform/sheets.ts";
import { addMonthsClamped } from "../packages/server/src/debt/schedule.ts";
import { compensateLoan, createBank, grantLoan, markLoan, moveFund, recoverLoan, repayLoan } from "../packages/server/src/debt/parkCredit.ts";
import { parkCreditFigures } from "../packages/server/src/debt/parkCreditFigures.ts";
import { taxImportFromSheet } from "../packages/server/src/registers/xlsx.ts";
import { listTaxSources, taxRanking } from "../packages/server/src/registers/taxSources.ts";
import { createPolicyDocument, listPolicyDocuments } from "../packages/server/src/registers/policy.ts";
import { listBasicData, saveBasicData } from "../packages/server/src/registers/basicData.ts";
import { registersOverview } from "../packages/server/src/registers/overview.ts";

registerDomains();

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const TAX_ROWS = arg("tax-rows", small ? 5_000 : 50_000);
const OTHER_ROWS = arg("other-rows", small ? 1_000 : 10_000);
const LOANS = arg("loans", small ? 200 : 1_000);
const TOWNSHIPS = 14;
const VILLAGES = 4;
const YEAR = 2026;
const AT = new Date("2026-12-15T10:00:00+08:00");
const TODAY = "2026-12-15";
const DISTRICT = "329901000";
const township = (i: number) => `329901${String(101 + i)}`;
const KINDS = ["增值税", "企业所得税"];
const MONTHS = Array.from({ length: 24 }, (_, i) => `${YEAR - 1 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);

function taxCode(t: number, i: number): string {
  const first17 = `91329${String(t).padStart(3, "0")}MC${String(i).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The tax office's export for one township: sources × 24 months × 2 kinds, at least `rows` lines. */
async function taxSheet(rows: number): Promise<{ bytes: Buffer; lines: number }> {
  const sources = Math.ceil(rows / (MONTHS.length * KINDS.length));
  const lines: (string | number)[][] = [];
  for (let s = 0; s < sources && lines.length < rows; s++) {
    for (const month of MONTHS) {
      for (const kind of KINDS) {
        if (lines.length >= rows) break;
        lines.push([taxCode(101, s + 1), `青禾县第${s + 1}号企业有限公司`, month, kind, ((s * 37 + month.length * 11) % 90_000) + 1_000 + 0.25, s % 3 ? "制造业" : "批发和零售业"]);
      }
    }
  }
  return { bytes: await workbookOf("纳税数据", ["纳税人识别号", "纳税人名称", "所属期", "税种", "实缴金额", "行业"], lines), lines: lines.length };
}

async function measure(label: string, database: Database) {
  console.log(`${label}:`);
  await migrate(database);
  const db = database.db;
  const system = { id: null, name: "bench" };
  const district = makeActor({ id: uuidv7(), username: "bench-supervisor", displayName: "监管员", regionCode: DISTRICT }, ["districtSupervisor"]);
  const accountant = makeActor({ id: uuidv7(), username: "bench-budget", displayName: "总预算会计", regionCode: township(0) }, ["generalBudgetAccountant"]);
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, system, { regionCode: DISTRICT, name: "青禾区" }, new Date());
    for (let i = 0; i < TOWNSHIPS; i++) {
      await createRegion(tx, system, { regionCode: township(i), name: `第${i + 1}镇` }, new Date());
      for (let v = 0; v < VILLAGES; v++) await createRegion(tx, system, { regionCode: `${township(i)}${201 + v}`, name: `第${i + 1}镇${v + 1}村` }, new Date());
    }
  });

  // 1. The tax office's export into one township.
  const sheet = await taxSheet(TAX_ROWS);
  console.log(`  tax sheet: ${sheet.lines.toLocaleString("en")} rows, ${(sheet.bytes.length / 1024 / 1024).toFixed(1)} MB`);
  await timed("tax import (new sources and months)", () => db.transaction((t) => taxImportFromSheet(t as unknown as Db, accountant, township(0), sheet.bytes, AT)), (r) => `${r.rows.toLocaleString("en")} rows, ${r.sourcesCreated} sources registered`);
  await timed("same file again (every line unchanged)", () => db.transaction((t) => taxImportFromSheet(t as unknown as Db, accountant, township(0), sheet.bytes, AT)), (r) => `${r.replaced} replaced`);

  // The other townships: tax lines by SQL, a few policy documents and basic data through the services.
  const t0 = performance.now();
  const perTownshipSources = Math.ceil(OTHER_ROWS / (MONTHS.length * KINDS.length));
  for (let i = 1; i < TOWNSHIPS; i++) {
    const code = township(i);
    await db.execute(sql`insert into tax_source (region_code, id, credit_code, name, kind, industry, tax_kinds, status, created_by, created_at, updated_at)
      select ${code}, gen_random_uuid(), ${`9132${String(100 + i)}`} || lpad(s::text, 11, '0'), ${`第${i + 1}镇`} || s || '号企业', 'enterprise', '制造业', '["增值税","企业所得税"]'::jsonb, 'active', ${accountant.userId}, ${AT}, ${AT} from generate_series(1, ${perTownshipSources}) s`);
    await db.execute(sql`insert into tax_payment (region_code, tax_source_id, month, tax_kind, amount_fen, imported_by, imported_at)
      select ${code}, s.id, m, k, 100000 + (abs(hashtext(s.id::text || m || k)) % 9000000), ${accountant.userId}, ${AT}
      from tax_source s, unnest(${sql.raw(`array[${MONTHS.map((m) => `'${m}'`).join(",")}]`)}::text[]) m, unnest(array['增值税','企业所得税']) k where s.region_code = ${code}`);
  }
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    for (let i = 0; i < TOWNSHIPS; i++) {
      const actor = makeActor({ id: uuidv7(), username: `bench-${i}`, displayName: "会计", regionCode: township(i) }, ["generalBudgetAccountant"]);
      for (let d = 0; d < 20; d++) {
        await createPolicyDocument(tx, actor, { regionCode: township(i), documentNo: `青财〔${YEAR}〕${d + 1}号`, title: `第${i + 1}镇${d % 2 ? "农村公路养护" : "耕地地力保护补贴"}管理办法（${d + 1}）`, issuer: "青禾区财政局", level: "district", issuedDate: `${YEAR}-01-${String(d + 1).padStart(2, "0")}`, subject: d % 3 ? "资金拨付程序和补助标准" : "乡镇债务风险化解", scope: "全镇", effectiveDate: `${YEAR}-01-${String(d + 1).padStart(2, "0")}`, expiryDate: d % 5 ? null : `${YEAR}-12-${String(20 + (d % 10)).padStart(2, "0")}`, subsidyItemCodes: [], functionalCodes: [] }, AT);
      }
      for (let v = 0; v < VILLAGES; v++) {
        for (const y of [YEAR - 1, YEAR]) await saveBasicData(tx, actor, { regionCode: `${township(i)}${201 + v}`, year: y, population: 2_000 + v * 100, households: 700 + v * 30, farmlandMu: `${3_000 + v * 111}.5`, forestMu: "120", otherBases: {} }, AT);
      }
    }
  });
  const [count] = await db.execute(sql`select (select count(*) from tax_payment)::int as lines, (select count(*) from tax_source)::int as sources`).then((r) => (r as unknown as { rows: { lines: number; sources: number }[] }).rows ?? (r as unknown as { lines: number; sources: number }[]));
  console.log(`  other 13 townships filled: ${seconds(t0)} s (district: ${count?.sources.toLocaleString("en")} tax sources, ${count?.lines.toLocaleString("en")} tax lines, ${TOWNSHIPS * 20} policy documents, ${TOWNSHIPS * VILLAGES * 2} village-years)`);

  // 2. Searching as the district, the ranking and the side-by-side page.
  const page = { limit: 20, offset: 0 };
  await timed("tax sources, district, name search “第7号”", () => listTaxSources(db, district, { q: "第7号" }, page), (r) => `${r.total} found`);
  await timed("tax sources, district, first page of all", () => listTaxSources(db, district, {}, page), (r) => `${r.total.toLocaleString("en")} in all`);
  await timed("tax sources, one township, by credit code", () => listTaxSources(db, district, { q: taxCode(101, 17), regionCode: township(0) }, page), (r) => `${r.total} found`);
  await timed("policy documents, district, subject search “债务”", () => listPolicyDocuments(db, district, { q: "债务" }, page, AT), (r) => `${r.total} found`);
  await timed("basic data, district, year", () => listBasicData(db, district, { year: YEAR }, page), (r) => `${r.total} found`);
  await timed("key sources ranked, district, top 20", () => taxRanking(db, district, { year: YEAR, limit: 20 }), (r) => `total ${r.total} yuan`);
  await timed("district overview of 14 townships", () => registersOverview(db, district, { year: YEAR }, AT), (r) => `${r.rows.length} townships, ${r.total.taxSources.toLocaleString("en")} sources, tax ${r.total.taxPaid} yuan`);

  // 3. Park credit: banks with funds, loans in every state, the figures.
  const t1 = performance.now();
  const banks: string[] = [];
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    for (let b = 0; b < 5; b++) {
      const bank = await createBank(tx, district, { name: `基准银行${b + 1}`, agreementNo: `青财金〔${YEAR}〕${b + 1}号`, fundSharePercent: "80", contact: "" }, AT);
      await moveFund(tx, district, bank.id, { kind: "deposit", amount: "900000000.00", date: `${YEAR - 2}-01-05`, documentNo: `青财金〔${YEAR - 2}〕${b + 1}号`, note: "风险补偿金" }, AT);
      banks.push(bank.id);
    }
    for (let n = 0; n < LOANS; n++) {
      const start = addMonthsClamped(TODAY, -(1 + (n % 23)));
      const first17 = `91329901MB${String(n + 1).padStart(7, "0")}`;
      const loan = await grantLoan(tx, district, { bankId: banks[n % banks.length]!, loanNo: `JZ-${n + 1}`, enterpriseName: `园区企业${n + 1}有限公司`, creditCode: first17 + creditCodeCheckChar(first17), parkName: "青禾工业园", amount: `${100_000 + (n % 40) * 25_000}.00`, startDate: start, termMonths: 12, annualRate: "4.35" }, AT);
      const state = n % 10;
      if (state === 1) await repayLoan(tx, district, loan.id, { amount: loan.amount, date: addMonthsClamped(start, 1), note: "还清" }, AT);
      if (state >= 5 && start < addMonthsClamped(TODAY, -12)) {
        await markLoan(tx, district, loan.id, "overdue", { date: addMonthsClamped(start, 12), note: "到期未还" }, AT);
        if (state >= 7) await markLoan(tx, district, loan.id, "default", { date: TODAY, note: "银行认定违约" }, AT);
        if (state >= 8) await compensateLoan(tx, district, loan.id, { date: TODAY, documentNo: `代偿${n}`, note: "" }, AT);
        if (state === 9) await recoverLoan(tx, district, loan.id, { recovered: "10000.00", date: TODAY, documentNo: `收回${n}`, note: "" }, AT);
      }
    }
  });
  console.log(`  park credit: 5 banks, ${LOANS.toLocaleString("en")} loans in every state through the services: ${seconds(t1)} s`);
  await timed("park credit figures by bank and year", () => parkCreditFigures(db, district), (r) => `${JSON.stringify(r).length.toLocaleString("en")} bytes`);
}

await onEmbedded((database) => measure("PGlite", database));
await onPostgres((database) => measure("PostgreSQL", database), { max: 4 });
