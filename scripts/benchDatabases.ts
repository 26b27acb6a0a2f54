// The databases the TypeScript benchmarks measure on, keyed like a deployment's (an audit key for
// this run only, so audit rows are written keyed): a fresh embedded PGlite, and a fresh database on
// the PostgreSQL server, dropped afterwards. Not a benchmark itself (scripts/bench.mjs runs bench-*).
import pg from "pg";
import { randomBytes } from "node:crypto";
import { openPglite, openPostgres, type Database } from "../packages/server/src/platform/db.ts";
import { bindAuditKey } from "../packages/server/src/audit/index.ts";

const BENCH_AUDIT_KEY = randomBytes(32);

/** Runs `measure` on a fresh embedded database, closed afterwards. */
export async function onEmbedded<T>(measure: (database: Database) => Promise<T>): Promise<T> {
  const database = await openPglite();
  bindAuditKey(database.db, BENCH_AUDIT_KEY);
  try {
    return await measure(database);
  } finally {
    await database.close();
  }
}

/**
 * Runs `measure` on a fresh database on the PostgreSQL server at `url` (default BENCH_DATABASE_URL),
 * dropped afterwards. Without a URL, or when the server cannot be reached, says so and answers null.
 */
export async function onPostgres<T>(measure: (database: Database) => Promise<T>, options: { url?: string | undefined; max?: number } = {}): Promise<T | null> {
  const url = options.url ?? process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log("PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test to run)");
    return null;
  }
  const name = `xc_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL not reachable at ${url} (${(error as Error).message}): PostgreSQL benchmarks skipped.`);
    return null;
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openPostgres(target.toString(), options.max ? { max: options.max } : {});
    bindAuditKey(database.db, BENCH_AUDIT_KEY);
    try {
      return await measure(database);
    } finally {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
