// The one way the web app talks to the server: same-origin fetch with the session cookie, JSON or a
// binary body (a file, a multipart form) in, JSON or a file out; the CSRF token on every
// state-changing request (retried once with a fresh token), the caller's Idempotency-Key on
// money-moving commands, problem+json errors turned into ApiError, and a lost session sent to the
// login page, for every call alike. The foundation endpoints have typed functions here; each
// domain's are in pages/<domain>/<domain>Api.ts over the same request().
import type {
  AuditEntry,
  AuditQuery,
  AuditVerifyResult,
  BudgetUnit,
  BudgetUnitCreate,
  BudgetUnitQuery,
  FlowHandover,
  FlowInstance,
  FlowTask,
  FlowTransition,
  HandoverCandidate,
  Health,
  LoginAnswer,
  MeAnswer,
  Page,
  PageQuery,
  Region,
  RegionCreate,
  RegionQuery,
  RegionUpdate,
  Role,
  TotpSetup,
  UserAccount,
  UserCreate,
  UserQuery,
  UserUpdate,
} from "./apiTypes.ts";
import { ApiError, CLIENT_CODES, problemFromBody } from "./lib/problem.ts";
import { toQueryString, type QueryValue } from "./lib/query.ts";

export { ApiError, isApiError } from "./lib/problem.ts";

export const API_BASE = "/api/v1";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const STATE_CHANGING: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Codes with which the server refuses everything until the user finishes a required step. */
export const STEP_REQUIRED_CODES = ["PASSWORD_CHANGE_REQUIRED", "TOTP_ENROLL_REQUIRED"] as const;

// The CSRF token lives in memory only: it is re-read from /auth/me after every page load.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface AuthEvents {
  /** The session is gone (401 NOT_AUTHENTICATED): send the user to the login page. */
  onUnauthenticated: () => void;
  /** The server demands a password change or TOTP enrolment first. */
  onStepRequired: (code: (typeof STEP_REQUIRED_CODES)[number]) => void;
}

// Until the auth context installs its own handlers, a full page load of /login is the safe default.
let authEvents: AuthEvents = {
  onUnauthenticated: () => {
    if (window.location.pathname !== "/login") window.location.assign("/login");
  },
  onStepRequired: () => undefined,
};

export function setAuthEvents(events: AuthEvents): void {
  authEvents = events;
}

/** A body sent as it is, with its own content type (a file, a multipart form), not as JSON. */
export type BinaryBody = FormData | Blob | ArrayBuffer;

export interface RequestOptions {
  method?: Method;
  /** A JSON value, or a binary body (FormData, a File or Blob, an ArrayBuffer) sent unchanged. */
  body?: unknown;
  /** Content-Type of a Blob or ArrayBuffer body (a Blob's own type when left out; FormData sets its own). */
  contentType?: string;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /**
   * The command's Idempotency-Key (money-moving POSTs). The caller keeps one key per form or action:
   * the same on every retry, so a retry replays the first result instead of repeating it, and a new
   * one after success (lib/commandKey.ts).
   */
  idempotencyKey?: string;
  /** Login and the first /auth/me answer 401 as a normal outcome; they must not redirect. */
  redirectOnUnauthenticated?: boolean;
}

function isBinary(body: unknown): body is BinaryBody {
  return (
    (typeof FormData !== "undefined" && body instanceof FormData) ||
    (typeof Blob !== "undefined" && body instanceof Blob) ||
    body instanceof ArrayBuffer
  );
}

