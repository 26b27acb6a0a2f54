// Proves the users' export (用户及角色清单, identity/xlsx.ts): every account of the list's filters and
// the caller's scope — a township director's own township only, the district administrator's every
// region — in the list's order, roles in Chinese, nothing secret; a bad filter or paging refused.
import { describe, expect, it } from "vitest";
import { allItems, demoUsers, expectRefused, exportedSheet } from "../../test/exports.ts";
import { USER_EXPORT_HEADER } from "./xlsx.ts";

const users = demoUsers("director", "admin");
const col = (name: (typeof USER_EXPORT_HEADER)[number]) => USER_EXPORT_HEADER.indexOf(name);
interface Listed { username: string; regionCode: string; roles: string[]; status: string }

describe("the users' export (用户及角色清单)", () => {
  it("holds every account of the township's list in its order, roles named in Chinese", async () => {
    const listed = await allItems<Listed>(users.director, "/users");
    expect(listed.length).toBeGreaterThan(3);
    const { header, rows, disposition } = await exportedSheet(users.director, "/users/export");
    expect(disposition).toContain(encodeURIComponent("用户及角色清单.xlsx"));
    expect(header).toEqual([...USER_EXPORT_HEADER]);
    expect(rows.map((r) => r[col("用户名")])).toEqual(listed.map((u) => u.username));
    expect(rows.every((r) => String(r[col("区划代码")]).startsWith("329901101"))).toBe(true);
    const cashier = rows.find((r) => r[col("用户名")] === "cashier")!;
    expect(cashier[col("角色")]).toBe("出纳");
    expect(rows.every((r) => ["正常", "已停用"].includes(String(r[col("状态")])))).toBe(true);
    expect(rows.every((r) => ["已启用", "未启用"].includes(String(r[col("双因素认证")])) && ["是", "否"].includes(String(r[col("已锁定")])))).toBe(true);
    expect(rows.every((r) => r[col("最近登录")] === "从未登录" || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(String(r[col("最近登录")])))).toBe(true);
    expect(rows.find((r) => r[col("用户名")] === "director")![col("最近登录")]).not.toBe("从未登录");
    expect(rows.flat().some((c) => /\$argon2|\$scrypt|^[0-9a-f]{64}$/.test(String(c)))).toBe(false);
  });

  it("gives the district every region's accounts and applies the list's filters", async () => {
    const all = await allItems<Listed>(users.admin, "/users");
    const exported = await exportedSheet(users.admin, "/users/export");
    expect(exported.rows).toHaveLength(all.length);
    expect(new Set(exported.rows.map((r) => String(r[col("区划代码")]).slice(0, 9))).size).toBeGreaterThan(2);
    const cashiers = await exportedSheet(users.admin, "/users/export?role=cashier");
    expect(cashiers.rows.length).toBeGreaterThan(0);
    expect(cashiers.rows.every((r) => String(r[col("角色")]).split("、").includes("出纳"))).toBe(true);
    expect(cashiers.rows.map((r) => r[col("用户名")])).toEqual((await allItems<Listed>(users.admin, "/users?role=cashier")).map((u) => u.username));
    const searched = await exportedSheet(users.admin, `/users/export?q=${encodeURIComponent("budget")}`);
    expect(searched.rows.map((r) => r[col("用户名")])).toEqual((await allItems<Listed>(users.admin, "/users?q=budget")).map((u) => u.username));
    expect((await exportedSheet(users.director, "/users/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("refuses a bad filter and paging parameters", async () => {
    await expectRefused(users.director, ["/users/export?regionCode=12", "/users/export?page=1"]);
  });
});
