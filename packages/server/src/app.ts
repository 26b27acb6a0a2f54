// Composes the server: identity's hooks and every domain's routes on one Fastify instance, after
// registering every flow and outbox consumer (domains.ts). A new domain adds its routes here.
import type { FastifyInstance } from "fastify";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db.ts";
import { buildHttp, type HttpOptions } from "./platform/http.ts";
import { registerDomains } from "./domains.ts";
import { identityAuth } from "./identity/index.ts";
import { identityRoutes } from "./identity/routes.ts";
import { orgRoutes } from "./org/routes.ts";
import { flowRoutes } from "./flow/routes.ts";
import { homeRoutes } from "./home/routes.ts";
import { auditRoutes } from "./audit/routes.ts";
import { settingsRoutes } from "./settings/routes.ts";
import { catalogRoutes } from "./catalog/routes.ts";
import { budgetRoutes } from "./budget/routes.ts";
import { treasuryRoutes } from "./treasury/routes.ts";
import { subsidyRoutes } from "./subsidy/routes.ts";
import { ledgerRoutes } from "./ledger/routes.ts";
import { reportingRoutes } from "./reporting/routes.ts";
import { performanceRoutes } from "./performance/routes.ts";
import { rectificationRoutes } from "./rectification/routes.ts";
import { debtRoutes } from "./debt/routes.ts";
import { registerRoutes } from "./registers/routes.ts";
import { parkCreditRoutes } from "./debt/parkCreditRoutes.ts";
import { supervisionRoutes } from "./supervision/routes.ts";
import { finalAccountsRoutes } from "./finalAccounts/routes.ts";
import { serviceHallRoutes } from "./serviceHall/routes.ts";

export async function registerDomainRoutes(api: FastifyInstance): Promise<void> {
  await api.register(identityRoutes);
  await api.register(orgRoutes);
  await api.register(flowRoutes);
  await api.register(homeRoutes);
  await api.register(auditRoutes);
  await api.register(settingsRoutes);
  await api.register(catalogRoutes);
  await api.register(budgetRoutes);
  await api.register(treasuryRoutes);
  await api.register(subsidyRoutes);
  await api.register(ledgerRoutes);
  await api.register(reportingRoutes);
  await api.register(performanceRoutes);
  await api.register(rectificationRoutes);
  await api.register(debtRoutes);
  await api.register(registerRoutes);
  await api.register(supervisionRoutes);
  await api.register(parkCreditRoutes);
  await api.register(finalAccountsRoutes);
  await api.register(serviceHallRoutes);
}

export function buildApp(config: Config, database: Database, options: HttpOptions = {}) {
  registerDomains();
  return buildHttp(config, database, { auth: identityAuth, registerRoutes: registerDomainRoutes }, options);
}
