// Date independence for the foundation's own writes (docs/security.md, promise 14): a user's,
// region's or setting's change is stamped — its updatedAt and its audit entry — with the app's clock,
// never the machine's. The app here stands at a fixed instant months away from the machine's date
// and from the demo's; every stamp must be that instant.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../test/http.ts";
import { fixedClock } from "./platform/clock.ts";
import { region } from "./platform/regionTable.ts";
import { setting } from "./platform/settingsTable.ts";
import { appUser } from "./identity/index.ts";

const AT = new Date("2027-03-15T02:30:00Z");
const NEW_PASSWORD = "Tidy@2027clock";
let t: TestApp;
let admin: ApiClient;
let director: ApiClient;
beforeAll(async () => {
  t = await startTestApp("demo", { clock: fixedClock(AT) });
  admin = await loginAs(t.app, "admin");
  director = await loginAs(t.app, "director");
});
afterAll(async () => t?.close());

async function userNamed(username: string) {
  const [user] = await t.database.db.select().from(appUser).where(eq(appUser.username, username));
  if (!user) throw new Error(`no user ${username}`);
  return user;
}
async function auditTimes(client: ApiClient, query: string): Promise<string[]> {
  const res = await client.get(`/audit?${query}`);
  expect(res.status).toBe(200);
  return res.body.items.map((i: { at: string }) => i.at);
}

describe("the foundation's writes take the app's clock", () => {
  it("stamps a user's change, resident ID, password reset and own password change with the app's time", async () => {
    const cashier = await userNamed("cashier");
    expect(cashier.updatedAt.getTime()).not.toBe(AT.getTime());
    const changed = await director.patch(`/users/${cashier.id}`, { displayName: "钱出纳", residentId: "329901198203121238" });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await userNamed("cashier")).updatedAt.toISOString()).toBe(AT.toISOString());
    for (const action of ["user.updated", "user.residentIdRecorded"]) expect((await auditTimes(director, `entityType=user&entityId=${cashier.id}&action=${action}`))[0], action).toBe(AT.toISOString());

    const archivist = await userNamed("archivist");
    expect((await director.post(`/users/${archivist.id}/reset-password`, { newPassword: "Reset@2027clock" })).status).toBe(204);
    expect((await userNamed("archivist")).updatedAt.toISOString()).toBe(AT.toISOString());
    await t.database.db.update(appUser).set({ updatedAt: new Date(0) }).where(eq(appUser.id, archivist.id));
    const own = await loginAs(t.app, "archivist", "Reset@2027clock");
    expect((await own.post("/auth/password", { currentPassword: "Reset@2027clock", newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await userNamed("archivist")).updatedAt.toISOString()).toBe(AT.toISOString());
    for (const action of ["user.passwordReset", "user.passwordChanged"]) expect(await auditTimes(director, `entityType=user&entityId=${archivist.id}&action=${action}`), action).toEqual([AT.toISOString()]);
  });

  it("stamps a region's change with the app's time", async () => {
    expect((await admin.patch("/org/regions/329901101", { population: 43_210 })).status).toBe(200);
    const [row] = await t.database.db.select().from(region).where(eq(region.regionCode, "329901101"));
    expect(row!.updatedAt.toISOString()).toBe(AT.toISOString());
    expect(await auditTimes(admin, "entityType=region&entityId=329901101&action=region.updated")).toEqual([AT.toISOString()]);
  });

  it("stamps a setting's value, on first write and on change, and its reset, with the app's time", async () => {
    const key = "flow.deadlines";
    for (const days of [4, 6]) {
      expect((await admin.put(`/settings/${key}`, { regionCode: "329901000", value: { "budgetUnitRegistration.submitted": days } })).status).toBe(200);
      const [row] = await t.database.db.select().from(setting).where(eq(setting.key, key));
      expect(row!.updatedAt.toISOString()).toBe(AT.toISOString());
    }
    expect((await admin.request("DELETE", `/settings/${key}?regionCode=329901000`)).status).toBe(200);
    expect(await auditTimes(admin, `entityType=setting&entityId=${key}`)).toEqual([AT.toISOString(), AT.toISOString(), AT.toISOString()]);
  });
});
