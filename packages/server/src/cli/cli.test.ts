// Proves the command-line contract: check-id, check-credit-code and capitals with their exact JSON,
// output and exit codes (0 valid, 1 invalid, 2 usage); org list, demo seed and audit verify on the
// same database as the server, including an audit row edited behind the application's back; and
// that the real `npx xiangcai` binary runs from the repository root.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { run } from "./main.ts";
import { openPglite, openPostgres, type Database } from "../platform/db.ts";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { generateDataKeysHex } from "../platform/crypto.ts";

class Capture {
  text = "";
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function cli(...argv: string[]) {
  const out = new Capture();
  const err = new Capture();
  const code = await run(argv, out, err);
  return { code, stdout: out.text, stderr: err.text };
}

describe("check-id", () => {
  it("answers a valid ID with the contract's JSON and exit 0", async () => {
    const r = await cli("check-id", "11010519491231002X", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, normalized: "11010519491231002X", birthDate: "1949-12-31", sex: "female", regionCode: "110105" });
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("normalises a lower-case x and reads the sex from the 17th digit", async () => {
    expect(JSON.parse((await cli("check-id", "11010519491231002x", "--json")).stdout)).toMatchObject({ valid: true, normalized: "11010519491231002X" });
    expect(JSON.parse((await cli("check-id", "440524188001010014", "--json")).stdout)).toMatchObject({ valid: true, sex: "male", birthDate: "1880-01-01" });
  });

  it("gives each reason with exit 1", async () => {
    const cases: [string, string][] = [
      ["11010519491231002", "LENGTH"],
      ["11010519491231002XX", "LENGTH"],
      ["1101051949123100AX", "CHARSET"],
      ["110105194902300021", "BIRTH_DATE"],
      ["110105194912310021", "CHECKSUM"],
    ];
    for (const [id, reason] of cases) {
      const r = await cli("check-id", id, "--json");
      expect(r.code, id).toBe(1);
      expect(JSON.parse(r.stdout), id).toEqual({ valid: false, reason });
    }
  });

  it("prints a Chinese line without --json", async () => {
    expect((await cli("check-id", "11010519491231002X")).stdout).toMatch(/^有效：11010519491231002X，出生日期 1949-12-31，性别 女/);
    expect((await cli("check-id", "110105194912310021")).stdout).toMatch(/^无效：校验码错误/);
  });

  it("exits 2 on usage errors", async () => {
    expect((await cli("check-id")).code).toBe(2);
    expect((await cli("check-id", "a", "b")).code).toBe(2);
    expect((await cli("check-id", "11010519491231002X", "--jsn")).code).toBe(2);
    expect((await cli()).code).toBe(2);
    expect((await cli("no-such-command")).code).toBe(2);
  });
});

describe("check-credit-code", () => {
  it("answers a valid code with its authority", async () => {
    const r = await cli("check-credit-code", "91350100M000100Y43", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, normalized: "91350100M000100Y43", authority: "9" });
  });

  it("normalises lower case, and gives each reason with exit 1", async () => {
    expect(JSON.parse((await cli("check-credit-code", "91350100m000100y43", "--json")).stdout)).toMatchObject({ valid: true, normalized: "91350100M000100Y43" });
    for (const [code, reason] of [["91350100M000100Y4", "LENGTH"], ["91350100M000100YI3", "CHARSET"], ["91350100M000100Y44", "CHECKSUM"]] as const) {
      const r = await cli("check-credit-code", code, "--json");
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toEqual({ valid: false, reason });
    }
  });

  it("exits 2 without a code", async () => {
    expect((await cli("check-credit-code", "--json")).code).toBe(2);
  });
});

describe("capitals", () => {
  it("prints the amount in capitals on one line", async () => {
    for (const [amount, text] of [
      ["1409.50", "壹仟肆佰零玖元伍角整"],
      ["6007.14", "陆仟零柒元壹角肆分"],
      ["16409.02", "壹万陆仟肆佰零玖元零贰分"],
      ["100010001.01", "壹亿零壹万零壹元零壹分"],
      ["10", "壹拾元整"],
    ]) {
      const r = await cli("capitals", amount!);
      expect(r).toEqual({ code: 0, stdout: `${text}\n`, stderr: "" });
    }
  });

  it("exits 1 with a message on stderr for an invalid amount", async () => {
    for (const bad of ["1.234", "1e3", "abc", "１２３", "1,000.00"]) {
      const r = await cli("capitals", bad);
      expect(r.code, bad).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/金额无效/);
    }
  });
});

