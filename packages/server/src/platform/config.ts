// Configuration comes from the environment. On the embedded database the secrets are
// generated on first start into the data folder (owner-only), so the quick start needs none;
// a PostgreSQL deployment must supply them and refuses to start without.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { generateDataKeysHex, parseDataKeys, randomToken, type DataKeys } from "./crypto.ts";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  sessionSecret: string;
  dataKeys: DataKeys;
  /** HMAC-SM3 key of the audit chain (32 bytes), from the secrets, never stored in the database. */
  auditKey: Buffer;
  /**
   * Which reverse proxy's X-Forwarded-For / -Proto to believe (XIANGCAI_TRUST_PROXY): false (none),
   * a number of hops (the nearest N addresses are proxies), or the proxies' addresses and CIDR ranges.
   * Behind HTTPS (X-Forwarded-Proto from a trusted proxy) cookies get Secure and HSTS is sent.
   */
  trustProxy: TrustProxy;
  /** Residents' queries per minute across all addresses together (XIANGCAI_PUBLIC_QUERY_CEILING_PER_MINUTE). */
  publicQueryCeilingPerMinute: number;
  /** Minutes between the district's copies of the townships' audit chain heads; 0 turns them off (XIANGCAI_AUDIT_CHECKPOINT_MINUTES). */
  auditCheckpointMinutes: number;
  webDistDir: string;
  /** Bytes all entries of an uploaded spreadsheet may inflate to together, counted as they stream (XIANGCAI_IMPORT_MAX_INFLATED_BYTES). */
  importInflatedBytesMax: number;
  /** Spreadsheet imports read at once; one more answers 503 IMPORT_BUSY (XIANGCAI_IMPORTS_MAX). */
  importsMax: number;
}

export class ConfigError extends Error {}

export type TrustProxy = false | number | string[];

const PROXY_HOPS_MAX = 10;
const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^[0-9]{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * XIANGCAI_TRUST_PROXY: unset or 0 trusts no proxy; `1` (or `true`, the meaning the README always
 * gave) trusts one hop, a number N trusts N hops; otherwise a comma-separated list of the proxies'
 * addresses or CIDR ranges (or loopback, linklocal, uniquelocal). Only the addresses the trusted
 * hops appended count: the left-most X-Forwarded-For, which the client writes, never does.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = (raw ?? "").trim();
  if (value === "" || value === "0" || value === "false") return false;
  if (value === "true") return 1;
  if (/^[0-9]+$/.test(value)) {
    const hops = Number(value);
    if (hops > PROXY_HOPS_MAX) throw new ConfigError(`XIANGCAI_TRUST_PROXY 的代理层数须为 1-${PROXY_HOPS_MAX}（现为“${value}”）。`);
    return hops;
  }
  const entries = value.split(",").map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length > 0) {
    throw new ConfigError(`XIANGCAI_TRUST_PROXY 须为代理层数，或以逗号分隔的代理地址/网段（如 127.0.0.1,10.1.0.0/16）；无法识别：“${bad.join("”“")}”。`);
  }
  return entries;
}

/**
 * Uploaded spreadsheets inflate to at most this many bytes together (a 32 MB upload of ordinary sheet
 * XML stays below it; the 0.4 MB bomb of issue 15 inflated to gigabytes).
 */
export const IMPORT_INFLATED_BYTES_DEFAULT = 256 * 1024 * 1024;
/** Spreadsheet imports read at once (each can hold a workbook of a few hundred MB in memory). */
export const IMPORTS_MAX_DEFAULT = 2;

/** A whole number of at least 1 from the environment, or the fallback when unset. */
export function positiveIntegerFromEnv(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === "") return fallback;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new ConfigError(`${name} 须为 1-999999999 的整数（现为“${raw}”）。`);
  return Number(raw);
}

/** Residents' queries a minute across all addresses: a district's kiosks together stay well below it. */
export const PUBLIC_QUERY_CEILING_DEFAULT = 600;

export interface SecretsFile {
  sessionSecret: string;
  dataKey: string;
  macKey: string;
  indexKey: string;
  auditKey: string;
}

/** A complete set of fresh secrets (session, data, MAC, index and audit keys). */
export function generateSecrets(): SecretsFile {
  return { sessionSecret: randomToken(32), ...generateDataKeysHex(), auditKey: randomBytes(32).toString("hex") };
}

function parseAuditKey(secrets: SecretsFile, dataKeys: DataKeys): Buffer {
  const hex = secrets.auditKey;
  if (typeof hex !== "string" || !/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError("审计密钥 auditKey（XIANGCAI_AUDIT_KEY）必须是 64 个十六进制字符（32 字节），可用 npx xiangcai secrets generate 生成一套新密钥，或 openssl rand -hex 32 单独生成。");
  }
  const key = Buffer.from(hex, "hex");
  if (key.equals(dataKeys.macKey) || key.equals(dataKeys.indexKey)) throw new ConfigError("审计密钥 auditKey 必须与 macKey、indexKey 都不同。");
  return key;
}

