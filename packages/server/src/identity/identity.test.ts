// Proves login, sessions and user management through the real API: argon2id hashes, cookie flags,
// CSRF, password change, TOTP (enrolment, login step, replay refusal, required roles),
// and the rules on who may create users with which roles where.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { buildApp } from "../app.ts";
import { putSetting } from "../platform/settings.ts";
import { totpCode, base32Decode } from "../platform/totp.ts";
import { DEMO_DISTRICT, DEMO_PASSWORD } from "../demo/seed.ts";
import { anonymous, loginAs, startTestApp, ApiClient, type TestApp } from "../../test/http.ts";
import { testConfig } from "../../test/db.ts";
import { appUser } from "./tables.ts";
import { commonPasswordCount, hashPassword, passwordProblem } from "./password.ts";
import { TOTP_REQUIRED_ROLES_KEY } from "./service.ts";
import { TEST_NOW } from "../../test/clock.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp("demo");
});
afterAll(async () => t?.close());

const userRow = async (username: string) => (await t.database.db.select().from(appUser).where(eq(appUser.username, username)))[0]!;

describe("passwords", () => {
  it("are hashed with argon2id at the explicit cost", async () => {
    expect(await hashPassword("abcdefgh12")).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await userRow("director")).passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("follow the shared rule, with the common-password list on the server", () => {
    expect(passwordProblem("Xiangcai#7Fen")).toBeNull();
    expect(passwordProblem("abcdefg12")).toMatch(/至少 10 位/);
    expect(passwordProblem(`a1${"xk".repeat(64)}`)).toMatch(/不能超过 128 位/);
    expect(passwordProblem("abcdefghijk")).toMatch(/数字/);
    expect(passwordProblem("1234567890")).toMatch(/字母/);
    expect(passwordProblem("director2026", "director")).toMatch(/用户名/);
    // The probe's three, and the list's own entries with digits around them.
    for (const weak of ["password12", "qwerty1234", "aaaaaaaaa1", "iloveyou2026", "Dragon888888", "woaini1314!", "5201314abc"]) expect(passwordProblem(weak), weak).not.toBeNull();
    expect(commonPasswordCount()).toBeGreaterThan(40_000);
  });

  it("refuses weak passwords on creation, reset and change, and changes nothing", async () => {
    const admin = await loginAs(t.app, "admin");
    const created = await admin.post("/users", { username: "weak.pw", displayName: "弱密码", regionCode: "329901101", roles: ["cashier"], password: "password12" });
    expect(created).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", errors: [{ path: "password" }] } });
    expect(created.body.detail).toMatch(/常见密码/);
    expect((await t.database.db.select().from(appUser).where(eq(appUser.username, "weak.pw"))).length).toBe(0);
    const id = (await userRow("archivist")).id;
    const hashBefore = (await userRow("archivist")).passwordHash;
    const reset = await admin.post(`/users/${id}/reset-password`, { newPassword: "qwerty1234" });
    expect(reset).toMatchObject({ status: 400, body: { code: "VALIDATION_FAILED", errors: [{ path: "newPassword" }] } });
    expect((await userRow("archivist")).passwordHash).toBe(hashBefore);
    const own = await loginAs(t.app, "archivist");
    expect((await own.post("/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "aaaaaaaaa1" })).body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "newPassword" }] });
    expect((await userRow("archivist")).passwordHash).toBe(hashBefore);
  });
});

describe("login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie and answers the user and a CSRF token", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "director", password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: "ok", user: { username: "director", regionCode: "329901101", regionName: "青禾镇", roles: ["townshipDirector"] } });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === "xc_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie.secure).toBeFalsy();
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const app = await buildApp({ ...testConfig(), trustProxy: 1 }, t.database);
    try {
      const res = await app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "x-forwarded-proto": "https" }, payload: { username: "director", password: DEMO_PASSWORD } });
      expect(res.cookies.find((c) => c.name === "xc_session")!.secure).toBe(true);
    } finally {
      await app.close();
    }
  });

  it("answers the same for a wrong password and an unknown user", async () => {
    const wrong = await anonymous(t.app).post("/auth/login", { username: "cashier", password: "wrong-password-1" });
    const unknown = await anonymous(t.app).post("/auth/login", { username: "nobody", password: "wrong-password-1" });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: "INVALID_CREDENTIALS", detail: "用户名或密码错误。" });
      expect(res.headers["content-type"]).toMatch(/application\/problem\+json/);
    }
  });

  it("refuses a disabled user and ends the user's sessions when disabled", async () => {
    const cashier = await loginAs(t.app, "cashier");
    const director = await loginAs(t.app, "director");
    const id = (await userRow("cashier")).id;
    expect((await director.patch(`/users/${id}`, { status: "disabled" })).status).toBe(200);
    expect((await cashier.get("/auth/me")).status).toBe(401);
    expect((await anonymous(t.app).post("/auth/login", { username: "cashier", password: DEMO_PASSWORD })).body.code).toBe("ACCOUNT_DISABLED");
    expect((await director.patch(`/users/${id}`, { status: "active" })).status).toBe(200);
  });

  it("limits login attempts per client address (429 past the limit)", async () => {
    const app = await buildApp(testConfig(), t.database);
    try {
      // A different name each time, so the per-name throttle (throttle.test.ts) is not what answers.
      const attempt = (i: number) => app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "10.9.8.7", payload: { username: `nobody${i}`, password: "x" } });
      for (let i = 0; i < 30; i++) expect((await attempt(i)).statusCode).toBe(401);
      const limited = await attempt(30);
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ code: "RATE_LIMITED" });
      const elsewhere = await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "10.9.8.8", payload: { username: "nobody", password: "x" } });
      expect(elsewhere.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it("logs out: the session no longer works", async () => {
    const client = await loginAs(t.app, "subsidy");
    expect((await client.get("/auth/me")).status).toBe(200);
    expect((await client.post("/auth/logout")).status).toBe(204);
    expect((await client.get("/auth/me")).body.code).toBe("NOT_AUTHENTICATED");
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated write without the token, with a wrong token, and changes nothing", async () => {
    const admin = await loginAs(t.app, "admin");
    const before = await t.database.db.select({ n: sql<bigint>`count(*)` }).from(appUser);
    const body = { username: "csrf.victim", displayName: "无", regionCode: "329901101", roles: ["cashier"], password: "Abcdefgh123" };
    for (const token of ["", "forged-token-value-000000000"]) {
      const res = await admin.request("POST", "/users", body, { "x-csrf-token": token });
      expect(res).toMatchObject({ status: 403, body: { code: "CSRF_INVALID" } });
    }
    expect(await t.database.db.select({ n: sql<bigint>`count(*)` }).from(appUser)).toEqual(before);
  });
});

