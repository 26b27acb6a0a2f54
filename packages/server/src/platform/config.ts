// Configuration comes from the environment. On the embedded database the secrets are
// generated on first start into the data folder (owner-only), so the quick start needs none;
// a PostgreSQL deployment must supply them and refuses to start without.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateDataKeysHex, parseDataKeys, randomToken, type DataKeys } from "./crypto.ts";

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  sessionSecret: string;
  dataKeys: DataKeys;
  /** True when the server sits behind HTTPS (a proxy sets X-Forwarded-Proto): cookies get Secure. */
  trustProxy: boolean;
  webDistDir: string;
}

export class ConfigError extends Error {}

interface SecretsFile {
  sessionSecret: string;
  dataKey: string;
  macKey: string;
  indexKey: string;
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
  const { XIANGCAI_SESSION_SECRET: sessionSecret, XIANGCAI_DATA_KEY: dataKey, XIANGCAI_MAC_KEY: macKey, XIANGCAI_INDEX_KEY: indexKey } = env;
  if (sessionSecret && dataKey && macKey && indexKey) return { sessionSecret, dataKey, macKey, indexKey };
  return null;
}

/** Reads or, on first start, creates the embedded deployment's secrets file (mode 0600). */
function embeddedSecrets(dataDir: string): SecretsFile {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, "secrets.json");
  if (existsSync(path)) return JSON.parse(readFileSync(path, "utf8")) as SecretsFile;
  const secrets: SecretsFile = { sessionSecret: randomToken(32), ...generateDataKeysHex() };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return secrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || null;
  const dataDir = dataDirFromEnv(env);
  let secrets = secretsFromEnv(env);
  if (!secrets) {
    if (databaseUrl) {
      throw new ConfigError(
        "使用 PostgreSQL 服务器（DATABASE_URL）时必须提供密钥：XIANGCAI_SESSION_SECRET、XIANGCAI_DATA_KEY、XIANGCAI_MAC_KEY、XIANGCAI_INDEX_KEY，或 XIANGCAI_SECRETS_FILE。",
      );
    }
    secrets = embeddedSecrets(dataDir);
  }
  if (secrets.sessionSecret.length < 32) throw new ConfigError("XIANGCAI_SESSION_SECRET 至少 32 个字符。");
  return {
    port: readPort(env.PORT),
    host: env.HOST || "127.0.0.1",
    databaseUrl,
    dataDir,
    sessionSecret: secrets.sessionSecret,
    dataKeys: parseDataKeys(secrets),
    trustProxy: env.XIANGCAI_TRUST_PROXY === "1" || env.XIANGCAI_TRUST_PROXY === "true",
    webDistDir: resolve(env.XIANGCAI_WEB_DIST || new URL("../../../web/dist", import.meta.url).pathname),
  };
}
