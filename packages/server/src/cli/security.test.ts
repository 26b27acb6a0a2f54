// Proves the security commands as an operator runs them, on an embedded data folder: `secrets
// generate` writes a new owner-only file and never overwrites one; `audit checkpoint --out` writes the
// auditor's signed file and `audit verify --checkpoint` finds a deleted tail with a rewound head;
// `keys rotate --out` writes the new keys first and leaves every sealed value under them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { run } from "./main.ts";
import { loadConfig } from "../platform/config.ts";
import { openPglite, rows, type Db } from "../platform/db.ts";
import { decryptPersonal, encryptPersonal, parseDataKeys } from "../platform/crypto.ts";
import { bindAuditKey, recordAudit } from "../audit/index.ts";
import { TEST_NOW } from "../../test/clock.ts";

let dir: string;
const saved = { dataDir: process.env.XIANGCAI_DATA_DIR, url: process.env.DATABASE_URL };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "xiangcai-security-cli-"));
  process.env.XIANGCAI_DATA_DIR = join(dir, "data");
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  if (saved.dataDir === undefined) delete process.env.XIANGCAI_DATA_DIR;
  else process.env.XIANGCAI_DATA_DIR = saved.dataDir;
  if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(args, { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Opens the data folder the way the server does (the CLI must not hold it at the same time). */
async function withData<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const database = await openPglite({ dataDir: join(dir, "data", "pglite") });
  try {
    bindAuditKey(database.db, loadConfig().auditKey);
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

describe("secrets generate", () => {
  it("writes a new file readable by the owner only, with keys a deployment accepts, and never overwrites", async () => {
    const path = join(dir, "secrets.json");
    const first = await cli("secrets", "generate", "--out", path);
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(path, "utf8"));
    expect(Object.keys(secrets).sort()).toEqual(["auditKey", "dataKey", "indexKey", "macKey", "sessionSecret"]);
    expect(loadConfig({ DATABASE_URL: "postgres://x@localhost/db", XIANGCAI_SECRETS_FILE: path }).auditKey.toString("hex")).toBe(secrets.auditKey);
    const second = await cli("secrets", "generate", "--out", path);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/已存在，未覆盖/);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual(secrets);
    const printed = await cli("secrets", "generate");
    expect(JSON.parse(printed.stdout).dataKey).toMatch(/^[0-9a-f]{32}$/);
    expect((await cli("secrets", "make")).code).toBe(2);
  });
});

describe("audit checkpoint and verify --checkpoint", () => {
  it("keeps the heads in a signed file that finds a deleted tail with a rewound head", async () => {
    expect((await cli("db", "migrate")).code).toBe(0);
    await withData((db) =>
      db.transaction(async (tx) => {
        for (let i = 1; i <= 4; i++) await recordAudit(tx as unknown as Db, { regionCode: "329901101", actor: { id: null, name: "测试" }, action: "test.write", entityType: "thing", entityId: String(i) }, TEST_NOW);
      }),
    );
    const file = join(dir, "checkpoint.json");
    const taken = await cli("audit", "checkpoint", "--out", file);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(/已写出检查点/);
    expect((await cli("audit", "checkpoint", "--out", file)).code).toBe(1);
    expect((await cli("audit", "verify", "--checkpoint", file)).stdout).toMatch(/审计链完好/);

    await withData(async (db) => {
      await db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`delete from audit_log where region_code = '329901101' and seq > 2`);
        await tx.execute(sql`update audit_head set seq = 2, hash = (select hash from audit_log where region_code = '329901101' and seq = 2) where region_code = '329901101'`);
        // The district's copy goes too, as a careful intruder would do.
        await tx.execute(sql`delete from audit_log where region_code = '329901000'`);
        await tx.execute(sql`delete from audit_head where region_code = '329901000'`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
    });
    // Without the file the rewound chains agree with themselves; the file does not.
    expect((await cli("audit", "verify")).code).toBe(0);
    const found = await cli("audit", "verify", "--checkpoint", file, "--json");
    expect(found.code).toBe(1);
    expect(JSON.parse(found.stdout).firstBroken).toMatchObject({ reason: "CHECKPOINT" });

    const forged = JSON.parse(readFileSync(file, "utf8"));
    forged.heads[0].seq = "2";
    writeFileSync(join(dir, "forged.json"), JSON.stringify(forged));
    const refused = await cli("audit", "verify", "--checkpoint", join(dir, "forged.json"));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/签名不符/);
  });
});

describe("keys rotate", () => {
  it("writes the new keys first, then leaves every sealed value under them", async () => {
    const old = loadConfig();
    await withData((db) => db.execute(sql`update app_user set totp_pending_sealed = ${encryptPersonal(old.dataKeys, "JBSWY3DPEHPK3PXP")}`));
    const out = join(dir, "new-secrets.json");
    const rotated = await cli("keys", "rotate", "--out", out);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const next = JSON.parse(readFileSync(out, "utf8"));
    expect(next.auditKey).toBe(old.auditKey.toString("hex"));
    expect(next.dataKey).not.toBe(JSON.parse(readFileSync(join(dir, "data", "secrets.json"), "utf8")).dataKey);
    await withData(async (db) => {
      const sealed = await rows<{ totp_pending_sealed: string | null }>(db, sql`select totp_pending_sealed from app_user`);
      for (const r of sealed) if (r.totp_pending_sealed) expect(decryptPersonal(parseDataKeys(next), r.totp_pending_sealed)).toBe("JBSWY3DPEHPK3PXP");
    });
    expect((await cli("keys", "rotate", "--resume", out)).code).toBe(0);
    expect((await cli("keys", "rotate", "--out", out)).code).toBe(1);
    expect((await cli("keys", "rotate")).code).toBe(2);
  });
});
