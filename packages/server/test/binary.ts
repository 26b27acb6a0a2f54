// The real `xiangcai` binary run by a test on a data folder of its own, holding the demo. Seeding the
// demo through the binary costs a minute; the run's embedded demo template (globalSetup.ts) unpacked
// into the folder costs seconds, and the binary opens it with the keys the template was sealed with.
// Without templates (the PostgreSQL run) the binary seeds the folder itself, with the same keys.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { openPglite } from "../src/platform/db.ts";
import { TEST_SECRETS_ENV } from "./keys.ts";

const bin = new URL("../bin/xiangcai.js", import.meta.url).pathname;

export interface DemoBinary {
  /** Runs the binary with these arguments on the folder (embedded database, the test keys). */
  run(args: readonly string[], timeoutMs?: number): SpawnSyncReturns<string>;
}

/** A data folder `dataDir` holding the demo, and the binary to run on it. */
export async function demoBinary(dataDir: string): Promise<DemoBinary> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_SECRETS_ENV, XIANGCAI_DATA_DIR: dataDir, LANG: "C.UTF-8" };
  delete env.DATABASE_URL;
  const run = (args: readonly string[], timeoutMs = 240_000) => spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", timeout: timeoutMs });
  const templates = inject("pgliteTemplates");
  if (templates) {
    // Where the binary keeps its embedded database (platform/db.ts openDatabase).
    const database = await openPglite({ dataDir: join(dataDir, "pglite"), loadDataDir: new Blob([readFileSync(templates.demo)]) });
    await database.close();
  } else {
    const seeded = run(["demo", "seed"], 300_000);
    if (seeded.status !== 0) throw new Error(`demo seed failed: ${seeded.stderr}`);
  }
  return { run };
}
