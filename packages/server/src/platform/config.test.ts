// Proves configuration: defaults, the port check, secrets generated once into the embedded data
// folder with owner-only permissions, and a PostgreSQL deployment refused without its secrets.
import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "./config.ts";
import { generateDataKeysHex } from "./crypto.ts";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "xiangcai-config-"));
  dirs.push(dir);
  return join(dir, "data");
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("defaults to 127.0.0.1:3000 on the embedded database", () => {
    const config = loadConfig({ XIANGCAI_DATA_DIR: tempDir() });
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", databaseUrl: null, trustProxy: false });
  });

  it("accepts ports 1 to 65535 and refuses others", () => {
    const dir = tempDir();
    expect(loadConfig({ XIANGCAI_DATA_DIR: dir, PORT: "1" }).port).toBe(1);
    expect(loadConfig({ XIANGCAI_DATA_DIR: dir, PORT: "65535" }).port).toBe(65535);
    for (const bad of ["0", "65536", "80a", "-1"]) expect(() => loadConfig({ XIANGCAI_DATA_DIR: dir, PORT: bad })).toThrow(ConfigError);
  });

  it("generates the embedded secrets once, readable by the owner only", () => {
    const dir = tempDir();
    const first = loadConfig({ XIANGCAI_DATA_DIR: dir });
    const file = join(dir, "secrets.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    const second = loadConfig({ XIANGCAI_DATA_DIR: dir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.dataKeys.dataKey.equals(first.dataKeys.dataKey)).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(file, "utf8"))).sort()).toEqual(["auditKey", "dataKey", "indexKey", "macKey", "sessionSecret"]);
    expect(second.auditKey.equals(first.auditKey)).toBe(true);
  });

  it("adds an audit key to an embedded secrets file from before the chain was keyed, keeping the other keys", () => {
    const dir = tempDir();
    const first = loadConfig({ XIANGCAI_DATA_DIR: dir });
    const file = join(dir, "secrets.json");
    const { auditKey: _dropped, ...older } = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify(older), { mode: 0o600 });
    const upgraded = loadConfig({ XIANGCAI_DATA_DIR: dir });
    expect(upgraded.dataKeys.dataKey.equals(first.dataKeys.dataKey)).toBe(true);
    expect(upgraded.sessionSecret).toBe(first.sessionSecret);
    expect(upgraded.auditKey.length).toBe(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadConfig({ XIANGCAI_DATA_DIR: dir }).auditKey.equals(upgraded.auditKey)).toBe(true);
  });

  it("refuses to start on PostgreSQL without secrets, and starts with them", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@localhost/db", XIANGCAI_DATA_DIR: tempDir() })).toThrow(/必须提供密钥/);
    const keys = generateDataKeysHex();
    const config = loadConfig({
      DATABASE_URL: "postgres://x@localhost/db",
      XIANGCAI_SESSION_SECRET: "s".repeat(40),
      XIANGCAI_DATA_KEY: keys.dataKey,
      XIANGCAI_MAC_KEY: keys.macKey,
      XIANGCAI_INDEX_KEY: keys.indexKey,
      XIANGCAI_AUDIT_KEY: "4".repeat(64),
    });
    expect(config.databaseUrl).toBe("postgres://x@localhost/db");
    // Without the audit key a PostgreSQL deployment does not start either.
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@localhost/db", XIANGCAI_SESSION_SECRET: "s".repeat(40), XIANGCAI_DATA_KEY: keys.dataKey, XIANGCAI_MAC_KEY: keys.macKey, XIANGCAI_INDEX_KEY: keys.indexKey })).toThrow(/auditKey/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://x@localhost/db", XIANGCAI_SESSION_SECRET: "s".repeat(40), XIANGCAI_DATA_KEY: keys.dataKey, XIANGCAI_MAC_KEY: keys.macKey, XIANGCAI_INDEX_KEY: keys.indexKey, XIANGCAI_AUDIT_KEY: keys.macKey })).toThrow(/必须与 macKey/);
  });

  it("refuses a short session secret and malformed keys", () => {
    const keys = generateDataKeysHex();
    const base = { DATABASE_URL: "postgres://x@localhost/db", XIANGCAI_DATA_KEY: keys.dataKey, XIANGCAI_MAC_KEY: keys.macKey, XIANGCAI_INDEX_KEY: keys.indexKey, XIANGCAI_AUDIT_KEY: "4".repeat(64) };
    expect(() => loadConfig({ ...base, XIANGCAI_SESSION_SECRET: "s".repeat(31) })).toThrow(/至少 32/);
    expect(() => loadConfig({ ...base, XIANGCAI_SESSION_SECRET: "s".repeat(32), XIANGCAI_DATA_KEY: "abcd" })).toThrow();
  });
});
