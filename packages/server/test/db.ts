// Test databases: a fresh embedded database per test file (loaded from a template dump), or, with
// TEST_DATABASE_URL set, a fresh database on that PostgreSQL server, dropped afterwards.
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database, type Db } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { registerDomains } from "../src/domains.ts";
import { randomToken } from "../src/platform/crypto.ts";
import { TEST_AUDIT_KEY, TEST_DATA_KEYS } from "./keys.ts";
import { TEST_NOW } from "./clock.ts";
import { bindAuditKey } from "../src/audit/index.ts";
import { IMPORT_INFLATED_BYTES_DEFAULT, IMPORTS_MAX_DEFAULT, type Config } from "../src/platform/config.ts";

export type TestDatabase = Database & { serverUrl: string | null };

/** CREATE DATABASE, from a template when given; a copy that meets another copy's start is tried again. */
async function createDatabase(serverUrl: string, name: string, template: string | null): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
      return;
    } catch (error) {
      if (!template || attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
    } finally {
      await admin.end();
    }
    await new Promise((r) => setTimeout(r, 250 * attempt));
  }
}

export async function openTestDatabase(kind: "empty" | "demo" = "demo"): Promise<TestDatabase> {
  // Services start flows and the outbox hands events to consumers: register them, as the app does.
  registerDomains();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const templates = inject("pgliteTemplates");
    if (!templates) throw new Error("PGlite templates missing: run through vitest's server project");
    const dump = readFileSync(templates[kind]);
    let database: Database;
    try {
      database = await openPglite({ loadDataDir: new Blob([dump]) });
    } catch (error) {
      // PGlite's WebAssembly start-up can fail when the machine is short of memory for a moment
      // (several ~1 GB instances at once); one retry, said out loud, tells that from a real fault.
      console.warn(`PGlite start failed (${(error as Error).message}); retrying once`);
      database = await openPglite({ loadDataDir: new Blob([dump]) });
    }
    bindAuditKey(database.db, TEST_AUDIT_KEY);
    return Object.assign(database, { serverUrl: null });
  }
  const name = `xc_test_${randomBytes(6).toString("hex")}`;
  // A copy of the run's template (migrated, and seeded for "demo"), or a database built here when
  // the file runs outside vitest's server project.
  const template = inject("postgresTemplates")?.[kind] ?? null;
  await createDatabase(serverUrl, name, template);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 60 });
  bindAuditKey(database.db, TEST_AUDIT_KEY);
  if (!template) {
    await migrate(database);
    if (kind === "demo") await database.db.transaction((tx) => seedDemo(tx as unknown as Db, TEST_DATA_KEYS, TEST_NOW));
  }
  const close = database.close;
  return Object.assign(database, {
    serverUrl: url.toString(),
    close: async () => {
      await close();
      const again = new pg.Client({ connectionString: serverUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  });
}

export { TEST_AUDIT_KEY, TEST_DATA_KEYS };


export function testConfig(): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    databaseUrl: null,
    dataDir: "/nonexistent",
    sessionSecret: randomToken(32),
    dataKeys: TEST_DATA_KEYS,
    auditKey: TEST_AUDIT_KEY,
    trustProxy: false,
    publicQueryCeilingPerMinute: 600,
    auditCheckpointMinutes: 0,
    webDistDir: "/nonexistent",
    importInflatedBytesMax: IMPORT_INFLATED_BYTES_DEFAULT,
    importsMax: IMPORTS_MAX_DEFAULT,
  };
}

/** The message of a failed database call, including the driver's cause that drizzle wraps. */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const parts: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
    return parts.join(" | ");
  }
  throw new Error("expected the database call to fail");
}
