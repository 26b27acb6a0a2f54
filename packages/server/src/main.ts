// Starts the server: configuration, database, migrations, demo data on an empty database, HTTP.
import { loadConfig, ConfigError } from "./platform/config.ts";
import { openDatabase } from "./platform/db.ts";
import { migrate } from "./platform/migrate.ts";
import { buildApp } from "./app.ts";
import { seedDemoIfEmpty } from "./demo/seed.ts";
import { startOutboxWorker } from "./platform/outbox.ts";

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  const { applied } = await migrate(database);
  if (applied.length) console.log(`已执行数据库迁移：${applied.join(", ")}`);
  if (!config.databaseUrl || process.env.XIANGCAI_DEMO === "1") {
    const seeded = await seedDemoIfEmpty(database.db, config.dataKeys);
    if (seeded) console.log("空数据库：已生成演示数据（演示账户见 README）。");
  }
  const app = await buildApp(config, database, { logger: process.env.XIANGCAI_LOG !== "0" });
  // Domains hand events to each other through the outbox; a failed handling is retried next tick.
  const stopOutbox = startOutboxWorker(database, {
    onError: (failure) => app.log.error({ failure }, "outbox event not handled; will retry"),
  });
  const shutdown = async () => {
    await stopOutbox();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await app.listen({ port: config.port, host: config.host });
  console.log(`乡财已启动：http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${config.port}/ （数据库：${database.kind === "pglite" ? `内嵌 PGlite，${config.dataDir}` : "PostgreSQL"}）`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`配置错误：${error.message}`);
  else if (error instanceof Error) console.error(`启动失败：${error.message}`, error.cause instanceof Error ? `（${error.cause.message}）` : "");
  else console.error(error);
  process.exit(1);
});
