// Benchmark of the residents' public query (issue 5): POST /api/v1/public/subsidy-query against
// PostgreSQL holding 1,000,000 recipients, each on a roster in payment (100 villages of 10,000),
// 30% of them sent to the bank (nine in ten paid, one in ten failed). The rows are sealed with the
// real encryption and blind index, so the query path is the real one. The real server is started
// against that database with the per-address limit raised for the benchmark, and autocannon runs
// 50 clients for 20 s over a rotation of real pairs, wrong names and unknown ID numbers.
// Prints requests/s and latency (p50, p99). PostgreSQL: BENCH_DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/test); a fresh database is created and dropped.
// Sizes: --recipients 1000000 --connections 50 --duration 20, or --size small (100,000; 10 s).
import { register } from "tsx/esm/api";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import autocannon from "autocannon";

register();
const arg = (name, fallback) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback);
const small = process.argv.includes("--size") && process.argv[process.argv.indexOf("--size") + 1] === "small";
const RECIPIENTS = arg("recipients", small ? 100_000 : 1_000_000);
const CONNECTIONS = arg("connections", 50);
const DURATION = arg("duration", small ? 10 : 20);
const PER_VILLAGE = 10_000;
const TOWNSHIP = "329901101";
const CHUNK = 5_000;
const root = new URL("..", import.meta.url).pathname;

const { maskBankCard, maskResidentId } = await import("../packages/shared/src/index.ts");
const { encryptPersonal, blindIndex, generateDataKeysHex, parseDataKeys } = await import("../packages/server/src/platform/crypto.ts");
const { openPostgres } = await import("../packages/server/src/platform/db.ts");
const { migrate } = await import("../packages/server/src/platform/migrate.ts");
const { uuidv7 } = await import("../packages/server/src/platform/ids.ts");
const { generatedCard, generatedResidentId } = await import("../packages/server/src/subsidy/fixtures.ts");
const { referenceNo } = await import("../packages/server/src/subsidy/rules.ts");

const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const admin = new pg.Client({ connectionString: url });
try {
  await admin.connect();
} catch (error) {
  console.log(`PostgreSQL not reachable at ${url} (${error.message}): public query benchmark skipped.`);
  process.exit(0);
}
const dbName = `xc_bench_query_${randomBytes(4).toString("hex")}`;
await admin.query(`CREATE DATABASE ${dbName}`);
await admin.end();
const target = new URL(url);
target.pathname = `/${dbName}`;
const hex = generateDataKeysHex();
const keys = parseDataKeys(hex);

/** The n-th generated person (1-based): unique up to 2,100,000. */
function person(n) {
  const b = n % 2100;
  const birth = `19${String(40 + (b % 50)).padStart(2, "0")}${String(1 + (b % 12)).padStart(2, "0")}${String(1 + (b % 28)).padStart(2, "0")}`;
  return { id: generatedResidentId(birth, Math.floor(n / 2100) % 1000), card: generatedCard(n), name: `村民${n}` };
}
const village = (n) => `${TOWNSHIP}${String(201 + Math.floor((n - 1) / PER_VILLAGE))}`;
const rosterIdOf = new Map();
const batchIdOf = new Map();
const actorId = uuidv7();

/** Inserts rows column-wise through unnest (one statement per chunk). */
async function insertColumns(client, table, columns, types, rows) {
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(", ");
  await client.query(`INSERT INTO ${table} (${columns.join(", ")}) SELECT * FROM unnest(${params})`, arrays);
}

