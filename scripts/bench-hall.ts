// Benchmark of the service hall (figures printed, not asserted), on a fresh PGlite and, with
// BENCH_DATABASE_URL, on a fresh PostgreSQL database (created and dropped):
// 1. accepting --matters 10000 matters through the service across 14 townships over a year (each one
//    numbered under its township's lock, its deadline worked out on the calendar, its flow started,
//    ID and phone sealed, audited), the first and the last thousand timed apart: numbering and the
//    flow must not slow down as the hall fills; then every other matter answered;
// 2. the list as the district and as a township (first page, a name, an exact ID number through
//    the blind index, the overdue), the year's statistics of 14 townships side by side, and one
//    township's register exported to Excel.
// `BENCH_ONLY=hall npm run bench`, or `-- --size small`.
import { residentIdCheckChar } from "@xiangcai/shared";
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { seconds, timed } from "./benchTiming.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { uuidv7 } from "../packages/server/src/platform/ids.ts";
import { generateDataKeysHex, parseDataKeys } from "../packages/server/src/platform/crypto.ts";
import { makeActor } from "../packages/server/src/identity/roles.ts";
import { createRegion } from "../packages/server/src/org/index.ts";
import { registerDomains } from "../packages/server/src/domains.ts";
import { acceptMatter, answerMatter, listMatters } from "../packages/server/src/serviceHall/service.ts";
import { hallStats } from "../packages/server/src/serviceHall/stats.ts";
import { mattersWorkbook } from "../packages/server/src/serviceHall/xlsx.ts";
import { matterCategories, matterChannels } from "@xiangcai/shared";

registerDomains();

const arg = (name: string, fallback: number) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const MATTERS = arg("matters", small ? 1_400 : 10_000);
const SLICE = Math.min(1_000, Math.floor(MATTERS / 4));
const TOWNSHIPS = 14;
const DISTRICT = "329901000";
const YEAR_START = Date.parse("2026-01-05T09:00:00+08:00");
const NOW = new Date("2026-12-15T10:00:00+08:00");
const township = (i: number) => `329901${String(101 + i)}`;
const keys = parseDataKeys(generateDataKeysHex());

/** A valid resident ID of the district for the n-th applicant. */
function residentId(n: number): string {
  const first17 = `329901${1950 + (n % 50)}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

async function measure(label: string, database: Database) {
  console.log(`${label}:`);
  await migrate(database);
  const db = database.db;
  const system = { id: null, name: "bench" };
  const district = makeActor({ id: uuidv7(), username: "bench-supervisor", displayName: "监管员", regionCode: DISTRICT }, ["districtSupervisor"]);
  const clerks = Array.from({ length: TOWNSHIPS }, (_, i) => makeActor({ id: uuidv7(), username: `bench-${i}`, displayName: `第${i + 1}镇专管员`, regionCode: township(i) }, ["subsidyClerk"]));
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await createRegion(tx, system, { regionCode: DISTRICT, name: "青禾区" }, new Date());
    for (let i = 0; i < TOWNSHIPS; i++) {
      await createRegion(tx, system, { regionCode: township(i), name: `第${i + 1}镇` }, new Date());
      for (let v = 0; v < 4; v++) await createRegion(tx, system, { regionCode: `${township(i)}${201 + v}`, name: `第${i + 1}镇${v + 1}村` }, new Date());
    }
  });

  // 1. Accepting, in transactions of 200 like a busy hall's day, the first and last slice timed apart.
  const step = (330 * 86_400_000) / MATTERS;
  const ids: string[] = [];
  const acceptRange = async (from: number, to: number) => {
    for (let start = from; start < to; start += 200) {
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        for (let n = start; n < Math.min(start + 200, to); n++) {
          const i = n % TOWNSHIPS;
          const m = await acceptMatter(tx, clerks[i]!, keys, { regionCode: township(i), category: matterCategories[n % matterCategories.length]!, channel: matterChannels[n % 3]!, villageCode: n % 3 === 2 ? `${township(i)}${201 + (n % 4)}` : null, applicantName: `群众${n}`, applicantIdNumber: n % 2 ? residentId(n) : undefined, applicantPhone: `139${String(n).padStart(8, "0")}`, content: `第${n}件：咨询${n % 2 ? "耕地地力保护补贴" : "高龄津贴"}的标准和发放时间` }, new Date(YEAR_START + n * step));
          ids.push(m.id);
        }
      });
    }
  };
  const rate = (from: number, n: number) => `${Math.round(n / ((performance.now() - from) / 1000)).toLocaleString("en")} matters/s`;
  let t0 = performance.now();
  await acceptRange(0, SLICE);
  console.log(`  accept, first ${SLICE.toLocaleString("en")} (empty hall): ${seconds(t0)} s (${rate(t0, SLICE)})`);
  t0 = performance.now();
  await acceptRange(SLICE, MATTERS - SLICE);
  console.log(`  accept, middle ${(MATTERS - 2 * SLICE).toLocaleString("en")}: ${seconds(t0)} s`);
  t0 = performance.now();
  await acceptRange(MATTERS - SLICE, MATTERS);
  console.log(`  accept, last ${SLICE.toLocaleString("en")} (hall of ${(MATTERS - SLICE).toLocaleString("en")}): ${seconds(t0)} s (${rate(t0, SLICE)})`);
  await timed(`answer every other matter (${Math.floor(MATTERS / 2).toLocaleString("en")})`, async () => {
    for (let start = 0; start < ids.length; start += 400) {
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        for (let n = start; n < Math.min(start + 400, ids.length); n += 2) await answerMatter(tx, clerks[n % TOWNSHIPS]!, ids[n]!, { answer: "已当面解答。", satisfaction: n % 10 === 0 ? "unsatisfied" : "satisfied" }, new Date(YEAR_START + n * step + (n % 7) * 86_400_000));
      });
    }
  });

  // 2. Reading.
  const page = { limit: 20, offset: 0 };
  await timed("list, district, first page", () => listMatters(db, district, keys, {}, page, NOW), (r) => `${r.total.toLocaleString("en")} in all`);
  await timed("list, district, name “群众77”", () => listMatters(db, district, keys, { q: "群众77" }, page, NOW), (r) => `${r.total} found`);
  await timed("list, district, one resident's ID", () => listMatters(db, district, keys, { idNumber: residentId(MATTERS - 1) }, page, NOW), (r) => `${r.total} found`);
  await timed("list, district, overdue", () => listMatters(db, district, keys, { overdue: true }, page, NOW), (r) => `${r.total.toLocaleString("en")} overdue`);
  await timed("list, one township, payment queries in handling", () => listMatters(db, clerks[3]!, keys, { category: "paymentQuery", status: "handling" }, page, NOW), (r) => `${r.total} found`);
  await timed("statistics of the year, 14 townships", () => hallStats(db, district, { year: 2026 }, NOW), (r) => `${r.totals.accepted.toLocaleString("en")} accepted, on time ${r.totals.onTimeRate ?? "—"}%`);
  await timed("Excel register of one township", () => mattersWorkbook(db, clerks[0]!, keys, {}, NOW), (b) => `${(b.length / 1024).toFixed(0)} KB`);
}

await onEmbedded((database) => measure("PGlite", database));
await onPostgres((database) => measure("PostgreSQL", database), { max: 4 });