async function readBody(response: Response): Promise<unknown> {
  const type = response.headers.get("content-type") ?? "";
  if (!/[/+]json\b/i.test(type)) return undefined;
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: accept };
  let body: BodyInit | undefined;
  if (options.body === undefined) {
    body = undefined;
  } else if (isBinary(options.body)) {
    body = options.body;
    // FormData writes its own multipart boundary; a Blob carries its type unless told otherwise.
    const type = options.contentType ?? (options.body instanceof Blob ? options.body.type : "");
    if (!(options.body instanceof FormData) && type !== "") headers["Content-Type"] = type;
  } else {
    body = JSON.stringify(options.body);
    headers["Content-Type"] = "application/json";
  }
  if (STATE_CHANGING.has(method) && csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  if (options.idempotencyKey !== undefined) headers["Idempotency-Key"] = options.idempotencyKey;
  try {
    return await fetch(`${API_BASE}${path}${options.query ? toQueryString(options.query) : ""}`, {
      method,
      headers,
      credentials: "same-origin",
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, CLIENT_CODES.network, "无法连接服务器，请检查网络后重试。");
  }
}

/**
 * Sends one request and answers the successful response, or throws its problem as ApiError. A 403
 * CSRF_INVALID is retried once after fetching a fresh token (the token may have been rotated by a
 * login in another tab; the retry carries the same Idempotency-Key, so it cannot act twice); a lost
 * session (401) and a required step (password change, TOTP) are reported to the auth handlers.
 */
async function exchange(path: string, options: RequestOptions, accept: string): Promise<Response> {
  let response = await send(path, options, accept);
  const method = options.method ?? "GET";
  if (response.status === 403 && STATE_CHANGING.has(method)) {
    const body = await readBody(response.clone());
    if (problemFromBody(403, body).code === "CSRF_INVALID") {
      await refreshCsrfToken();
      response = await send(path, options, accept);
    }
  }
  if (response.ok) return response;

  const error = problemFromBody(response.status, await readBody(response));
  if (error.code === "NOT_AUTHENTICATED" && options.redirectOnUnauthenticated !== false) {
    setCsrfToken(null);
    authEvents.onUnauthenticated();
  }
  if (error.code === "PASSWORD_CHANGE_REQUIRED" || error.code === "TOTP_ENROLL_REQUIRED") {
    authEvents.onStepRequired(error.code);
  }
  throw error;
}

/** Sends one request and answers the decoded JSON body (undefined for 204). */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await exchange(path, options, "application/json, application/problem+json");
  if (response.status === 204) return undefined as T;
  const body = await readBody(response);
  if (body === undefined) {
    throw new ApiError(response.status, CLIENT_CODES.badResponse, "服务器返回了无法识别的内容，请稍后重试。");
  }
  return body as T;
}

/** A file answered by the server, under the name its Content-Disposition gives. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

/** The file name of a Content-Disposition header (RFC 6266: filename* in UTF-8 wins over filename). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (disposition === null) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/.exec(disposition)?.[1] ?? /filename\s*=\s*([^;]+)/.exec(disposition)?.[1];
  return plain !== undefined && plain.trim() !== "" ? plain.trim() : fallback;
}

/** Fetches a file (an Excel export, a bank file, an attachment) with the session cookie. */
export async function requestFile(path: string, options: RequestOptions & { fallbackName?: string } = {}): Promise<DownloadedFile> {
  const response = await exchange(path, options, "*/*");
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get("content-disposition"), options.fallbackName ?? "download") };
}

/** Saves a fetched file through the browser's download, under its server-given name. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: some browsers read the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a file and saves it: requestFile + saveFile. */
export async function download(path: string, options: { query?: Record<string, QueryValue>; fallbackName?: string } = {}): Promise<void> {
  saveFile(await requestFile(path, options));
}

async function refreshCsrfToken(): Promise<void> {
  const answer = await request<MeAnswer>("/auth/me", { redirectOnUnauthenticated: true });
  setCsrfToken(answer.csrfToken);
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

function pageQuery(query: PageQuery | undefined): Record<string, QueryValue> {
  return { ...query };
}

// ---- Auth -------------------------------------------------------------------------

export const authApi = {
  async login(username: string, password: string): Promise<LoginAnswer> {
    const answer = await request<LoginAnswer>("/auth/login", {
      method: "POST",
      body: { username, password },
      redirectOnUnauthenticated: false,
    });
    if (answer.status === "ok") setCsrfToken(answer.csrfToken);
    return answer;
  },
  async loginTotp(challengeId: string, code: string): Promise<LoginAnswer> {
    const answer = await request<LoginAnswer>("/auth/login/totp", {
      method: "POST",
      body: { challengeId, code },
      redirectOnUnauthenticated: false,
    });
    if (answer.status === "ok") setCsrfToken(answer.csrfToken);
    return answer;
  },
  async logout(): Promise<void> {
    try {
      await request<void>("/auth/logout", { method: "POST", redirectOnUnauthenticated: false });
    } finally {
      setCsrfToken(null);
    }
  },
  /** The current user, or null when there is no session. */
  async me(): Promise<MeAnswer | null> {
    try {
      const answer = await request<MeAnswer>("/auth/me", { redirectOnUnauthenticated: false });
      setCsrfToken(answer.csrfToken);
      return answer;
    } catch (error) {
      if (error instanceof ApiError && error.code === "NOT_AUTHENTICATED") {
        setCsrfToken(null);
        return null;
      }
      throw error;
    }
  },
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return request<void>("/auth/password", { method: "POST", body: { currentPassword, newPassword } });
  },
  setupTotp(): Promise<TotpSetup> {
    return request<TotpSetup>("/auth/totp/setup", { method: "POST" });
  },
  enableTotp(code: string): Promise<void> {
    return request<void>("/auth/totp/enable", { method: "POST", body: { code } });
  },
  disableTotp(code: string): Promise<void> {
    return request<void>("/auth/totp/disable", { method: "POST", body: { code } });
  },
};

export const roleApi = {
  list(): Promise<Role[]> {
    return request<Role[]>("/roles");
  },
};