let server;
let database;
try {
  database = await openPostgres(target.toString(), { max: 4 });
  await migrate(database);
  await database.close();
  database = null;
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  let started = performance.now();
  const now = new Date();
  await client.query(`INSERT INTO subsidy_item (region_code, code, name, basis, unit, standard_fen, period_kind, fund_source, functional_code, economic_code) VALUES ($1, 'GDDLBH', '耕地地力保护补贴', 'household', '亩', 10550, 'year', '中央财政', '213', '303')`, [TOWNSHIP]);
  const villages = Math.ceil(RECIPIENTS / PER_VILLAGE);
  for (let v = 0; v < villages; v++) {
    const code = village(v * PER_VILLAGE + 1);
    const rosterId = uuidv7();
    const batchId = uuidv7();
    rosterIdOf.set(code, rosterId);
    batchIdOf.set(code, batchId);
    const lines = Math.min(PER_VILLAGE, RECIPIENTS - v * PER_VILLAGE);
    await client.query(
      `INSERT INTO subsidy_roster (region_code, id, village_code, item_code, period, status, source_name, line_count, total_fen, created_by) VALUES ($1, $2, $3, 'GDDLBH', '2026', 'payment', 'bench', $4, $5, $6)`,
      [TOWNSHIP, rosterId, code, lines, String(BigInt(lines) * 52_750n), actorId],
    );
    const sent = Math.floor(lines * 0.3);
    await client.query(
      `INSERT INTO subsidy_batch (region_code, id, roster_id, batch_no, bank_code, kind, line_count, total_fen, created_by, created_at) VALUES ($1, $2, $3, $4, 'RCB', 'first', $5, $6, $7, now())`,
      [TOWNSHIP, batchId, rosterId, `${TOWNSHIP}20260301${String(v + 1).padStart(4, "0")}`, sent, String(BigInt(sent) * 52_750n), actorId],
    );
  }
  const sample = { real: [], paid: [] };
  for (let from = 1; from <= RECIPIENTS; from += CHUNK) {
    const recipients = [];
    const lines = [];
    const disbursements = [];
    const results = [];
    const payments = [];
    for (let n = from; n < Math.min(from + CHUNK, RECIPIENTS + 1); n++) {
      const p = person(n);
      const v = village(n);
      const idSealed = encryptPersonal(keys, p.id);
      const idIndex = blindIndex(keys, "residentId", p.id);
      const cardSealed = encryptPersonal(keys, p.card);
      const cardIndex = blindIndex(keys, "bankCard", p.card);
      recipients.push([TOWNSHIP, uuidv7(), v, p.name, idSealed, idIndex, maskResidentId(p.id), cardSealed, cardIndex, maskBankCard(p.card), "青禾农商行", String(n), true]);
      const lineNo = ((n - 1) % PER_VILLAGE) + 2;
      lines.push([TOWNSHIP, rosterIdOf.get(v), lineNo, v, "", p.name, idSealed, idIndex, maskResidentId(p.id), cardSealed, cardIndex, maskBankCard(p.card), "青禾农商行", "5", "10550", "52750"]);
      const k = (n - 1) % PER_VILLAGE;
      if (k < PER_VILLAGE * 0.3) {
        const ref = referenceNo(`${TOWNSHIP}20260301${String(Math.floor((n - 1) / PER_VILLAGE) + 1).padStart(4, "0")}`, k + 1);
        disbursements.push([TOWNSHIP, ref, batchIdOf.get(v), rosterIdOf.get(v), lineNo, p.name, cardSealed, maskBankCard(p.card), "青禾农商行", "52750", now.toISOString()]);
        const paid = k % 10 !== 3;
        results.push([TOWNSHIP, ref, paid ? "paid" : "failed", paid ? "" : "户名与账号不符", paid ? "2026-03-20" : null, actorId, now.toISOString()]);
        if (paid) payments.push([TOWNSHIP, rosterIdOf.get(v), lineNo, ref, "52750", "2026-03-20"]);
      }
      if (n % 97 === 0) {
        if (k < PER_VILLAGE * 0.3 && k % 10 !== 3 && sample.paid.length < 400) sample.paid.push(p);
        else if (k >= PER_VILLAGE * 0.3 && sample.real.length < 400) sample.real.push(p);
      }
    }
    await insertColumns(client, "subsidy_recipient", ["region_code", "id", "village_code", "name", "resident_id_sealed", "resident_id_index", "resident_id_masked", "card_sealed", "card_index", "card_masked", "bank_name", "household_no", "head_of_household"], ["text", "uuid", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "boolean"], recipients);
    await insertColumns(client, "subsidy_roster_line", ["region_code", "roster_id", "line_no", "village_code", "village_name", "name", "resident_id_sealed", "resident_id_index", "resident_id_masked", "card_sealed", "card_index", "card_masked", "bank_name", "quantity", "standard_fen", "amount_fen"], ["text", "uuid", "int", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "text", "bigint", "bigint"], lines);
    if (disbursements.length) {
      await insertColumns(client, "subsidy_disbursement", ["region_code", "reference_no", "batch_id", "roster_id", "line_no", "name", "card_sealed", "card_masked", "bank_name", "amount_fen", "created_at"], ["text", "text", "uuid", "uuid", "int", "text", "text", "text", "text", "bigint", "timestamptz"], disbursements);
      await insertColumns(client, "subsidy_bank_result", ["region_code", "reference_no", "outcome", "reason", "paid_on", "imported_by", "imported_at"], ["text", "text", "text", "text", "date", "uuid", "timestamptz"], results);
    }
    if (payments.length) await insertColumns(client, "subsidy_line_payment", ["region_code", "roster_id", "line_no", "reference_no", "amount_fen", "paid_on"], ["text", "uuid", "int", "text", "bigint", "date"], payments);
  }
  await client.query("ANALYZE");
  await client.end();
  console.log(`loaded ${RECIPIENTS.toLocaleString("en")} recipients and roster lines (${Math.floor(RECIPIENTS * 0.3).toLocaleString("en")} sent to the bank) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const port = String(4600 + Math.floor(Math.random() * 300));
  server = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: target.toString(), PORT: port, HOST: "127.0.0.1", XIANGCAI_LOG: "0", XIANGCAI_SESSION_SECRET: randomBytes(32).toString("hex"), XIANGCAI_DATA_KEY: hex.dataKey, XIANGCAI_MAC_KEY: hex.macKey, XIANGCAI_INDEX_KEY: hex.indexKey, XIANGCAI_AUDIT_KEY: randomBytes(32).toString("hex"), XIANGCAI_PUBLIC_QUERY_PER_MINUTE: "100000000", XIANGCAI_PUBLIC_QUERY_CEILING_PER_MINUTE: "100000000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error("server did not start in 120 s");
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  // The rotation: real pairs (paid and pending), the same IDs with a wrong name, unknown valid IDs.
  const bodies = [];
  for (let i = 0; i < 200; i++) {
    const p = i % 2 === 0 ? sample.paid[i % sample.paid.length] : sample.real[i % sample.real.length];
    if (i % 4 < 2) bodies.push({ idNumber: p.id, name: p.name });
    else if (i % 4 === 2) bodies.push({ idNumber: p.id, name: `${p.name}甲` });
    else bodies.push({ idNumber: person(RECIPIENTS + 1 + i).id, name: `村民${RECIPIENTS + 1 + i}` });
  }
  const check = await (await fetch(`${base}/api/v1/public/subsidy-query`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bodies[0]) })).json();
  if (!Array.isArray(check.items) || check.items.length !== 1 || check.items[0].status !== "paid") throw new Error(`a real pair should answer one paid item: ${JSON.stringify(check)}`);
  started = performance.now();
  const result = await autocannon({
    url: `${base}/api/v1/public/subsidy-query`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: bodies.map((b) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(b) })),
  });
  console.log(
    `public query, ${RECIPIENTS.toLocaleString("en")} recipients, ${CONNECTIONS} clients, ${DURATION} s: ${Math.round(result.requests.average).toLocaleString("en")} requests/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms (${result.requests.total.toLocaleString("en")} requests, ${result.non2xx} not 2xx, ${result.errors} errors)`,
  );
} finally {
  if (server) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  if (database) await database.close();
  const again = new pg.Client({ connectionString: url });
  await again.connect();
  await again.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await again.end();
}