describe("password change and reset", () => {
  it("checks the current password and the policy, then only the new password works", async () => {
    const client = await loginAs(t.app, "unitclerk");
    const other = await loginAs(t.app, "unitclerk");
    expect((await client.post("/auth/password", { currentPassword: "wrong-pass-123", newPassword: "Fresh#Ledger2027" })).body.code).toBe("INVALID_CREDENTIALS");
    expect((await client.post("/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "short1" })).body).toMatchObject({ code: "VALIDATION_FAILED", errors: [{ path: "newPassword" }] });
    expect((await client.post("/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "Fresh#Ledger2027" })).status).toBe(204);
    expect((await client.get("/auth/me")).status).toBe(200);
    expect((await other.get("/auth/me")).status).toBe(401);
    expect((await anonymous(t.app).post("/auth/login", { username: "unitclerk", password: DEMO_PASSWORD })).status).toBe(401);
    await loginAs(t.app, "unitclerk", "Fresh#Ledger2027");
  });

  it("makes a reset user change the password before anything else", async () => {
    const admin = await loginAs(t.app, "admin");
    const id = (await userRow("congress")).id;
    expect((await admin.post(`/users/${id}/reset-password`, { newPassword: "Temporary2026x" })).status).toBe(204);
    const client = await loginAs(t.app, "congress", "Temporary2026x");
    expect((await client.get("/auth/me")).body.user.mustChangePassword).toBe(true);
    expect((await client.get("/org/regions")).body.code).toBe("PASSWORD_CHANGE_REQUIRED");
    expect((await client.post("/auth/password", { currentPassword: "Temporary2026x", newPassword: "Renda2026okay" })).status).toBe(204);
    expect((await client.get("/org/regions")).status).toBe(200);
  });
});

describe("TOTP second factor", () => {
  async function enrol(client: ApiClient, at: number) {
    const setup = await client.post("/auth/totp/setup");
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(base32Decode(setup.body.secret).length).toBe(20);
    expect((await client.post("/auth/totp/enable", { code: "000000" === totpCode(setup.body.secret, at) ? "111111" : "000000" })).body.code).toBe("TOTP_INVALID");
    expect((await client.post("/auth/totp/enable", { code: totpCode(setup.body.secret, at) })).status).toBe(204);
    return setup.body.secret as string;
  }

  it("enrols, then asks for a code at login, refuses a wrong or replayed code", async () => {
    const client = await loginAs(t.app, "budget2");
    const secret = await enrol(client, t.app.clock.now().getTime());
    const first = await anonymous(t.app).post("/auth/login", { username: "budget2", password: DEMO_PASSWORD });
    expect(first.body).toMatchObject({ status: "totp_required" });
    expect(first.headers["set-cookie"]).toBeUndefined();
    const bad = await anonymous(t.app).post("/auth/login/totp", { challengeId: first.body.challengeId, code: "12345" });
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    // The enrolment used the current step, so the same code is a replay even on a new challenge.
    const replay = await anonymous(t.app).post("/auth/login/totp", { challengeId: first.body.challengeId, code: totpCode(secret, t.app.clock.now().getTime()) });
    expect(replay.body.code).toBe("TOTP_INVALID");
    const next = totpCode(secret, t.app.clock.now().getTime() + 30_000);
    const session = anonymous(t.app);
    const second = await session.post("/auth/login", { username: "budget2", password: DEMO_PASSWORD });
    const ok = await session.post("/auth/login/totp", { challengeId: second.body.challengeId, code: next });
    expect(ok.body).toMatchObject({ status: "ok", user: { username: "budget2", totpEnabled: true } });
    session.csrfToken = ok.body.csrfToken;
    expect((await session.get("/auth/me")).status).toBe(200);
  });

  it("is required for directors when configured: nothing but enrolment until done, and cannot be switched off", async () => {
    await putSetting(t.database.db, DEMO_DISTRICT, TOTP_REQUIRED_ROLES_KEY, ["townshipDirector"], null, TEST_NOW);
    try {
      const client = await loginAs(t.app, "director2");
      expect((await client.get("/auth/me")).body.user.totpEnrollRequired).toBe(true);
      expect((await client.get("/flow/todo")).body.code).toBe("TOTP_ENROLL_REQUIRED");
      const secret = await enrol(client, t.app.clock.now().getTime());
      expect((await client.get("/flow/todo")).status).toBe(200);
      const off = await client.post("/auth/totp/disable", { code: totpCode(secret, t.app.clock.now().getTime() + 30_000) });
      expect(off.body.code).toBe("FORBIDDEN");
    } finally {
      await putSetting(t.database.db, DEMO_DISTRICT, TOTP_REQUIRED_ROLES_KEY, [], null, TEST_NOW);
    }
  });
});

describe("user management", () => {
  const newUser = { username: "new.clerk", displayName: "新会计", regionCode: "329901101", roles: ["cashier"], password: "Welcome2026ab" };

  it("lets the district admin create a user who must change the password, and audits it without secrets", async () => {
    const admin = await loginAs(t.app, "admin");
    const res = await admin.post("/users", newUser);
    expect(res).toMatchObject({ status: 201, body: { username: "new.clerk", roles: ["cashier"], regionName: "青禾镇", status: "active" } });
    expect((await userRow("new.clerk")).mustChangePassword).toBe(true);
    const audit = await admin.get(`/audit?entityType=user&entityId=${res.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: "user.created", actorName: "周志刚" });
    expect(JSON.stringify(audit.body.items[0])).not.toMatch(/argon2|password/i);
  });

  it("refuses a duplicate username, an unknown role and a role at the wrong level", async () => {
    const admin = await loginAs(t.app, "admin");
    expect((await admin.post("/users", newUser)).body).toMatchObject({ status: 409, code: "DUPLICATE" });
    expect((await admin.post("/users", { ...newUser, username: "x.role", roles: ["king"] })).body.code).toBe("VALIDATION_FAILED");
    expect((await admin.post("/users", { ...newUser, username: "x.level", roles: ["villageReviewer"] })).body.code).toBe("FORBIDDEN");
    expect((await admin.post("/users", { ...newUser, username: "x.region", regionCode: "329901999" })).body.code).toBe("VALIDATION_FAILED");
  });

  it("lets a township director manage only township roles in the own township", async () => {
    const director = await loginAs(t.app, "director");
    expect((await director.post("/users", { ...newUser, username: "qh.cashier2" })).status).toBe(201);
    expect((await director.post("/users", { ...newUser, username: "qh.auditor", roles: ["auditor"] })).body.code).toBe("FORBIDDEN");
    expect((await director.post("/users", { ...newUser, username: "bt.cashier", regionCode: "329901102" })).body.code).toBe("OUT_OF_SCOPE");
    expect((await director.patch(`/users/${(await userRow("director")).id}`, { roles: ["cashier"] })).body.code).toBe("FORBIDDEN");
  });

  it("is refused to roles without the permission", async () => {
    const cashier = await loginAs(t.app, "budget");
    expect((await cashier.post("/users", { ...newUser, username: "y.user" })).body).toMatchObject({ status: 403, code: "FORBIDDEN" });
    expect((await cashier.get("/users")).body.code).toBe("FORBIDDEN");
  });
});
