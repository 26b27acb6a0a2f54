// Proves the audit log's export (audit/xlsx.ts): the list's entries of the filters and the user's
// scope, every one of them, actions named in Chinese with their codes, each entry's hash; a before or
// after too long for a cell is cut to what a cell holds and says so; a bad filter is refused.
import { describe, expect, it } from "vitest";
import { allItems, demoUsers, exportedSheet } from "../../test/exports.ts";
import { CELL_CHARS_MAX } from "../platform/sheetReader.ts";
import { AUDIT_EXPORT_HEADER, jsonCell } from "./xlsx.ts";

const users = demoUsers("director");

const column = (name: (typeof AUDIT_EXPORT_HEADER)[number]) => AUDIT_EXPORT_HEADER.indexOf(name);

describe("the audit log's export", () => {
  it("holds every entry of the list of the township, named in Chinese, each with its hash", async () => {
    const listed = await allItems<{ seq: string; regionCode: string; action: string; hash: string }>(users.director, "/audit?action=payment.entered");
    expect(listed.length).toBeGreaterThan(5);
    const { header, rows, disposition } = await exportedSheet(users.director, "/audit/export?action=payment.entered");
    expect(disposition).toContain(encodeURIComponent("审计日志.xlsx"));
    expect(header).toEqual([...AUDIT_EXPORT_HEADER]);
    expect(rows.map((r) => r[column("哈希")]).sort()).toEqual(listed.map((e) => e.hash).sort());
    expect(new Set(rows.map((r) => r[column("乡镇")]))).toEqual(new Set(["青禾镇"]));
    expect(new Set(rows.map((r) => r[column("操作代码")]))).toEqual(new Set(["payment.entered"]));
    expect(rows.every((r) => /[\u4e00-\u9fff]/.test(String(r[column("操作")])) && /^[0-9a-f]{64}$/.test(String(r[column("哈希")])))).toBe(true);
    expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(r[column("时间")])))).toBe(true);
  });

  it("refuses a bad filter, and gives nothing outside the township", async () => {
    const bad = await users.director.get("/audit/export?from=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect((await exportedSheet(users.director, "/audit/export?regionCode=329901102")).rows).toEqual([]);
  });

  it("cuts a before or after too long for a cell, and says so", () => {
    expect(jsonCell(null)).toBe("");
    const fits = { text: "x".repeat(CELL_CHARS_MAX - 11) };
    expect(JSON.stringify(fits)).toHaveLength(CELL_CHARS_MAX);
    expect(jsonCell(fits)).toBe(JSON.stringify(fits));
    const over = jsonCell({ text: "x".repeat(CELL_CHARS_MAX - 10) });
    expect(over.length).toBeLessThanOrEqual(CELL_CHARS_MAX);
    expect(over.endsWith("…（已截断）")).toBe(true);
  });
});
