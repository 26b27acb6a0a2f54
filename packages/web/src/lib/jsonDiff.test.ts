// Proves that the audit diff reports exactly the fields that were added, removed or
// changed, ignoring key order.
import { describe, expect, it } from "vitest";
import { canonicalJson, diffJson, displayValue } from "./jsonDiff.ts";

describe("diffJson", () => {
  it("reports changed, added and removed fields, and hides unchanged ones", () => {
    const rows = diffJson(
      { name: "张三", status: "active", roles: ["cashier"], phone: "1" },
      { name: "张三", status: "disabled", roles: ["cashier", "archivist"], email: "a@b" },
    );
    expect(rows).toEqual([
      { path: "email", kind: "added", before: undefined, after: "a@b" },
      { path: "phone", kind: "removed", before: "1", after: undefined },
      { path: "roles", kind: "changed", before: ["cashier"], after: ["cashier", "archivist"] },
      { path: "status", kind: "changed", before: "active", after: "disabled" },
    ]);
  });

  it("walks nested objects with dotted paths", () => {
    expect(diffJson({ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } })).toEqual([
      { path: "a.c", kind: "changed", before: 2, after: 3 },
    ]);
  });

  it("treats a created record as all fields added", () => {
    expect(diffJson(null, { name: "x" })).toEqual([{ path: "name", kind: "added", before: undefined, after: "x" }]);
  });

  it("does not count key order as a change", () => {
    expect(diffJson({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toEqual([]);
  });

  it("can list unchanged fields too", () => {
    expect(diffJson({ a: 1 }, { a: 1 }, true)).toEqual([{ path: "a", kind: "unchanged", before: 1, after: 1 }]);
  });

  it("compares snapshots that are not objects as one value", () => {
    expect(diffJson("a", "b")).toEqual([{ path: "", kind: "changed", before: "a", after: "b" }]);
  });
});

describe("canonicalJson and displayValue", () => {
  it("sorts keys", () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 1, c: 2 }] })).toBe('{"a":[1,{"c":2,"d":1}],"b":1}');
  });

  it("shows strings bare and the rest as JSON", () => {
    expect(displayValue("张三")).toBe("张三");
    expect(displayValue(12)).toBe("12");
    expect(displayValue(null)).toBe("null");
    expect(displayValue(undefined)).toBe("");
  });
});
