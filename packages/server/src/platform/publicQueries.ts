// The limits on residents' queries at the service-hall kiosk (the subsidy query, the progress of a
// matter): per client address per minute (the kiosk is one address), and a ceiling over all addresses
// together (configuration: publicQueryCeilingPerMinute), so whoever has many addresses still cannot
// walk the registry. The ceiling is counted after the per-address limit, so one noisy address cannot
// use it up.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { fail } from "./errors.ts";

/**
 * Residents' queries per client address per minute; XIANGCAI_PUBLIC_QUERY_PER_MINUTE raises it for a
 * load benchmark (scripts/bench-subsidy-query.mjs).
 */
export const PUBLIC_QUERY_PER_MINUTE = publicQueryLimit(process.env.XIANGCAI_PUBLIC_QUERY_PER_MINUTE);

export function publicQueryLimit(raw: string | undefined): number {
  if (raw === undefined || raw === "") return 30;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) throw new Error(`XIANGCAI_PUBLIC_QUERY_PER_MINUTE 须为 1-999999999 的整数（现为“${raw}”）`);
  return Number(raw);
}

/**
 * The route options of a public query: no login, the per-address limit, and the ceiling (one counter
 * per `name`) checked before the body is validated. Spread into the route's options.
 */
export function publicQueryOptions(app: FastifyInstance, name: string) {
  const ceiling = app.createRateLimit({ max: app.config.publicQueryCeilingPerMinute, timeWindow: 60_000, keyGenerator: () => name });
  return {
    config: { auth: { public: true }, rateLimit: { max: PUBLIC_QUERY_PER_MINUTE, timeWindow: 60_000 } },
    preValidation: async (request: FastifyRequest) => {
      const counted = await ceiling(request);
      if (!counted.isAllowed && counted.isExceeded) fail("RATE_LIMITED", "查询人数较多，请稍后再试。");
    },
  };
}
