// Errors from the API arrive as application/problem+json (RFC 9457) with a stable `code`
// and a Chinese `detail` for people. This module turns any failed response into one
// ApiError shape so that pages handle errors in one way.

/** One field-level error; `path` is dot-separated ("roles.0", "name"). */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldProblem[];

  constructor(status: number, code: string, detail: string, errors: FieldProblem[] = []) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.errors = errors;
  }
}

/** Codes the client itself produces when no problem+json body came back. */
export const CLIENT_CODES = {
  network: "NETWORK_ERROR",
  badResponse: "BAD_RESPONSE",
} as const;

/** Chinese fallbacks, used when the server sent no `detail` (for example a proxy's HTML 502). */
const statusDetails: Record<number, string> = {
  400: "请求内容有误，请检查后重试。",
  401: "登录已失效，请重新登录。",
  403: "您没有执行此操作的权限。",
  404: "要访问的内容不存在或不在您的管辖范围内。",
  409: "数据已被他人修改或状态不允许此操作，请刷新后重试。",
  413: "提交的内容过大。",
  423: "账户已锁定，请稍后再试或联系系统管理员。",
  429: "操作过于频繁，请稍后再试。",
  500: "服务器内部错误，请稍后重试或联系系统管理员。",
  502: "服务器暂时无法访问，请稍后重试。",
  503: "服务暂不可用，请稍后重试。",
  504: "服务器响应超时，请稍后重试。",
};

export function fallbackDetail(status: number): string {
  return statusDetails[status] ?? `请求失败（HTTP ${status}），请稍后重试。`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseFieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  const problems: FieldProblem[] = [];
  for (const item of value) {
    if (!isRecord(item)) continue;
    const rawPath = item.path;
    const path = Array.isArray(rawPath) ? rawPath.map(String).join(".") : typeof rawPath === "string" ? rawPath : "";
    const message = typeof item.message === "string" ? item.message : "";
    if (message !== "") problems.push({ path, message });
  }
  return problems;
}

/**
 * Builds an ApiError from an HTTP status and a decoded body (or undefined when the body
 * was not JSON). Missing or malformed fields fall back to safe values; the status on the
 * response wins over a contradicting `status` in the body.
 */
export function problemFromBody(status: number, body: unknown): ApiError {
  if (!isRecord(body)) {
    return new ApiError(status, status === 401 ? "NOT_AUTHENTICATED" : `HTTP_${status}`, fallbackDetail(status));
  }
  const code = typeof body.code === "string" && body.code !== "" ? body.code : `HTTP_${status}`;
  const detail =
    typeof body.detail === "string" && body.detail !== ""
      ? body.detail
      : typeof body.title === "string" && body.title !== "" && body.title !== "about:blank"
        ? body.title
        : fallbackDetail(status);
  return new ApiError(status, code, detail, parseFieldProblems(body.errors));
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * Converts a problem's dotted path into the name path antd's Form expects:
 * "roles.0" → ["roles", 0]. Body-level problems (empty path) give an empty array.
 */
export function fieldNamePath(path: string): (string | number)[] {
  if (path === "") return [];
  return path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Groups field problems by their form field so each field shows all its messages; a
 * problem on an array element ("roles.1") is shown on the array field ("roles") since
 * forms have no input for a single element. Problems on unknown fields are returned in
 * `unmatched` so the caller can show them in a message instead of dropping them.
 */
export function groupFieldProblems(
  problems: FieldProblem[],
  knownFields: readonly string[],
): { fields: { name: (string | number)[]; errors: string[] }[]; unmatched: string[] } {
  const known = new Set(knownFields);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: string[] = [];
  for (const problem of problems) {
    const namePath = fieldNamePath(problem.path);
    let name: (string | number)[] | undefined;
    for (let length = namePath.length; length > 0; length -= 1) {
      const candidate = namePath.slice(0, length);
      if (known.has(candidate.join("."))) {
        name = candidate;
        break;
      }
    }
    if (name === undefined) {
      unmatched.push(problem.message);
      continue;
    }
    const key = name.join(".");
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], unmatched };
}
