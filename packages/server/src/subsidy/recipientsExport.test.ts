// Proves the recipients' Excel export (补贴对象名册, subsidy/recipientsXlsx.ts): every recipient of the
// list's filters and the user's scope — a township's own, a village reviewer's own village, the
// district's all — in the list's order, and no cell holding a whole ID or card number: each
// sealed number, opened here, appears nowhere in the file, whose number columns hold only the masked
// forms the page shows; a bad filter or paging refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { allItems, expectRefused, exportedSheet } from "../../test/exports.ts";
import { loginAs, startTestApp, type ApiClient, type TestApp } from "../../test/http.ts";
import { TEST_DATA_KEYS } from "../../test/keys.ts";
import { decryptPersonal } from "../platform/crypto.ts";
import { subsidyRecipient } from "./tables.ts";
import { RECIPIENT_EXPORT_HEADER } from "./recipientsXlsx.ts";

let t: TestApp;
const users = {} as Record<"subsidy" | "village" | "supervisor", ApiClient>;
beforeAll(async () => {
  t = await startTestApp("demo");
  for (const name of ["subsidy", "village", "supervisor"] as const) users[name] = await loginAs(t.app, name);
});
afterAll(async () => t?.close());
const col = (name: (typeof RECIPIENT_EXPORT_HEADER)[number]) => RECIPIENT_EXPORT_HEADER.indexOf(name);
interface Listed { name: string; villageName: string; residentIdMasked: string; cardMasked: string; alive: boolean }

describe("the recipients' export (补贴对象名册)", () => {
  it("holds every recipient of the township's list in its order, ID and card numbers only masked", async () => {
    const listed = await allItems<Listed>(users.subsidy, "/subsidy/recipients");
    expect(listed.length).toBeGreaterThan(10);
    const { header, rows, disposition } = await exportedSheet(users.subsidy, "/subsidy/recipients/export");
    expect(disposition).toContain(encodeURIComponent("补贴对象名册.xlsx"));
    expect(header).toEqual([...RECIPIENT_EXPORT_HEADER]);
    expect(rows.map((r) => `${String(r[col("村（居）")])} ${String(r[col("姓名")])}`)).toEqual(listed.map((p) => `${p.villageName} ${p.name}`));
    expect(new Set(rows.map((r) => r[col("乡镇")]))).toEqual(new Set(["青禾镇"]));
    expect(rows.map((r) => r[col("身份证号")])).toEqual(listed.map((p) => p.residentIdMasked));
    expect(rows.filter((r) => r[col("健在")] === "已死亡")).toHaveLength(listed.filter((p) => !p.alive).length);
    const sealed = (await t.database.db.select().from(subsidyRecipient).where(eq(subsidyRecipient.regionCode, "329901101")))
      .flatMap((r) => [decryptPersonal(TEST_DATA_KEYS, r.residentIdSealed), ...(r.cardSealed ? [decryptPersonal(TEST_DATA_KEYS, r.cardSealed)] : [])])
      .filter((n) => n.length >= 8);
    expect(sealed.length).toBeGreaterThan(10);
    const text = rows.flat().map((c) => String(c)).join("\n");
    for (const n of sealed) expect(text.includes(n), `a whole number ${n.slice(0, 6)}… is in the file`).toBe(false);
    expect(text).not.toMatch(/[0-9]{15}/);
  });

  it("gives a village reviewer its own village, the district every township, and applies the filters", async () => {
    const village = await exportedSheet(users.village, "/subsidy/recipients/export");
    expect(village.rows.length).toBeGreaterThan(0);
    expect(new Set(village.rows.map((r) => r[col("村（居）")])).size).toBe(1);
    const all = await exportedSheet(users.supervisor, "/subsidy/recipients/export");
    expect(all.rows).toHaveLength((await allItems<Listed>(users.supervisor, "/subsidy/recipients")).length);
    expect(all.rows.some((r) => r[col("乡镇")] === "青禾镇")).toBe(true);
    const dead = await exportedSheet(users.subsidy, "/subsidy/recipients/export?alive=false");
    expect(dead.rows.length).toBeGreaterThan(0);
    expect(new Set(dead.rows.map((r) => r[col("健在")]))).toEqual(new Set(["已死亡"]));
    const name = String(all.rows.find((r) => r[col("乡镇")] === "青禾镇")![col("姓名")]);
    const searched = await exportedSheet(users.subsidy, `/subsidy/recipients/export?q=${encodeURIComponent(name)}`);
    expect(searched.rows.map((r) => r[col("姓名")])).toEqual((await allItems<Listed>(users.subsidy, `/subsidy/recipients?q=${encodeURIComponent(name)}`)).map((p) => p.name));
    expect((await exportedSheet(users.subsidy, "/subsidy/recipients/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("refuses a bad filter and paging parameters", async () => {
    await expectRefused(users.subsidy, ["/subsidy/recipients/export?alive=maybe", "/subsidy/recipients/export?villageCode=12", "/subsidy/recipients/export?page=1"]);
  });
});

