// `npm run bench`: runs every benchmark script (scripts/bench-*.mjs) in turn; each prints its figures.
// Options are passed through, e.g. `npm run bench -- --size small`.
import { readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const dir = new URL(".", import.meta.url).pathname;
const only = process.env.BENCH_ONLY;
const scripts = readdirSync(dir).filter((f) => /^bench-.+\.(mjs|ts)$/.test(f) && (!only || f.includes(only))).sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n### ${script}`);
  const args = script.endsWith(".ts") ? ["--import", "tsx", join(dir, script)] : [join(dir, script)];
  const result = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
