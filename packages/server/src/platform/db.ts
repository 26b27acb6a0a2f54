// The database handle: embedded PGlite by default, a PostgreSQL server when a URL is given.
// Both speak the same SQL and run the same migrations; int8 comes back as bigint on both.
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql, type SQL } from "drizzle-orm";
import pg from "pg";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

/**
 * A database or a transaction: services take this first, so the caller owns the transaction.
 * Queries name their tables (drizzle's query builder, not its relational `db.query` API), so the
 * handle needs no schema and the platform knows no domain's tables.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/** One connection for scripts (migrations), held for the duration of `fn`. */
export interface RawConnection {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: "pglite" | "postgres";
  db: Db;
  withConnection<T>(fn: (conn: RawConnection) => Promise<T>): Promise<T>;
  /** The embedded database's whole data folder as a tar file (PGlite only: test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const INT8 = 20;

function bigintParser(value: string): bigint {
  return BigInt(value);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite keeps no lock on its data folder, and two processes writing one folder corrupt it.
 * A lock file naming the owning process keeps a second server or a CLI command out.
 */
function lockDataDir(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: "wx" });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(path, "utf8"));
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new Error(`数据目录 ${dataDir} 正由进程 ${owner} 使用（服务器正在运行？）。内嵌数据库同一时间只能由一个进程打开，请先停止它。`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Database> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      parsers: { [INT8]: bigintParser },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: "pglite",
    db,
    // PGlite is a single connection: its own mutex already serialises work on it.
    withConnection: (fn) =>
      fn({
        exec: async (script) => {
          await client.exec(script);
        },
        query: async <T>(text: string, params?: unknown[]) => (await client.query<T>(text, params)).rows,
      }),
    dumpDataDir: () => client.dumpDataDir("none"),
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  // drizzle's node-postgres driver reads pg's global parsers per query, not the pool's: int8 must be
  // set globally too, or counts and money would arrive as strings.
  pg.types.setTypeParser(INT8, bigintParser);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8 ? bigintParser : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can be cut by the server (restart, failover, an administrator): without a
  // listener the error would end the process. The pool opens a new connection when next needed.
  pool.on("error", (error) => {
    if ((error as { code?: string }).code !== "57P01") console.warn(`数据库空闲连接中断：${error.message}`);
  });
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePg(pool) as unknown as Db;
  return {
    kind: "postgres",
    db,
    withConnection: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (script) => {
            await client.query(script);
          },
          query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export async function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite({ dataDir: `${config.dataDir}/pglite` });
}

/**
 * Runs reads in one snapshot (a repeatable-read, read-only transaction), so that several queries — the
 * pages of an export, the heads and rows of a check — see the same data while others write; a caller
 * already in a transaction reads in its own.
 */
export async function inSnapshot<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  if ((db as object) instanceof PgTransaction) return read(db);
  return db.transaction((tx) => read(tx as unknown as Db), { isolationLevel: "repeatable read", accessMode: "read only" });
}

/** Rows of a raw SQL query, typed by the caller. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function firstRow<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0];
}

export { sql };
