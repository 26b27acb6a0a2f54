// Proves the fetch wrapper's contract with the server: cookies and CSRF header, JSON or binary
// bodies in, JSON or files out, the caller's Idempotency-Key kept on a retry, problem+json errors
// as ApiError, and the redirect to login on a lost session, for every kind of call.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, authApi, fileNameOf, flowApi, request, requestFile, setAuthEvents, setCsrfToken, userApi } from "./api.ts";
import { CommandKey, explainConflict } from "./lib/commandKey.ts";

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

  it("sends the caller's Idempotency-Key, and the same key again on the CSRF retry", async () => {
    setCsrfToken("old");
    answers.push(problem(403, "CSRF_INVALID"));
    answers.push(json(200, { user: { id: "u1" }, csrfToken: "new" }));
    answers.push(json(201, { id: "v1" }));
    await request("/ledger/vouchers", { method: "POST", body: { summary: "x" }, idempotencyKey: "web-key-1" });
    expect(header(calls[0], "Idempotency-Key")).toBe("web-key-1");
    expect(header(calls[1], "Idempotency-Key")).toBeUndefined();
    expect(header(calls[2], "Idempotency-Key")).toBe("web-key-1");
    expect(header(calls[2], "X-CSRF-Token")).toBe("new");
  });

  it("sends no Idempotency-Key when the caller gives none", async () => {
    answers.push(new Response(null, { status: 204 }));
    await userApi.unlock("u2");
    expect(header(calls[0], "Idempotency-Key")).toBeUndefined();
  });

  it("sends a file as the body with its own type, and FormData without a Content-Type", async () => {
    setCsrfToken("t");
    answers.push(json(201, { ok: 1 }));
    answers.push(json(201, { ok: 2 }));
    const file = new Blob(["a,b\n"], { type: "text/csv" });
    await request("/subsidy/batches/b1/result", { method: "POST", body: file, query: { format: "csv" }, idempotencyKey: "web-key-2" });
    expect(calls[0]?.url).toBe("/api/v1/subsidy/batches/b1/result?format=csv");
    expect(calls[0]?.init.body).toBe(file);
    expect(header(calls[0], "Content-Type")).toBe("text/csv");
    expect(header(calls[0], "X-CSRF-Token")).toBe("t");
    const form = new FormData();
    form.append("file", new Blob(["x"]), "发票.pdf");
    await request("/treasury/attachments", { method: "POST", body: form });
    expect(calls[1]?.init.body).toBe(form);
    expect(header(calls[1], "Content-Type")).toBeUndefined();
  });

  it("lets the caller name the type of a binary body", async () => {
    answers.push(json(200, {}));
    await request("/subsidy/rosters/import", { method: "POST", body: new Blob(["PK"]), contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(header(calls[0], "Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  });

  it("downloads a file under the name of its Content-Disposition", async () => {
    answers.push(new Response("id,amount", { status: 200, headers: { "content-type": "text/csv", "content-disposition": "attachment; filename*=UTF-8''%E9%93%B6%E8%A1%8C%E6%96%87%E4%BB%B6.csv" } }));
    const file = await requestFile("/treasury/bank-batches/b1/file", { fallbackName: "x.csv" });
    expect(file.fileName).toBe("银行文件.csv");
    expect(await file.blob.text()).toBe("id,amount");
    expect(header(calls[0], "Accept")).toBe("*/*");
  });

  it("turns a failed download into ApiError and reports a lost session", async () => {
    answers.push(problem(404, "OUT_OF_SCOPE", "不在范围内"));
    await expect(requestFile("/treasury/attachments/a/content")).rejects.toMatchObject({ status: 404, code: "OUT_OF_SCOPE", detail: "不在范围内" });
    answers.push(problem(401, "NOT_AUTHENTICATED"));
    await expect(requestFile("/ledger/sets/s/excel")).rejects.toMatchObject({ code: "NOT_AUTHENTICATED" });
    expect(onUnauthenticated).toHaveBeenCalledOnce();
  });
});

describe("fileNameOf", () => {
  it("prefers the UTF-8 name, then the plain one, then the fallback", () => {
    expect(fileNameOf("attachment; filename=\"a.csv\"; filename*=UTF-8''%E9%A2%84%E7%AE%97.xlsx", "f")).toBe("预算.xlsx");
    expect(fileNameOf('attachment; filename="B-0001.csv"', "f")).toBe("B-0001.csv");
    expect(fileNameOf("attachment; filename=plain.txt", "f")).toBe("plain.txt");
    expect(fileNameOf("attachment", "f.xlsx")).toBe("f.xlsx");
    expect(fileNameOf(null, "f.xlsx")).toBe("f.xlsx");
    expect(fileNameOf("attachment; filename*=UTF-8''%E9%A2; filename=\"ok.csv\"", "f")).toBe("ok.csv");
  });
});

describe("CommandKey", () => {
  it("keeps the key across failed attempts and draws a new one after success", async () => {
    let n = 0;
    const key = new CommandKey(() => `web-test-${++n}`);
    const sent: string[] = [];
    const fail = (k: string) => {
      sent.push(k);
      return Promise.reject(new ApiError(0, "NETWORK_ERROR", "断网"));
    };
    await expect(key.run(fail)).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    await expect(key.run(fail)).rejects.toMatchObject({ code: "NETWORK_ERROR" });
    await key.run(async (k) => sent.push(k));
    await key.run(async (k) => sent.push(k));
    expect(sent).toEqual(["web-test-1", "web-test-1", "web-test-1", "web-test-2"]);
    expect(key.value).toBe("web-test-3");
  });

  it("draws keys the server accepts, different each time", () => {
    const a = new CommandKey().value;
    const b = new CommandKey().value;
    expect(a).toMatch(/^[A-Za-z0-9_.:-]{8,200}$/);
    expect(a).not.toBe(b);
  });

  it("explains a key conflict in words a clerk can act on, and leaves other errors alone", () => {
    const conflict = explainConflict(new ApiError(409, "IDEMPOTENCY_CONFLICT", "该 Idempotency-Key 已用于另一笔不同内容的请求"));
    expect(conflict).toMatchObject({ status: 409, code: "IDEMPOTENCY_CONFLICT" });
    expect((conflict as ApiError).detail).toContain("此前的一次提交已经办理成功");
    const other = new ApiError(409, "INSUFFICIENT_AVAILABLE", "可用额度不足");
    expect(explainConflict(other)).toBe(other);
  });
});
