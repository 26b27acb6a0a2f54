// Starts the server: configuration, database, migrations, demo data on an empty database, HTTP.
import { loadConfig, ConfigError } from "./platform/config.ts";
import { openDatabase } from "./platform/db.ts";
import { migrate } from "./platform/migrate.ts";
import { buildApp } from "./app.ts";
import { seedDemoIfEmpty } from "./demo/seed.ts";
import { startOutboxWorker } from "./platform/outbox.ts";
import { bindAuditKey, copyHeadsToDistricts, keyLegacyChains } from "./audit/index.ts";
import { systemClock } from "./platform/clock.ts";
import type { Db } from "./platform/db.ts";
import { startSupervisionScheduler } from "./supervision/index.ts";

async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  bindAuditKey(database.db, config.auditKey);
  const { applied } = await migrate(database);
  if (applied.length) console.log(`已执行数据库迁移：${applied.join(", ")}`);
  // Chains written before the audit key existed get their keyed row before anything else is written.
  const keyed = await database.db.transaction((tx) => keyLegacyChains(tx as unknown as Db, systemClock.now()));
  if (keyed) console.log(`审计链启用密钥：${keyed} 条链已追加启用记录（此前的记录按原 SM3 校验）。`);
  if (!config.databaseUrl || process.env.XIANGCAI_DEMO === "1") {
    const seeded = await seedDemoIfEmpty(database.db, config.dataKeys, systemClock.now());
    if (seeded) console.log("空数据库：已生成演示数据（演示账户见 README）。");
  }
  const app = await buildApp(config, database, { logger: process.env.XIANGCAI_LOG !== "0" });
  // Domains hand events to each other through the outbox; a failed handling is retried next tick.
  const stopOutbox = startOutboxWorker(database, {
    clock: systemClock,
    onError: (failure) => app.log.error({ failure }, "outbox event not handled; will retry"),
  });
  // The district's copy of every township's chain head, each hour a head has moved (docs/security.md).
  const checkpointEvery = config.auditCheckpointMinutes * 60_000;
  const checkpoints = checkpointEvery > 0
    ? setInterval(() => {
        database.db
          .transaction((tx) => copyHeadsToDistricts(tx as unknown as Db, { scopePrefix: "", at: systemClock.now() }))
          .catch((error: unknown) => app.log.error({ err: error }, "audit checkpoint not taken; will retry"));
      }, checkpointEvery)
    : null;
  // Fund supervision: rules asked for by outbox events, each district's scheduled run and last month's
  // reports; every process ticks, one runner at a time across processes (the run's advisory lock).
  const stopSupervision = startSupervisionScheduler(database.db, { keys: config.dataKeys, clock: systemClock, onError: (error) => app.log.error({ err: error }, "supervision tick failed; will retry") });
  const shutdown = async () => {
    await stopSupervision();
    if (checkpoints) clearInterval(checkpoints);
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
