// Live checking of 统一社会信用代码 in the registration form, with the rule from the shared
// package (the server applies the same one) and messages a clerk can act on.
import { checkCreditCode } from "@xiangcai/shared";

const reasons: Readonly<Record<string, string>> = {
  LENGTH: "统一社会信用代码应为 18 位",
  CHARSET: "只能包含数字和大写字母（不含 I、O、S、V、Z）",
  CHECKSUM: "校验位不正确，请核对是否有输错的字符",
};

/** A Chinese description of what is wrong with the code, or null when it is valid. */
export function creditCodeProblem(input: string): string | null {
  const result = checkCreditCode(input.trim());
  if (result.valid) return null;
  return reasons[result.reason] ?? "统一社会信用代码无效";
}

/** The code as stored: trimmed and in upper case (the check accepts lower case). */
export function normalizeCreditCode(input: string): string {
  return input.trim().replace(/[a-z]/g, (letter) => letter.toUpperCase());
}
