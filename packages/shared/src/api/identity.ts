import { z } from "zod";
import { pageQuery, regionCodeSchema, searchText } from "./common.ts";

export const loginBody = z.strictObject({
  username: z.string().trim().min(1, "请输入用户名").max(40),
  password: z.string().min(1, "请输入密码").max(128),
});
export const totpLoginBody = z.strictObject({
  challengeId: z.string().min(10).max(100),
  code: z.string().regex(/^[0-9]{6}$/, "请输入6位数字验证码"),
});
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});
export const totpCodeBody = z.strictObject({ code: z.string().regex(/^[0-9]{6}$/, "请输入6位数字验证码") });

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, "用户名为3-40位小写字母、数字、点、下划线或连字符");
export const displayNameSchema = z.string().trim().min(1, "请输入姓名").max(50);

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  regionCode: regionCodeSchema,
  roles: z.array(z.string().max(40)).min(1, "至少选择一个角色").max(12),
  password: z.string().min(1).max(128),
});
export const updateUserBody = z.strictObject({
  displayName: displayNameSchema.optional(),
  roles: z.array(z.string().max(40)).min(1).max(12).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  /** The user's own resident ID (sealed, shown masked); null removes it. */
  residentId: z.string().trim().max(20).nullable().optional(),
});
export const resetPasswordBody = z.strictObject({ newPassword: z.string().min(1).max(128) });
export const userListQuery = z.strictObject({
  ...pageQuery,
  regionCode: regionCodeSchema.optional(),
  role: z.string().max(40).optional(),
  q: searchText.optional(),
});
