// Composes the server: every domain's routes on one Fastify instance. A new domain adds one line.
import type { FastifyInstance } from "fastify";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { buildHttp } from "./platform/http.ts";
import { identityRoutes } from "./identity/index.ts";
import { orgRoutes } from "./org/index.ts";
import { flowRoutes } from "./flow/index.ts";
import { auditRoutes } from "./audit/index.ts";
import { settingsRoutes } from "./settings/index.ts";
import { catalogRoutes } from "./catalog/index.ts";
import { budgetRoutes } from "./budget/index.ts";
import { treasuryRoutes } from "./treasury/index.ts";
import { subsidyRoutes } from "./subsidy/index.ts";
import { ledgerRoutes } from "./ledger/index.ts";

export async function registerDomainRoutes(api: FastifyInstance): Promise<void> {
  await api.register(identityRoutes);
  await api.register(orgRoutes);
  await api.register(flowRoutes);
  await api.register(auditRoutes);
  await api.register(settingsRoutes);
  await api.register(catalogRoutes);
  await api.register(budgetRoutes);
  await api.register(treasuryRoutes);
  await api.register(subsidyRoutes);
  await api.register(ledgerRoutes);
}

export function buildApp(config: Config, database: Database, options: { logger?: boolean } = {}) {
  return buildHttp(config, database, registerDomainRoutes, options);
}
