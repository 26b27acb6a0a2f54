// Proves the rate limits hold behind a reverse proxy (issue 15, finding 1): only the configured proxy
// is trusted, so a client who writes its own X-Forwarded-For cannot rotate its address past the
// per-address limits of the login and the residents' query; and the residents' query has a ceiling
// across all addresses together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { startTestApp, type TestApp } from "../../test/http.ts";
import { testConfig } from "../../test/db.ts";
import { ConfigError, parseTrustProxy } from "./config.ts";
import type { Config } from "./config.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

async function withApp(overrides: Partial<Config>, fn: (app: FastifyInstance) => Promise<void>) {
  const app = await buildApp({ ...testConfig(), ...overrides }, t.database);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

/** A request arriving from the proxy at `proxy`, with the header the client wrote and the proxy appended to. */
const forged = (i: number) => `203.0.113.${i % 250}`;

describe("the trusted proxy setting", () => {
  it("reads 1 or true as one hop, a number as hops, and a list as the proxies' addresses", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("127.0.0.1, 10.1.0.0/16 ,::1")).toEqual(["127.0.0.1", "10.1.0.0/16", "::1"]);
    expect(parseTrustProxy("loopback")).toEqual(["loopback"]);
    for (const bad of ["yes", "10.1.0.0/33", "300.1.1.1", "-1", "1.5", "10.0.0.1,,", "99"]) expect(() => parseTrustProxy(bad)).toThrow(ConfigError);
  });
});

describe("the login limit behind a proxy", () => {
  it("counts a client that forges rotating X-Forwarded-For as the one address its proxy saw", async () => {
    await withApp({ trustProxy: 1 }, async (app) => {
      const attempt = (i: number) =>
        app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          remoteAddress: "127.0.0.1",
          // The client wrote the first address; the proxy appended the client's real one.
          headers: { "x-forwarded-for": `${forged(i)}, 198.51.100.7` },
          // A new name each time: the address limit is under test, not the per-name throttle.
          payload: { username: `nobody${i}`, password: "x" },
        });
      const codes: string[] = [];
      for (let i = 0; i < 32; i++) codes.push((await attempt(i)).json().code);
      expect(codes.slice(0, 30).every((c) => c === "INVALID_CREDENTIALS")).toBe(true);
      expect(codes.slice(30)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
      // Another real client behind the same proxy is not punished for it.
      const other = await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.8" }, payload: { username: "nobody", password: "x" } });
      expect(other.statusCode).toBe(401);
    });
  });

  it("trusts X-Forwarded-For only from a listed proxy address", async () => {
    await withApp({ trustProxy: ["10.20.0.0/16"] }, async (app) => {
      const codes: string[] = [];
      // Straight from the internet (not a listed proxy): the header is ignored, the socket address counts.
      for (let i = 0; i < 31; i++) {
        codes.push((await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "198.51.100.9", headers: { "x-forwarded-for": forged(i) }, payload: { username: `nobody${i}`, password: "x" } })).json().code);
      }
      expect(codes.at(-1)).toBe("RATE_LIMITED");
      // Through the listed proxy the client's address is the one the proxy appended.
      const viaProxy = await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "10.20.3.4", headers: { "x-forwarded-for": "198.51.100.10" }, payload: { username: "nobody", password: "x" } });
      expect(viaProxy.statusCode).toBe(401);
    });
  });
});

describe("the residents' query behind a proxy", () => {
  const query = (app: FastifyInstance, remoteAddress: string, xff?: string) =>
    app.inject({
      method: "POST",
      url: "/api/v1/public/subsidy-query",
      remoteAddress,
      ...(xff ? { headers: { "x-forwarded-for": xff } } : {}),
      payload: { idNumber: "110105194912310021", name: "张三" },
    });

  it("does not let rotating forged addresses escape the per-address limit", async () => {
    await withApp({ trustProxy: 1 }, async (app) => {
      let answered = 0;
      for (let i = 0; i < 40; i++) if ((await query(app, "127.0.0.1", `${forged(i)}, 198.51.100.20`)).statusCode === 200) answered += 1;
      expect(answered).toBe(30);
    });
  });

  it("has a ceiling across all addresses together", async () => {
    await withApp({ publicQueryCeilingPerMinute: 5 }, async (app) => {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await query(app, `198.51.100.${30 + i}`)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const refused = await query(app, "198.51.100.99");
      expect(refused.json()).toMatchObject({ code: "RATE_LIMITED" });
    });
  });
});
