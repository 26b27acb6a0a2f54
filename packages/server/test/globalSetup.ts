// Builds the embedded database templates once per test run (a fresh PGlite data folder costs
// seconds; loading a dump is much faster): one migrated and empty, one with the demo data.
// With TEST_DATABASE_URL set, each test file makes its own database on that server instead.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, type Db } from "../src/platform/db.ts";
import { migrate } from "../src/platform/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { TEST_AUDIT_KEY, TEST_DATA_KEYS } from "./keys.ts";
import { TEST_NOW } from "./clock.ts";
import { bindAuditKey } from "../src/audit/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplates: { empty: string; demo: string } | null;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide("pgliteTemplates", null);
    return;
  }
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