// ---- Organisation -----------------------------------------------------------------

export const orgApi = {
  listRegions(query: RegionQuery = {}, signal?: AbortSignal): Promise<Page<Region>> {
    return request<Page<Region>>("/org/regions", { query: { ...query }, signal });
  },
  getRegion(code: string): Promise<Region> {
    return request<Region>(`/org/regions/${segment(code)}`);
  },
  createRegion(body: RegionCreate): Promise<Region> {
    return request<Region>("/org/regions", { method: "POST", body });
  },
  updateRegion(code: string, body: RegionUpdate): Promise<Region> {
    return request<Region>(`/org/regions/${segment(code)}`, { method: "PATCH", body });
  },
  listBudgetUnits(query: BudgetUnitQuery = {}, signal?: AbortSignal): Promise<Page<BudgetUnit>> {
    return request<Page<BudgetUnit>>("/org/budget-units", { query: { ...query }, signal });
  },
  createBudgetUnit(body: BudgetUnitCreate): Promise<BudgetUnit> {
    return request<BudgetUnit>("/org/budget-units", { method: "POST", body });
  },
  /** The units of the list's filters as Excel (every unit, not the page). */
  exportBudgetUnits(query: BudgetUnitQuery = {}): Promise<void> {
    return download("/org/budget-units/export", { query: { ...query }, fallbackName: "预算单位.xlsx" });
  },
};

// ---- Users ------------------------------------------------------------------------

export const userApi = {
  list(query: UserQuery = {}, signal?: AbortSignal): Promise<Page<UserAccount>> {
    return request<Page<UserAccount>>("/users", { query: { ...query }, signal });
  },
  /** The accounts of the list's filters with their roles as Excel (every account, not the page). */
  exportList(query: UserQuery = {}): Promise<void> {
    return download("/users/export", { query: { ...query }, fallbackName: "用户及角色清单.xlsx" });
  },
  create(body: UserCreate): Promise<UserAccount> {
    return request<UserAccount>("/users", { method: "POST", body });
  },
  update(id: string, body: UserUpdate): Promise<UserAccount> {
    return request<UserAccount>(`/users/${segment(id)}`, { method: "PATCH", body });
  },
  resetPassword(id: string, newPassword: string): Promise<void> {
    return request<void>(`/users/${segment(id)}/reset-password`, { method: "POST", body: { newPassword } });
  },
  unlock(id: string): Promise<void> {
    return request<void>(`/users/${segment(id)}/unlock`, { method: "POST" });
  },
};

// ---- Flow engine ------------------------------------------------------------------

export const flowApi = {
  todo(query?: PageQuery, signal?: AbortSignal): Promise<Page<FlowTask>> {
    return request<Page<FlowTask>>("/flow/todo", { query: pageQuery(query), signal });
  },
  overdue(query?: PageQuery, signal?: AbortSignal): Promise<Page<FlowTask>> {
    return request<Page<FlowTask>>("/flow/overdue", { query: pageQuery(query), signal });
  },
  owned(query?: PageQuery, signal?: AbortSignal): Promise<Page<FlowTask>> {
    return request<Page<FlowTask>>("/flow/owned", { query: pageQuery(query), signal });
  },
  instance(id: string, signal?: AbortSignal): Promise<FlowInstance> {
    return request<FlowInstance>(`/flow/instances/${segment(id)}`, { signal });
  },
  transition(id: string, body: FlowTransition): Promise<FlowInstance> {
    return request<FlowInstance>(`/flow/instances/${segment(id)}/transitions`, { method: "POST", body });
  },
  handover(id: string, body: FlowHandover): Promise<FlowInstance> {
    return request<FlowInstance>(`/flow/instances/${segment(id)}/handover`, { method: "POST", body });
  },
  handoverCandidates(id: string): Promise<HandoverCandidate[]> {
    return request<HandoverCandidate[]>(`/flow/instances/${segment(id)}/handover-candidates`);
  },
};

// ---- Audit ------------------------------------------------------------------------

export const auditApi = {
  list(query: AuditQuery = {}, signal?: AbortSignal): Promise<Page<AuditEntry>> {
    return request<Page<AuditEntry>>("/audit", { query: { ...query }, signal });
  },
  verify(): Promise<AuditVerifyResult> {
    return request<AuditVerifyResult>("/audit/verify", { method: "POST" });
  },
  /** The entries of the list's filters as Excel (every entry, not the page). */
  exportExcel(query: AuditQuery = {}): Promise<void> {
    return download("/audit/export", { query: { ...query }, fallbackName: "审计日志.xlsx" });
  },
};

// ---- Health -----------------------------------------------------------------------

export const healthApi = {
  get(): Promise<Health> {
    return request<Health>("/health", { redirectOnUnauthenticated: false });
  },
};
