// Proves the fetch wrapper's contract with the server: cookies and CSRF header, JSON in
// and out, problem+json errors as ApiError, and the redirect to login on a lost session.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, authApi, flowApi, request, setAuthEvents, setCsrfToken, userApi } from "./api.ts";

type Call = { url: string; init: RequestInit };

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": type } });
}

function problem(status: number, code: string, detail = "说明"): Response {
  return json(status, { type: "about:blank", title: code, status, code, detail }, "application/problem+json");
}

let calls: Call[];
let answers: Response[];
const onUnauthenticated = vi.fn();
const onStepRequired = vi.fn();

beforeEach(() => {
  calls = [];
  answers = [];
  onUnauthenticated.mockReset();
  onStepRequired.mockReset();
  setCsrfToken(null);
  setAuthEvents({ onUnauthenticated, onStepRequired });
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request ${url}`);
    return answer;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function header(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name];
}

describe("request", () => {
  it("sends same-origin credentials and no CSRF header on GET", async () => {
    setCsrfToken("t1");
    answers.push(json(200, { items: [], total: 0, page: 1, pageSize: 20 }));
    await flowApi.todo({ page: 1, pageSize: 20 });
    expect(calls[0]?.url).toBe("/api/v1/flow/todo?page=1&pageSize=20");
    expect(calls[0]?.init.credentials).toBe("same-origin");
    expect(header(calls[0], "X-CSRF-Token")).toBeUndefined();
  });

  it("sends the CSRF token from the latest login on POST with a JSON body", async () => {
    answers.push(json(200, { status: "ok", user: { id: "u1" }, csrfToken: "fresh" }));
    answers.push(new Response(null, { status: 204 }));
    await authApi.login("clerk", "secret123456");
    await userApi.unlock("a/b");
    expect(calls[1]?.url).toBe("/api/v1/users/a%2Fb/unlock");
    expect(header(calls[1], "X-CSRF-Token")).toBe("fresh");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ username: "clerk", password: "secret123456" });
    expect(header(calls[0], "Content-Type")).toBe("application/json");
  });

  it("answers undefined for 204", async () => {
    answers.push(new Response(null, { status: 204 }));
    await expect(request("/auth/logout", { method: "POST" })).resolves.toBeUndefined();
  });

  it("throws ApiError with code, detail and field errors", async () => {
    answers.push(
      json(
        400,
        { status: 400, code: "VALIDATION_FAILED", detail: "数据有误", errors: [{ path: "name", message: "必填" }] },
        "application/problem+json",
      ),
    );
    const error = await request("/users", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "VALIDATION_FAILED", detail: "数据有误" });
    expect((error as ApiError).errors).toEqual([{ path: "name", message: "必填" }]);
  });

  it("calls the unauthenticated handler on 401 NOT_AUTHENTICATED", async () => {
    answers.push(problem(401, "NOT_AUTHENTICATED"));
    await expect(request("/users")).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });

  it("does not redirect for wrong credentials at login", async () => {
    answers.push(problem(401, "INVALID_CREDENTIALS", "用户名或密码错误"));
    await expect(authApi.login("a", "b")).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("answers null from me() without a session, and does not redirect", async () => {
    answers.push(problem(401, "NOT_AUTHENTICATED"));
    await expect(authApi.me()).resolves.toBeNull();
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it("reports a required password change to the auth handler", async () => {
    answers.push(problem(403, "PASSWORD_CHANGE_REQUIRED"));
    await expect(request("/users")).rejects.toMatchObject({ code: "PASSWORD_CHANGE_REQUIRED" });
    expect(onStepRequired).toHaveBeenCalledWith("PASSWORD_CHANGE_REQUIRED");
  });

  it("retries once with a fresh token after CSRF_INVALID", async () => {
    setCsrfToken("old");
    answers.push(problem(403, "CSRF_INVALID"));
    answers.push(json(200, { user: { id: "u1" }, csrfToken: "new" }));
    answers.push(new Response(null, { status: 204 }));
    await userApi.unlock("u2");
    expect(calls.map((c) => c.url)).toEqual(["/api/v1/users/u2/unlock", "/api/v1/auth/me", "/api/v1/users/u2/unlock"]);
    expect(header(calls[2], "X-CSRF-Token")).toBe("new");
  });

  it("turns a network failure into a Chinese ApiError", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(request("/health")).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });
  });
});
