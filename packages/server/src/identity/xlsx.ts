// 用户及角色清单 as Excel, as internal control and the auditors ask for it: every account of the user
// list's filters and the administrator's scope (the list's own query, page by page, in one snapshot),
// its region, roles in Chinese, status, lock, two-factor sign-in and last sign-in in China time.
import type { Db } from "../platform/db.ts";
import { rowsForExport, workbookOf } from "../platform/sheets.ts";
import { chinaMinute } from "../platform/workingDays.ts";
import { isRoleCode, roles, type Actor } from "./roles.ts";
import { listUsers } from "./service.ts";

export const USER_EXPORT_HEADER = ["所属区划", "区划代码", "用户名", "姓名", "角色", "状态", "已锁定", "双因素认证", "最近登录"] as const;

type UserFilter = Parameters<typeof listUsers>[2];

const roleName = (code: string): string => (isRoleCode(code) ? roles[code].name : code);

/** The accounts of the list's filters, as the list orders them, as a workbook. */
export async function usersWorkbook(db: Db, actor: Actor, filter: UserFilter, now: Date): Promise<Buffer> {
  const users = await rowsForExport(db, (tx, page) => listUsers(tx, actor, filter, page, now));
  const rows = users.map((u) => [
    u.regionName, u.regionCode, u.username, u.displayName, u.roles.map(roleName).join("、"), u.status === "active" ? "正常" : "已停用", u.locked ? "是" : "否", u.totpEnabled ? "已启用" : "未启用",
    u.lastLoginAt ? chinaMinute(u.lastLoginAt) : "从未登录",
  ]);
  return workbookOf("用户及角色", USER_EXPORT_HEADER, rows, [14, 12, 16, 10, 40, 8, 8, 10, 17]);
}