function readPort(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigError(`PORT 无效：${raw}`);
  return port;
}

/** The data folder: XIANGCAI_DATA_DIR, default ./data relative to the working directory. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.XIANGCAI_DATA_DIR || "data");
}

function secretsFromEnv(env: NodeJS.ProcessEnv): SecretsFile | null {
  const file = env.XIANGCAI_SECRETS_FILE;
  if (file) return JSON.parse(readFileSync(file, "utf8")) as SecretsFile;
  const {
    XIANGCAI_SESSION_SECRET: sessionSecret, XIANGCAI_DATA_KEY: dataKey, XIANGCAI_MAC_KEY: macKey, XIANGCAI_INDEX_KEY: indexKey, XIANGCAI_AUDIT_KEY: auditKey,
  } = env;
  if (sessionSecret && dataKey && macKey && indexKey) return { sessionSecret, dataKey, macKey, indexKey, auditKey: auditKey ?? "" };
  return null;
}

/** Writes a secrets file readable by its owner only, without ever leaving a half-written one. */
export function writeSecretsFile(path: string, secrets: SecretsFile, options: { overwrite: boolean }): void {
  const text = `${JSON.stringify(secrets, null, 2)}\n`;
  if (!options.overwrite) {
    writeFileSync(path, text, { mode: 0o600, flag: "wx" });
    chmodSync(path, 0o600);
    return;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/**
 * Reads or, on first start, creates the embedded deployment's secrets file (mode 0600). A file from
 * before the audit chain was keyed gets its audit key added, the other keys unchanged.
 */
function embeddedSecrets(dataDir: string): SecretsFile {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, "secrets.json");
  if (existsSync(path)) {
    const secrets = JSON.parse(readFileSync(path, "utf8")) as SecretsFile;
    if (secrets.auditKey === undefined) {
      secrets.auditKey = generateSecrets().auditKey;
      writeSecretsFile(path, secrets, { overwrite: true });
    }
    return secrets;
  }
  const secrets = generateSecrets();
  writeSecretsFile(path, secrets, { overwrite: false });
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || null;
  const dataDir = dataDirFromEnv(env);
  let secrets = secretsFromEnv(env);
  if (!secrets) {
    if (databaseUrl) {
      throw new ConfigError(
        "使用 PostgreSQL 服务器（DATABASE_URL）时必须提供密钥：XIANGCAI_SESSION_SECRET、XIANGCAI_DATA_KEY、XIANGCAI_MAC_KEY、XIANGCAI_INDEX_KEY、XIANGCAI_AUDIT_KEY，或 XIANGCAI_SECRETS_FILE（可用 npx xiangcai secrets generate --out <文件> 生成）。",
      );
    }
    secrets = embeddedSecrets(dataDir);
  }
  if (secrets.sessionSecret.length < 32) throw new ConfigError("XIANGCAI_SESSION_SECRET 至少 32 个字符。");
  const dataKeys = parseDataKeys(secrets);
  return {
    port: readPort(env.PORT),
    host: env.HOST || "127.0.0.1",
    databaseUrl,
    dataDir,
    sessionSecret: secrets.sessionSecret,
    dataKeys,
    auditKey: parseAuditKey(secrets, dataKeys),
    trustProxy: parseTrustProxy(env.XIANGCAI_TRUST_PROXY),
    auditCheckpointMinutes: env.XIANGCAI_AUDIT_CHECKPOINT_MINUTES === "0" ? 0 : positiveIntegerFromEnv("XIANGCAI_AUDIT_CHECKPOINT_MINUTES", env.XIANGCAI_AUDIT_CHECKPOINT_MINUTES, 60),
    publicQueryCeilingPerMinute: positiveIntegerFromEnv("XIANGCAI_PUBLIC_QUERY_CEILING_PER_MINUTE", env.XIANGCAI_PUBLIC_QUERY_CEILING_PER_MINUTE, PUBLIC_QUERY_CEILING_DEFAULT),
    webDistDir: resolve(env.XIANGCAI_WEB_DIST || new URL("../../../web/dist", import.meta.url).pathname),
    importInflatedBytesMax: positiveIntegerFromEnv("XIANGCAI_IMPORT_MAX_INFLATED_BYTES", env.XIANGCAI_IMPORT_MAX_INFLATED_BYTES, IMPORT_INFLATED_BYTES_DEFAULT),
    importsMax: positiveIntegerFromEnv("XIANGCAI_IMPORTS_MAX", env.XIANGCAI_IMPORTS_MAX, IMPORTS_MAX_DEFAULT),
  };
}