describe("database commands", () => {
  let dataDir: string;
  let server: TestDatabase | null = null;
  const saved = { dataDir: process.env.XIANGCAI_DATA_DIR, url: process.env.DATABASE_URL };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "xiangcai-cli-"));
    process.env.XIANGCAI_DATA_DIR = dataDir;
    if (process.env.TEST_DATABASE_URL) {
      server = await openTestDatabase("empty");
      process.env.DATABASE_URL = server.serverUrl!;
      // A PostgreSQL deployment supplies its secrets; `demo seed` seals demo data with them.
      const keys = generateDataKeysHex();
      Object.assign(process.env, { XIANGCAI_SESSION_SECRET: "s".repeat(40), XIANGCAI_DATA_KEY: keys.dataKey, XIANGCAI_MAC_KEY: keys.macKey, XIANGCAI_INDEX_KEY: keys.indexKey, XIANGCAI_AUDIT_KEY: "4".repeat(64) });
    } else {
      delete process.env.DATABASE_URL;
    }
  });
  afterAll(async () => {
    if (saved.dataDir === undefined) delete process.env.XIANGCAI_DATA_DIR;
    else process.env.XIANGCAI_DATA_DIR = saved.dataDir;
    if (saved.url === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.url;
    await server?.close();
    for (const name of ["XIANGCAI_SESSION_SECRET", "XIANGCAI_DATA_KEY", "XIANGCAI_MAC_KEY", "XIANGCAI_INDEX_KEY", "XIANGCAI_AUDIT_KEY"]) delete process.env[name];
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openSame(): Promise<Database> {
    return server ? openPostgres(server.serverUrl!) : openPglite({ dataDir: `${dataDir}/pglite` });
  }

  it("seeds the demo district into an empty database, once", async () => {
    const first = await cli("demo", "seed");
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const second = await cli("demo", "seed");
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/已有数据/);
  });

  it("lists the regions as the contract's JSON", async () => {
    const r = await cli("org", "list", "--json");
    expect(r.code).toBe(0);
    const regions = JSON.parse(r.stdout) as { regionCode: string; name: string; level: string }[];
    expect(regions[0]).toEqual({ regionCode: "329901000", name: "青禾区", level: "district" });
    expect(regions.filter((x) => x.level === "township")).toHaveLength(14);
    expect(regions.find((x) => x.regionCode === "329901101201")).toEqual({ regionCode: "329901101201", name: "东风村", level: "village" });
    for (const x of regions) expect(Object.keys(x)).toEqual(["regionCode", "name", "level"]);
  });

  it("verifies an intact audit chain with exit 0, and names a row edited behind the application's back with exit 1", async () => {
    const intact = await cli("audit", "verify");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/审计链完好/);
    const database = await openSame();
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`update audit_log set actor_name = '篡改者' where region_code = '329901101' and seq = 2`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
    } finally {
      await database.close();
    }
    const broken = await cli("audit", "verify", "--json");
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, firstBroken: { regionCode: "329901101", seq: 2, reason: "HASH" } });
    expect((await cli("audit", "verify")).stdout).toMatch(/审计链损坏：区划 329901101 第 2 条记录/);
  });

  it("refuses to open the embedded database while another process holds it", async () => {
    if (server) return; // the lock concerns the embedded database only
    const holder = await openPglite({ dataDir: `${dataDir}/pglite` });
    try {
      const r = spawnSync(process.execPath, ["packages/server/bin/xiangcai.js", "org", "list"], { env: { ...process.env, XIANGCAI_DATA_DIR: dataDir }, encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/正由进程 \d+ 使用/);
    } finally {
      await holder.close();
    }
  });
});

describe("the installed binary", () => {
  it("runs as npx xiangcai from the repository root", () => {
    const root = new URL("../../../../", import.meta.url).pathname;
    expect(existsSync(join(root, "node_modules/.bin/xiangcai"))).toBe(true);
    const out = execFileSync("npx", ["--no-install", "xiangcai", "check-id", "11010519491231002X", "--json"], { cwd: root, encoding: "utf8" });
    expect(JSON.parse(out)).toMatchObject({ valid: true, sex: "female" });
    const bad = spawnSync("npx", ["--no-install", "xiangcai", "capitals", "1.234"], { cwd: root, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/金额无效/);
  });
});
