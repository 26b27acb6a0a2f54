// Messages for the login page: the codes a clerk meets when signing in, each with a
// sentence saying what happened and what to do.
import { ApiError } from "../lib/problem.ts";

const loginMessages: Readonly<Record<string, string>> = {
  INVALID_CREDENTIALS: "用户名或密码错误，请重新输入。多次失败后须等待片刻才能再试。",
  ACCOUNT_DISABLED: "该账户已停用，请联系区财政局系统管理员。",
  TOTP_INVALID: "动态验证码错误或已过期，请查看身份验证器中的最新验证码后重新输入。",
  RATE_LIMITED: "尝试过于频繁，请稍后再试。",
  NETWORK_ERROR: "无法连接服务器，请检查网络后重试。",
};

export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    // The server says how many seconds to wait; its own sentence is the clearest.
    if (error.code === "LOGIN_THROTTLED") return `${error.detail}如忘记密码，请联系系统管理员重置。`;
    return loginMessages[error.code] ?? error.detail;
  }
  return "登录时发生未知错误，请稍后重试。";
}
