// Proves the settings page's readings and parsers: day lists, "key = days" lines, and value texts.
import { describe, expect, it } from "vitest";
import { describeJson, describeValue, integerMapLines, parseDayLines, parseIntegerMapLines } from "./settingValue.ts";

describe("parseDayLines", () => {
  it("takes days separated by new lines, spaces or commas, sorted and unique", () => {
    expect(parseDayLines("2026-10-02\n2026-10-01, 2026-10-01 ，2026-10-03")).toEqual(["2026-10-01", "2026-10-02", "2026-10-03"]);
    expect(parseDayLines("  \n ")).toEqual([]);
  });
});

describe("parseIntegerMapLines", () => {
  it("reads key = days lines, in either colon or equals form", () => {
    expect(parseIntegerMapLines("a.b = 3\n\nc.d：10")).toEqual({ "a.b": 3, "c.d": 10 });
    expect(integerMapLines({ "a.b": 3 })).toBe("a.b = 3");
  });

  it("names the first line it cannot read", () => {
    expect(parseIntegerMapLines("a.b = 3\nnonsense")).toBe("第 2 行应写成“流程.环节 = 天数”");
    expect(parseIntegerMapLines("a.b = -1")).toMatch(/第 1 行/);
  });
});

describe("describeValue", () => {
  const name = (c: string) => ({ townshipDirector: "财政所所长" })[c] ?? c;
  it("reads each kind in Chinese", () => {
    expect(describeValue("roleList", ["townshipDirector"], name)).toBe("财政所所长");
    expect(describeValue("roleList", [], name)).toBe("（无）");
    expect(describeValue("calendar", { holidays: ["2026-10-01"], extraWorkdays: [] }, name)).toBe("节假日 1 天，调休上班 0 天");
    expect(describeValue("integerMap", {}, name)).toBe("（均用默认时限）");
    expect(describeValue("integer", 7, name)).toBe("7");
  });
});

describe("describeJson", () => {
  it("reads the settings' JSON values without braces or quotes, known words in Chinese", () => {
    expect(describeValue("json", { yellow: "120", orange: "200", red: "300" }, (c) => c)).toBe("黄线 120；橙线 200；红线 300");
    expect(describeJson("8")).toBe("8");
    expect(describeJson("quarter")).toBe("按季度");
    expect(describeJson({ 差: { maxChangePercent: -20, enforced: true, advice: "压减" } })).toBe("差 （最大增减（%） -20，强制 是，建议 压减）");
    expect(describeJson({ 优: { maxChangePercent: null } })).toBe("优 （最大增减（%） 不限）");
  });
  it("says 无 for an empty list or object and keeps unknown keys as they are", () => {
    expect(describeJson([])).toBe("（无）");
    expect(describeJson({})).toBe("（无）");
    expect(describeJson({ psbc: ["a", "b"] })).toBe("psbc a、b");
  });
});

