// Proves the settings page's readings and parsers: day lists, value texts by kind and form, and the
// fields and table forms read back into the value the server checks.
import type { SettingField } from "@xiangcai/shared";
import { describe, expect, it } from "vitest";
import { describeValue, FieldProblem, formFieldsOf, parseDayLines, valueOfFormFields } from "./settingValue.ts";

describe("parseDayLines", () => {
  it("takes days separated by new lines, spaces or commas, sorted and unique", () => {
    expect(parseDayLines("2026-10-02\n2026-10-01, 2026-10-01 ，2026-10-03")).toEqual(["2026-10-01", "2026-10-02", "2026-10-03"]);
    expect(parseDayLines("  \n ")).toEqual([]);
  });
});

const name = (c: string) => ({ townshipDirector: "财政所所长" })[c] ?? c;
const thresholds = { kind: "fields" as const, form: { fields: [{ key: "yellow", label: "黄线", type: "decimal", unit: "%" }, { key: "red", label: "红线", type: "decimal", unit: "%" }] satisfies SettingField[] } };
const rules = {
  kind: "table" as const,
  form: {
    rows: [{ key: "优", label: "优" }, { key: "差", label: "差" }],
    fields: [
      { key: "maxChangePercent", label: "最大增减", type: "integer", unit: "%", nullLabel: "不限" },
      { key: "enforced", label: "强制", type: "boolean" },
      { key: "advice", label: "提示语", type: "text" },
    ] satisfies SettingField[],
  },
};
const rulesValue = { 优: { maxChangePercent: null, enforced: false, advice: "可增加" }, 差: { maxChangePercent: -20, enforced: true, advice: "压减" } };

describe("describeValue", () => {
  it("reads each kind in Chinese, with the form's labels and units, never as JSON", () => {
    expect(describeValue({ kind: "roleList", form: {} }, ["townshipDirector"], name)).toBe("财政所所长");
    expect(describeValue({ kind: "roleList", form: {} }, [], name)).toBe("（无）");
    expect(describeValue({ kind: "calendar", form: {} }, { holidays: ["2026-10-01"], extraWorkdays: [] }, name)).toBe("节假日 1 天，调休上班 0 天");
    expect(describeValue({ kind: "integer", form: {} }, 7, name)).toBe("7");
    expect(describeValue({ kind: "decimal", form: { unit: "元" } }, "50000.00", name)).toBe("50,000.00 元");
    expect(describeValue({ kind: "choice", form: { options: [{ value: "quarter", label: "按季度" }] } }, "quarter", name)).toBe("按季度");
    expect(describeValue(thresholds, { yellow: "120", red: "300" }, name)).toBe("黄线 120%；红线 300%");
    expect(describeValue(rules, rulesValue, name)).toBe("优：最大增减 不限，强制 否，提示语 可增加；差：最大增减 -20%，强制 是，提示语 压减");
  });
  it("names the set entries of a map by their rows' labels, and says so when all keep their default", () => {
    const deadlines = { kind: "integerMap" as const, form: { unit: "个工作日", rows: [{ key: "budgetUnitRegistration.submitted", label: "预算单位登记 · 待审批", fallback: 3 }] } };
    expect(describeValue(deadlines, {}, name)).toBe("（均用默认值）");
    expect(describeValue(deadlines, { "budgetUnitRegistration.submitted": 5 }, name)).toBe("预算单位登记 · 待审批：5 个工作日");
  });
  it("lists bank layouts by name and format", () => {
    const layout = { code: "RCB", name: "农商行", format: "xlsx", columns: [{ header: "户名", field: "name" }], result: { referenceNo: "", outcome: "", reason: "", paidOn: "", paidValues: [] } };
    expect(describeValue({ kind: "bankLayouts", form: {} }, [layout], name)).toBe("农商行（Excel，1 列）");
    expect(describeValue({ kind: "bankLayouts", form: {} }, [], name)).toBe("（无）");
  });
});

describe("fields and table forms", () => {
  it("read back the value they were filled from", () => {
    expect(valueOfFormFields(thresholds, formFieldsOf(thresholds, { yellow: "120", red: "300.5" }))).toEqual({ yellow: "120", red: "300.5" });
    expect(valueOfFormFields(rules, formFieldsOf(rules, rulesValue))).toEqual(rulesValue);
  });
  it("take an empty nullable field as null and trim numbers and words", () => {
    const fields = { ...formFieldsOf(rules, rulesValue), "差:maxChangePercent": " -30 ", "优:advice": " 增加 " };
    expect(valueOfFormFields(rules, fields)).toEqual({ 优: { maxChangePercent: null, enforced: false, advice: "增加" }, 差: { maxChangePercent: -30, enforced: true, advice: "压减" } });
  });
  it("name the field that cannot be read, and why", () => {
    const problem = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FieldProblem ? [e.field, e.message] : e;
      }
      return null;
    };
    expect(problem(() => valueOfFormFields(thresholds, { "f:yellow": "12o", "f:red": "300" }))).toEqual(["f:yellow", "黄线须为数字"]);
    expect(problem(() => valueOfFormFields(thresholds, { "f:yellow": "", "f:red": "300" }))).toEqual(["f:yellow", "请填写黄线"]);
    expect(problem(() => valueOfFormFields(rules, { ...formFieldsOf(rules, rulesValue), "差:maxChangePercent": "-20.5" }))).toEqual(["差:maxChangePercent", "差的最大增减须为整数"]);
    expect(problem(() => valueOfFormFields(rules, { ...formFieldsOf(rules, rulesValue), "优:advice": "  " }))).toEqual(["优:advice", "请填写优的提示语"]);
  });
});
