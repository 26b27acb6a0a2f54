// `npm start`: builds the web app when its build is missing or older than its sources, then runs
// the server (embedded database with demo data by default; see README for configuration).
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { spawnSync, spawn } from "node:child_process";

const root = new URL("..", import.meta.url).pathname;
const web = join(root, "packages/web");
const built = join(web, "dist/index.html");

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const sources = Math.max(newest(join(web, "src")), newest(join(root, "packages/shared/src")), statSync(join(web, "index.html")).mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  console.log("正在构建网页（首次启动约需一分钟）…");
  const result = spawnSync("npm", ["run", "build", "-w", "@xiangcai/web"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ["--import", "tsx", join(root, "packages/server/src/main.ts")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
