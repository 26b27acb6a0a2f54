// A user's own resident ID in the account form (fund supervision matches payees and subsidy
// recipients against it): live checking with the shared rule (the server applies the same one), and
// what an edit sends — a new number, null to remove the recorded one, or nothing to leave it.
import { checkResidentId } from "@xiangcai/shared";

const reasons: Readonly<Record<string, string>> = {
  LENGTH: "身份证号应为 18 位",
  CHARSET: "前 17 位应为数字，最后一位为数字或 X",
  BIRTH_DATE: "出生日期不正确",
  CHECKSUM: "校验位不正确，请核对是否有输错的数字",
};

/** A Chinese description of what is wrong with the number, or null when it is valid (or left empty). */
export function residentIdProblem(input: string | undefined, today: Date = new Date()): string | null {
  const typed = input?.trim() ?? "";
  if (typed === "") return null;
  const result = checkResidentId(typed, today);
  return result.valid ? null : (reasons[result.reason] ?? "身份证号无效");
}

/** What an edit sends about the resident ID: a typed number wins, else null when asked to clear, else nothing. */
export function residentIdChange(values: { residentId?: string | undefined; clearResidentId?: boolean | undefined }): { residentId?: string | null } {
  const typed = values.residentId?.trim() ?? "";
  if (typed !== "") return { residentId: typed };
  return values.clearResidentId ? { residentId: null } : {};
}
