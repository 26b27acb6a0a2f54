// Benchmark of the audit chain: writes per second with one region and with many regions (each its
// own chain), and chain verification speed. Figures are printed, not asserted. On PostgreSQL too
// when BENCH_DATABASE_URL is set (a database it may fill and drop tables in is created for it).
import type { Database, Db } from "../packages/server/src/platform/db.ts";
import { onEmbedded, onPostgres } from "./benchDatabases.ts";
import { migrate } from "../packages/server/src/platform/migrate.ts";
import { recordAudit, verifyAudit } from "../packages/server/src/audit/index.ts";

const size = process.argv.includes("--size") ? process.argv[process.argv.indexOf("--size") + 1] : "normal";
const rows = size === "small" ? 2_000 : 20_000;

async function run(label: string, database: Database) {
  await migrate(database);
  const actor = { id: null, name: "bench" };
  for (const regions of [1, 14]) {
    const started = performance.now();
    const perTx = 100;
    for (let i = 0; i < rows; i += perTx) {
      await database.db.transaction(async (tx) => {
        for (let j = 0; j < perTx; j++) {
          const region = `3299011${String(((i + j) % regions) + 1).padStart(2, "0")}`;
          await recordAudit(tx as unknown as Db, { regionCode: region, actor, action: "bench.write", entityType: "bench", entityId: String(i + j), after: { i: i + j, amountFen: 12_345n } }, new Date());
        }
      });
    }
    const ms = performance.now() - started;
    console.log(`${label}: ${rows} audit rows over ${regions} region(s): ${Math.round(rows / (ms / 1000))} rows/s (${ms.toFixed(0)} ms)`);
  }
  const started = performance.now();
  const result = await verifyAudit(database.db);
  const ms = performance.now() - started;
  console.log(`${label}: verify ${result.checked} rows in ${result.regions} chains: ${ms.toFixed(0)} ms (${Math.round(result.checked / (ms / 1000))} rows/s), ok=${result.ok}`);
}

await onEmbedded((database) => run("PGlite", database));
await onPostgres((database) => run("PostgreSQL", database));
