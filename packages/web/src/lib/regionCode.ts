// Checks a new region's code against the standard (through the shared package) and
// against the parent it is being added under.
import { checkRegionCode } from "@xiangcai/shared";

const levelNames = { district: "区县", township: "乡镇（街道）", village: "村（社区）" } as const;

/** A Chinese description of what is wrong with `code` as a child of `parentCode`, or null. */
export function childRegionCodeProblem(code: string, parentCode: string | null): string | null {
  const result = checkRegionCode(code);
  if (!result.valid) return result.message;
  if (parentCode === null) {
    return result.level === "district" ? null : `${levelNames[result.level]}须添加在其上级区划之下`;
  }
  if (result.parentCode !== parentCode) {
    return `该代码属于“${result.parentCode ?? "无上级"}”之下，与所选上级区划 ${parentCode} 不符`;
  }
  return null;
}

/** A hint for the code field: what a child of this parent looks like. */
export function childRegionCodeHint(parentCode: string | null): string {
  if (parentCode === null) return "区县代码为 9 位：6 位县级代码加 000";
  if (parentCode.length === 9 && parentCode.endsWith("000")) {
    return `乡镇（街道）代码为 9 位，以 ${parentCode.slice(0, 6)} 开头，后三位 001-599`;
  }
  return `村（社区）代码为 12 位，以 ${parentCode} 开头，后三位 001-599`;
}
