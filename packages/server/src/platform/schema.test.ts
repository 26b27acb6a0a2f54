// Proves the migrations apply on a fresh database, are recorded once, refuse being rewritten, and
// that the typed table definitions match the tables the migrations create, column for column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "../../test/db.ts";
import { listMigrations, migrate } from "./migrate.ts";
import { rows } from "./db.ts";
import { schema } from "../schema.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase("empty");
});
afterAll(async () => database?.close());

describe("migrations", () => {
  it("are all applied and a second run applies nothing", async () => {
    const applied = await rows<{ version: string }>(database.db, sql`select version from schema_migrations order by version`);
    expect(applied.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect((await migrate(database)).applied).toEqual([]);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    await database.db.execute(sql`update schema_migrations set checksum = 'changed' where version = '0001'`);
    await expect(migrate(database)).rejects.toThrow(/已执行后被修改/);
    const original = listMigrations()[0]!.checksum;
    await database.db.execute(sql`update schema_migrations set checksum = ${original} where version = '0001'`);
  });
});

describe("typed tables", () => {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => typeof t === "object" && t !== null && Symbol.for("drizzle:Name") in t);

  it("cover every table the migrations create", async () => {
    const found = await rows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'schema_migrations' order by 1`,
    );
    expect(tables.map((t) => getTableConfig(t).name).sort()).toEqual(found.map((r) => r.table_name));
  });

  it("declare exactly the columns, types and nullability of the database", async () => {
    for (const table of tables) {
      const config = getTableConfig(table);
      const columns = await rows<{ column_name: string; is_nullable: string; udt_name: string }>(
        database.db,
        sql`select column_name, is_nullable, udt_name from information_schema.columns where table_name = ${config.name} order by column_name`,
      );
      const declared = config.columns.map((c) => ({ column_name: c.name, is_nullable: c.notNull ? "NO" : "YES", type: c.getSQLType() })).sort((a, b) => a.column_name.localeCompare(b.column_name));
      expect(declared.map((c) => [c.column_name, c.is_nullable]), config.name).toEqual(columns.map((c) => [c.column_name, c.is_nullable]));
      const typeOf = (sqlType: string) => ({ text: "text", uuid: "uuid", integer: "int4", bigint: "int8", boolean: "bool", jsonb: "jsonb", "timestamp with time zone": "timestamptz" })[sqlType] ?? sqlType;
      expect(declared.map((c) => typeOf(c.type)), config.name).toEqual(columns.map((c) => c.udt_name));
    }
  });
});

describe("region code as tenant", () => {
  it("is part of the primary key of every business table", async () => {
    const reference = new Set(["region", "app_user", "user_role", "user_session", "login_challenge", "login_throttle", "key_rotation_step", "schema_migrations"]);
    const keys = await rows<{ table_name: string; columns: string }>(
      database.db,
      sql`select tc.table_name, string_agg(kcu.column_name, ',') as columns
          from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
          where tc.constraint_type in ('PRIMARY KEY', 'UNIQUE') and tc.table_schema = 'public'
          group by tc.table_name, tc.constraint_name`,
    );
    const business = keys.filter((k) => !reference.has(k.table_name));
    expect(business.length).toBeGreaterThan(0);
    for (const k of business) expect(k.columns.split(","), k.table_name).toContain("region_code");
  });
});
