// The one way the web app talks to the server: same-origin fetch with the session cookie,
// JSON in and out, the CSRF token on every state-changing request, and problem+json
// errors turned into ApiError. Every endpoint of docs/api.md has a typed function here.
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

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** Login and the first /auth/me answer 401 as a normal outcome; they must not redirect. */
  redirectOnUnauthenticated?: boolean;
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

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (STATE_CHANGING.has(method) && csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  try {
    return await fetch(`${API_BASE}${path}${options.query ? toQueryString(options.query) : ""}`, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, CLIENT_CODES.network, "无法连接服务器，请检查网络后重试。");
  }
}

/**
 * Sends one request and answers the decoded JSON body (undefined for 204). A 403
 * CSRF_INVALID is retried once after fetching a fresh token, since the token may have been
 * rotated by a login in another tab.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  const method = options.method ?? "GET";
  if (response.status === 403 && STATE_CHANGING.has(method)) {
    const body = await readBody(response.clone());
    if (problemFromBody(403, body).code === "CSRF_INVALID") {
      await refreshCsrfToken();
      response = await send(path, options);
    }
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    const body = await readBody(response);
    if (body === undefined) {
      throw new ApiError(response.status, CLIENT_CODES.badResponse, "服务器返回了无法识别的内容，请稍后重试。");
    }
    return body as T;
  }

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
};

// ---- Users ------------------------------------------------------------------------

export const userApi = {
  list(query: UserQuery = {}, signal?: AbortSignal): Promise<Page<UserAccount>> {
    return request<Page<UserAccount>>("/users", { query: { ...query }, signal });
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
  transition(id: string, body: FlowTransition): Promise<FlowTask> {
    return request<FlowTask>(`/flow/instances/${segment(id)}/transitions`, { method: "POST", body });
  },
  handover(id: string, body: FlowHandover): Promise<FlowTask> {
    return request<FlowTask>(`/flow/instances/${segment(id)}/handover`, { method: "POST", body });
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
};

// ---- Health -----------------------------------------------------------------------

export const healthApi = {
  get(): Promise<Health> {
    return request<Health>("/health", { redirectOnUnauthenticated: false });
  },
};
