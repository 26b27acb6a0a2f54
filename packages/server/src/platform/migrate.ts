// Forward-only migrations: numbered SQL files, each applied once in its own transaction,
// the same files on PGlite and on PostgreSQL. An advisory lock keeps two starting servers apart.
import { readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import type { Database } from "./db.ts";

const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);
const LOCK_KEY = 7_243_001;

export interface Migration {
  version: string;
  name: string;
  script: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const script = readFileSync(new URL(file, MIGRATIONS_DIR), "utf8");
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        script,
        checksum: createHash("sha256").update(script).digest("hex"),
      };
    });
}

export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const migrations = listMigrations();
  return database.withConnection(async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    await conn.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    try {
      const done = new Map(
        (await conn.query<{ version: string; checksum: string }>("SELECT version, checksum FROM schema_migrations")).map(
          (r) => [r.version, r.checksum],
        ),
      );
      const applied: string[] = [];
      for (const m of migrations) {
        const previous = done.get(m.version);
        if (previous !== undefined) {
          if (previous !== m.checksum) {
            throw new Error(`迁移 ${m.version}_${m.name} 已执行后被修改：迁移只能新增，不能改写。`);
          }
          continue;
        }
        await conn.exec("BEGIN");
        try {
          await conn.exec(m.script);
          await conn.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
            m.version,
            m.name,
            m.checksum,
          ]);
          await conn.exec("COMMIT");
        } catch (error) {
          await conn.exec("ROLLBACK");
          throw new Error(`迁移 ${m.version}_${m.name} 失败：${(error as Error).message}`, { cause: error });
        }
        applied.push(`${m.version}_${m.name}`);
      }
      return { applied };
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
    }
  });
}
