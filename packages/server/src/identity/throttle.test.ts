// Proves login throttling (issue 15, finding 4): failures slow down the address that makes them, with
// a delay that grows, instead of locking the account; a stranger cannot lock the owner out; an
// unknown username and a throttled real one answer exactly alike; the administrator's "unlock" clears
// the delays. The clock is fixed and moved by the test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { fixedClock } from "../platform/clock.ts";
import { DEMO_PASSWORD } from "../demo/seed.ts";
import { loginAs, startTestApp, type TestApp } from "../../test/http.ts";
import { appUser } from "./tables.ts";
import { throttleDelaySeconds, THROTTLE } from "./throttle.ts";

const clock = fixedClock("2026-03-10T02:00:00Z");
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo", { clock });
});
afterAll(async () => t?.close());

async function attempt(username: string, password: string, ip: string) {
  const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: ip, payload: { username, password } });
  return { status: res.statusCode, body: res.json() as { code?: string; detail?: string; retryAfterSeconds?: number }, retryAfter: res.headers["retry-after"] };
}
const wrong = (username: string, ip: string, n = 0) => attempt(username, `wrong-password-${n}`, ip);
const userId = async (username: string) => (await t.database.db.select().from(appUser).where(eq(appUser.username, username)))[0]!.id;

describe("the delay rule", () => {
  it("lets the first failures pass, then doubles up to a cap", () => {
    expect(throttleDelaySeconds(THROTTLE.pair, 0)).toBe(0);
    expect(throttleDelaySeconds(THROTTLE.pair, THROTTLE.pair.free - 1)).toBe(0);
    expect(throttleDelaySeconds(THROTTLE.pair, THROTTLE.pair.free)).toBe(1);
    expect(throttleDelaySeconds(THROTTLE.pair, THROTTLE.pair.free + 1)).toBe(2);
    expect(throttleDelaySeconds(THROTTLE.pair, THROTTLE.pair.free + 4)).toBe(16);
    expect(throttleDelaySeconds(THROTTLE.pair, 1000)).toBe(THROTTLE.pair.capSeconds);
    // The delay every address waits on an account under attack stays short.
    expect(THROTTLE.account.capSeconds).toBeLessThanOrEqual(30);
    expect(throttleDelaySeconds(THROTTLE.account, 1000)).toBe(THROTTLE.account.capSeconds);
  });
});

