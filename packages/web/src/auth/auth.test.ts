// Proves that required steps (password change, TOTP enrolment) come before everything
// else, that the return path after login stays on this site, and that login errors read
// as clear Chinese sentences.
import { describe, expect, it } from "vitest";
import { ApiError } from "../lib/problem.ts";
import { afterLoginPath, requiredStepPath } from "./gate.ts";
import { loginErrorMessage } from "./loginErrors.ts";

const free = { mustChangePassword: false, totpEnrollRequired: false };

describe("requiredStepPath", () => {
  it("asks for the password change before TOTP enrolment", () => {
    expect(requiredStepPath({ mustChangePassword: true, totpEnrollRequired: true })).toBe("/account/password");
    expect(requiredStepPath({ mustChangePassword: false, totpEnrollRequired: true })).toBe("/account/totp");
    expect(requiredStepPath(free)).toBeNull();
  });
});

describe("afterLoginPath", () => {
  it("goes to a required step whatever was asked for", () => {
    expect(afterLoginPath({ mustChangePassword: true, totpEnrollRequired: false }, "/users")).toBe("/account/password");
  });

  it("returns to the page first asked for", () => {
    expect(afterLoginPath(free, "/audit?page=2")).toBe("/audit?page=2");
  });

  it("refuses other sites and the login page itself", () => {
    expect(afterLoginPath(free, "//evil.example/x")).toBe("/");
    expect(afterLoginPath(free, "https://evil.example")).toBe("/");
    expect(afterLoginPath(free, "/login")).toBe("/");
    expect(afterLoginPath(free, null)).toBe("/");
  });
});

describe("loginErrorMessage", () => {
  it("explains each login failure in Chinese", () => {
    expect(loginErrorMessage(new ApiError(401, "INVALID_CREDENTIALS", "x"))).toMatch(/用户名或密码错误/);
    expect(loginErrorMessage(new ApiError(429, "LOGIN_THROTTLED", "登录失败次数较多，请 8 秒后再试。"))).toMatch(/^登录失败次数较多，请 8 秒后再试。.*管理员/);
    expect(loginErrorMessage(new ApiError(403, "ACCOUNT_DISABLED", "x"))).toMatch(/停用/);
    expect(loginErrorMessage(new ApiError(401, "TOTP_INVALID", "x"))).toMatch(/动态验证码错误/);
  });

  it("shows the server's detail for other codes", () => {
    expect(loginErrorMessage(new ApiError(500, "INTERNAL", "服务器出错了"))).toBe("服务器出错了");
    expect(loginErrorMessage(new Error("boom"))).toMatch(/未知错误/);
  });
});
