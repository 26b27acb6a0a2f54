// Proves choiceSetting: the settings page offers the choices by their Chinese names in the order
// written, a stored or submitted value is one of the keys, and anything else is refused with the
// setting's own message (derived from the names unless given).
import { describe, expect, it } from "vitest";
import { choiceSetting, settingDefinition, settingForm } from "./settings.ts";

const two = choiceSetting<"off" | "on">({
  key: "test.choice.two",
  name: "两项",
  description: "测试",
  names: { off: "不检查", on: "须检查" },
  levels: ["district"],
  fallback: "off",
});
const three = choiceSetting<"a" | "b" | "c">({ key: "test.choice.three", name: "三项", description: "测试", names: { a: "甲", b: "乙", c: "丙" }, levels: ["district", "township"], fallback: "b" });
const own = choiceSetting<"x" | "y">({ key: "test.choice.own", name: "自定", description: "测试", names: { x: "X", y: "Y" }, refusal: "请选择 X 或 Y", levels: ["township"], fallback: "x" });

describe("choiceSetting", () => {
  it("declares a choice setting with the names as options, in order", () => {
    expect(settingDefinition("test.choice.three")).toBe(three);
    expect(three.kind).toBe("choice");
    expect(settingForm(three)).toEqual({ options: [{ value: "a", label: "甲" }, { value: "b", label: "乙" }, { value: "c", label: "丙" }] });
    expect(two).toMatchObject({ levels: ["district"], fallback: "off", name: "两项" });
  });

  it("accepts each key", () => {
    expect(two.parse("off")).toBe("off");
    expect(two.parse("on")).toBe("on");
    for (const key of ["a", "b", "c"]) expect(three.parse(key)).toBe(key);
  });

  it("refuses a label, a wrong case, an inherited property, a non-string and nothing, with its message", () => {
    for (const raw of ["不检查", "OFF", "", "toString", "__proto__", 1, null, undefined, ["off"], { off: true }]) {
      expect(() => two.parse(raw)).toThrow(/^须为不检查或须检查$/);
    }
    expect(() => three.parse("d")).toThrow(/^须为甲、乙、丙之一$/);
    expect(() => own.parse("z")).toThrow(/^请选择 X 或 Y$/);
  });
});