describe("login throttling", () => {
  it("slows the failing address down with a growing delay, and never counts refused attempts", async () => {
    const ip = "10.31.0.1";
    for (let i = 0; i < THROTTLE.pair.free; i++) expect((await wrong("archivist", ip, i)).status).toBe(401);
    const delays: number[] = [];
    for (let round = 0; round < 4; round++) {
      const refused = await attempt("archivist", DEMO_PASSWORD, ip);
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe("LOGIN_THROTTLED");
      expect(refused.body.detail).toMatch(/秒后再试/);
      expect(Number(refused.retryAfter)).toBe(refused.body.retryAfterSeconds);
      delays.push(refused.body.retryAfterSeconds!);
      // A second refused attempt does not make the wait longer.
      expect((await wrong("archivist", ip, 99)).body.retryAfterSeconds).toBe(refused.body.retryAfterSeconds);
      clock.advance(refused.body.retryAfterSeconds! * 1000);
      expect((await wrong("archivist", ip, round)).status).toBe(401);
    }
    expect(delays).toEqual([1, 2, 4, 8]);
    // After the wait, the right password gets in and clears this address's record.
    clock.advance(16_000);
    expect((await attempt("archivist", DEMO_PASSWORD, ip)).status).toBe(200);
    expect((await wrong("archivist", ip, 7)).status).toBe(401);
  });

  it("does not let a stranger lock the owner out: the owner's own address gets in, or waits at most a short delay", async () => {
    // Failures for the director from many addresses (a stranger who wants the director locked out).
    for (let i = 0; i < THROTTLE.account.free + 6; i++) expect((await wrong("director", `10.32.1.${i}`, i)).status).toBe(401);
    // The owner, from an address that has not failed, gets straight in.
    expect((await attempt("director", DEMO_PASSWORD, "10.32.9.1")).status).toBe(200);
    // Even after more failures, an owner who mistypes once waits at most the account's short cap.
    for (let i = 0; i < 6; i++) await wrong("director", `10.32.2.${i}`, i);
    expect((await wrong("director", "10.32.9.2", 1)).status).toBe(401);
    const waiting = await attempt("director", DEMO_PASSWORD, "10.32.9.2");
    expect(waiting.status).toBe(429);
    expect(waiting.body.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.account.capSeconds);
    // The stranger keeps failing meanwhile; the owner's wait is the owner's own, not a shared slot.
    for (let i = 0; i < 5; i++) await wrong("director", `10.32.3.${i}`, i);
    clock.advance(waiting.body.retryAfterSeconds! * 1000);
    expect((await attempt("director", DEMO_PASSWORD, "10.32.9.2")).status).toBe(200);
  });

  it("answers an unknown username exactly as a real one, at every step", async () => {
    const run = async (username: string, ip: string) => {
      const answers: unknown[] = [];
      for (let i = 0; i < THROTTLE.pair.free + 2; i++) {
        const a = await wrong(username, ip, i);
        answers.push([a.status, a.body, a.retryAfter]);
      }
      return answers;
    };
    const real = await run("unitclerk", "10.33.0.1");
    const unknown = await run("no-such-user", "10.33.0.2");
    expect(unknown).toEqual(real);
    expect(real.some((a) => (a as [number])[0] === 429)).toBe(true);
  });

  it("tells a disabled account apart only to someone who has its password", async () => {
    const admin = await loginAs(t.app, "admin");
    const id = await userId("congress");
    expect((await admin.patch(`/users/${id}`, { status: "disabled" })).status).toBe(200);
    expect((await wrong("congress", "10.34.0.1")).body.code).toBe("INVALID_CREDENTIALS");
    expect((await attempt("congress", DEMO_PASSWORD, "10.34.0.1")).body.code).toBe("ACCOUNT_DISABLED");
    expect((await admin.patch(`/users/${id}`, { status: "active" })).status).toBe(200);
  });

  it("shows an account under attack as locked to the administrator, whose unlock clears every delay", async () => {
    for (let i = 0; i < THROTTLE.account.free + 2; i++) await wrong("budget2", `10.35.1.${i}`, i);
    for (let i = 0; i < THROTTLE.pair.free; i++) await wrong("budget2", "10.35.9.1", i);
    expect((await attempt("budget2", DEMO_PASSWORD, "10.35.9.1")).status).toBe(429);
    const admin = await loginAs(t.app, "admin");
    const id = await userId("budget2");
    const listed = await admin.get("/users?q=budget2");
    expect(listed.body.items.find((u: { id: string }) => u.id === id)).toMatchObject({ locked: true });
    expect((await admin.post(`/users/${id}/unlock`)).status).toBe(204);
    expect((await admin.get("/users?q=budget2")).body.items.find((u: { id: string }) => u.id === id)).toMatchObject({ locked: false });
    expect((await attempt("budget2", DEMO_PASSWORD, "10.35.9.1")).status).toBe(200);
  });

  it("forgets failures after an hour without any", async () => {
    const ip = "10.36.0.1";
    for (let i = 0; i < THROTTLE.pair.free; i++) await wrong("cashier", ip, i);
    expect((await wrong("cashier", ip)).status).toBe(429);
    clock.advance(61 * 60_000);
    for (let i = 0; i < THROTTLE.pair.free; i++) expect((await wrong("cashier", ip, i)).status).toBe(401);
    expect((await attempt("cashier", DEMO_PASSWORD, ip)).status).toBe(429);
  });
});
