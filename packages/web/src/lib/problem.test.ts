// Proves that any failed API response becomes one well-formed ApiError, and that field
// problems land on the right form fields.
import { describe, expect, it } from "vitest";
import { ApiError, fieldNamePath, groupFieldProblems, problemFromBody } from "./problem.ts";

describe("problemFromBody", () => {
  it("keeps code, detail and field errors from a problem+json body", () => {
    const error = problemFromBody(400, {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      code: "VALIDATION_FAILED",
      detail: "提交的数据有误",
      errors: [{ path: "name", message: "名称不能为空" }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.detail).toBe("提交的数据有误");
    expect(error.message).toBe("提交的数据有误");
    expect(error.errors).toEqual([{ path: "name", message: "名称不能为空" }]);
  });

  it("uses the response status even when the body says otherwise", () => {
    expect(problemFromBody(409, { status: 400, code: "STALE", detail: "已变化" }).status).toBe(409);
  });

  it("falls back to a Chinese detail when the body is not JSON", () => {
    const error = problemFromBody(502, undefined);
    expect(error.code).toBe("HTTP_502");
    expect(error.detail).toMatch(/服务器/);
    expect(error.errors).toEqual([]);
  });

  it("treats a bare 401 as NOT_AUTHENTICATED", () => {
    expect(problemFromBody(401, "Unauthorized").code).toBe("NOT_AUTHENTICATED");
  });

  it("uses the title when detail is missing, but never 'about:blank'", () => {
    expect(problemFromBody(403, { code: "FORBIDDEN", title: "无权操作" }).detail).toBe("无权操作");
    expect(problemFromBody(403, { code: "FORBIDDEN", title: "about:blank" }).detail).toMatch(/权限/);
  });

  it("drops malformed field errors and joins array paths", () => {
    const error = problemFromBody(400, {
      code: "VALIDATION_FAILED",
      detail: "x",
      errors: [null, { path: "a" }, { path: ["roles", 0], message: "未知角色" }, "oops"],
    });
    expect(error.errors).toEqual([{ path: "roles.0", message: "未知角色" }]);
  });
});

describe("fieldNamePath", () => {
  it("turns numeric segments into indexes", () => {
    expect(fieldNamePath("roles.0")).toEqual(["roles", 0]);
    expect(fieldNamePath("name")).toEqual(["name"]);
    expect(fieldNamePath("")).toEqual([]);
  });
});

describe("groupFieldProblems", () => {
  it("puts element errors on their array field and collects several messages per field", () => {
    const grouped = groupFieldProblems(
      [
        { path: "roles.1", message: "未知角色" },
        { path: "roles", message: "至少选择一个角色" },
        { path: "name", message: "名称过长" },
      ],
      ["roles", "name"],
    );
    expect(grouped.fields).toEqual([
      { name: ["roles"], errors: ["未知角色", "至少选择一个角色"] },
      { name: ["name"], errors: ["名称过长"] },
    ]);
    expect(grouped.unmatched).toEqual([]);
  });

  it("returns problems on unknown or empty paths as unmatched", () => {
    const grouped = groupFieldProblems(
      [
        { path: "", message: "请求体无效" },
        { path: "extra", message: "不允许的字段" },
      ],
      ["name"],
    );
    expect(grouped.fields).toEqual([]);
    expect(grouped.unmatched).toEqual(["请求体无效", "不允许的字段"]);
  });
});
