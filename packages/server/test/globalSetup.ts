// Builds the embedded database templates once per test run (a fresh PGlite data folder costs
// seconds; loading a dump is much faster): one migrated and empty, one with the demo data.
// With TEST_DATABASE_URL set, each test file makes its own database on that server instead.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openPglite, openPostgres, type Db } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { TEST_AUDIT_KEY, TEST_DATA_KEYS } from "./keys.ts";
import { TEST_NOW } from "./clock.ts";
import { bindAuditKey } from "../src/audit/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; demo: string } | null;
    /** With TEST_DATABASE_URL: template databases on that server, migrated (and seeded), copied per test file. */
    postgresTemplates: { empty: string; demo: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    project.provide("pgliteTemplates", null);
    // Migrating and seeding the demo costs half a minute; each test file copies these instead.
    const suffix = randomBytes(6).toString("hex");
    const names = { empty: `xc_tpl_empty_${suffix}`, demo: `xc_tpl_demo_${suffix}` };
    for (const [kind, name] of Object.entries(names)) {
      await serverQuery(serverUrl, `CREATE DATABASE ${name}`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const database = await openPostgres(url.toString(), { max: 4 });
      bindAuditKey(database.db, TEST_AUDIT_KEY);
      try {
        await migrate(database);
        if (kind === "demo") await database.db.transaction((tx) => seedDemo(tx as unknown as Db, TEST_DATA_KEYS, TEST_NOW));
      } finally {
        await database.close();
      }
    }
    project.provide("postgresTemplates", names);
    return async () => {
      for (const name of Object.values(names)) await serverQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  project.provide("postgresTemplates", null);
  const dir = resolve(".tmp/test-templates");
  mkdirSync(dir, { recursive: true });
  const paths = { empty: `${dir}/empty.tar`, demo: `${dir}/demo.tar` };
  for (const [kind, path] of Object.entries(paths)) {
    const database = await openPglite();
    bindAuditKey(database.db, TEST_AUDIT_KEY);
    try {
      await migrate(database);
      if (kind === "demo") await database.db.transaction((tx) => seedDemo(tx as unknown as Db, TEST_DATA_KEYS, TEST_NOW));
      const file = await database.dumpDataDir!();
      writeFileSync(path, Buffer.from(await file.arrayBuffer()));
    } finally {
      await database.close();
    }
  }
  project.provide("pgliteTemplates", paths);
}

async function serverQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
