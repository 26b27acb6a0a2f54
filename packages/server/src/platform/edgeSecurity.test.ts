// Proves the security of the HTTP edge (issue 15): the security headers on the API, the app and the
// kiosk (finding 6), no full ID or card number in the request log (finding 7), and logout refused
// without the CSRF token (finding 10).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.ts";
import { anonymous, loginAs, startTestApp, type TestApp } from "../../test/http.ts";
import { testConfig } from "../../test/db.ts";
import { redactPersonal } from "./redact.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

describe("logout (finding 10)", () => {
  it("refuses a logout without the CSRF token and keeps the session", async () => {
    const client = await loginAs(t.app, "subsidy");
    const refused = await client.request("POST", "/auth/logout", undefined, { "x-csrf-token": "" });
    expect(refused).toMatchObject({ status: 403, body: { code: "CSRF_INVALID" } });
    const wrong = await client.request("POST", "/auth/logout", undefined, { "x-csrf-token": "not-the-token-of-this-session" });
    expect(wrong.status).toBe(403);
    expect((await client.get("/auth/me")).status).toBe(200);
    expect((await client.post("/auth/logout")).status).toBe(204);
    expect((await client.get("/auth/me")).status).toBe(401);
  });

  it("answers a logout without any session as done", async () => {
    expect((await anonymous(t.app).post("/auth/logout")).status).toBe(204);
  });
});

describe("security headers (finding 6)", () => {
  const common = (headers: Record<string, unknown>) => {
    const csp = String(headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
  };

  it("are on the API, and its JSON is never stored by a cache", async () => {
    const director = await loginAs(t.app, "director");
    const me = await director.get("/auth/me");
    expect(me.status).toBe(200);
    common(me.headers);
    expect(me.headers["cache-control"]).toBe("no-store");
    const problem = await anonymous(t.app).get("/users");
    common(problem.headers);
    expect(problem.headers["cache-control"]).toBe("no-store");
    expect(me.headers["strict-transport-security"]).toBeUndefined();
  });

  it("are on the app's pages and the kiosk", async () => {
    for (const url of ["/", "/kiosk", "/approvals/123"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(200);
      common(res.headers);
    }
  });

  it("send HSTS only behind HTTPS through a trusted proxy", async () => {
    const app = await buildApp({ ...testConfig(), trustProxy: 1 }, t.database);
    try {
      const https = await app.inject({ method: "GET", url: "/api/v1/health", remoteAddress: "127.0.0.1", headers: { "x-forwarded-proto": "https" } });
      expect(https.headers["strict-transport-security"]).toBe("max-age=31536000");
      const http = await app.inject({ method: "GET", url: "/api/v1/health", remoteAddress: "127.0.0.1" });
      expect(http.headers["strict-transport-security"]).toBeUndefined();
    } finally {
      await app.close();
    }
    // Without a trusted proxy the client's own X-Forwarded-Proto means nothing.
    const forged = await t.app.inject({ method: "GET", url: "/api/v1/health", headers: { "x-forwarded-proto": "https" } });
    expect(forged.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("the request log (finding 7)", () => {
  const ID = "11010519491231002X";
  const CARD = "6217001234567890123";

  it("redaction hides ID- and card-shaped values and keeps the rest", () => {
    expect(redactPersonal(`GET /api/v1/subsidy/recipients?q=${ID}&page=1`)).toBe("GET /api/v1/subsidy/recipients?q=[已隐去]&page=1");
    expect(redactPersonal(`q=${ID.toLowerCase()}`)).toBe("q=[已隐去]");
    expect(redactPersonal("q=110105491231002")).toBe("q=[已隐去]"); // a 15-digit ID of the old form
    expect(redactPersonal(`card ${CARD} and 6217 0012 3456 7890 and 6217-0012-3456-7890 and 6217%200012%203456%207890`)).toBe("card [已隐去] and [已隐去] and [已隐去] and [已隐去]");
    // What is not personal stays readable: ids, amounts, dates, region codes, phone-length numbers.
    for (const keep of ["0196a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b", "amount=123456.78", "2026-12-31T16:00:00.000Z", "329901101001", "13800138000", "seq=1234567", '"responseTime":3.0424919128417969,']) {
      expect(redactPersonal(keep)).toBe(keep);
    }
  });

  async function withLoggedApp(fn: (app: FastifyInstance) => Promise<void>): Promise<string> {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(testConfig(), t.database, { logger: true, logStream: stream });
    try {
      await fn(app);
    } finally {
      await app.close();
    }
    return lines.join("");
  }

  it("never holds a searched ID or card number, in URLs or errors", async () => {
    const log = await withLoggedApp(async (app) => {
      const subsidy = await loginAs(app, "subsidy");
      expect((await subsidy.get(`/subsidy/recipients?q=${ID}`)).status).toBe(200);
      expect((await subsidy.get(`/subsidy/recipients?q=${encodeURIComponent(`6217 0012 3456 7890`)}`)).status).toBe(200);
      // A malformed query is logged with its URL too.
      expect((await subsidy.get(`/subsidy/recipients?q=${ID}&bogus=${CARD}`)).status).toBe(400);
      // The residents' query carries the ID in its body; a failure there must not log it either.
      await app.inject({ method: "POST", url: "/api/v1/public/subsidy-query", payload: { idNumber: ID, name: "张三", extra: CARD } });
    });
    expect(log).toContain("/api/v1/subsidy/recipients");
    expect(log).toContain("[已隐去]");
    for (const secret of [ID, ID.slice(0, 17), CARD, "6217 0012 3456 7890", "6217%200012%203456%207890", "621700123456"]) expect(log).not.toContain(secret);
  });
});
