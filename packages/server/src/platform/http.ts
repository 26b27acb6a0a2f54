// The HTTP shell shared by every domain: strict zod validation, problem+json errors with stable
// codes, session authentication, CSRF, permissions, OpenAPI, and the built web app on one port.
// The platform names no domain: who a session belongs to and what a user must set up first are the
// identity domain's answers, lent to the shell by app.ts as AuthHooks.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import fastifyStatic from "@fastify/static";
import { existsSync } from "node:fs";
import { timingSafeEqual } from "node:crypto";
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config.ts";
import { redactingStream } from "./redact.ts";
import { configureImports } from "./sheetReader.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { Database, Db } from "./db.ts";
import { DomainError, statusOf, type ErrorCode, type FieldError } from "./errors.ts";
import { CONTROL_CHARACTER_MESSAGE, controlCharacterAt, controlCharacterName, type HealthView } from "@xiangcai/shared";

export const SESSION_COOKIE = "xc_session";
export const BODY_LIMIT_BYTES = 1_048_576;

/**
 * The types of a session and of a permission, filled in by the identity domain through declaration
 * merging (`declare module "../platform/http.ts" { interface AuthTypes { session: …; permission: … } }`),
 * so routes get identity's Actor from actorOf() while this file imports nothing of identity.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthTypes {}
type Registered<K extends string, Fallback> = AuthTypes extends Record<K, infer T> ? T : Fallback;

/** What the platform itself reads of a session: the CSRF token, and who acts where with what rights. */
export interface BaseSession {
  csrfToken: string;
  actor: { userId: string; regionCode: string; permissions: ReadonlySet<string> };
}
export type Session = Registered<"session", BaseSession> & BaseSession;
export type Permission = Registered<"permission", string>;
export type Actor = Session["actor"];

/** The identity domain's part in every request, passed to buildHttp by app.ts. */
export interface AuthHooks {
  /** The session behind a cookie's token, or null when it is unknown, expired or idle too long. */
  resolveSession(db: Db, token: string, at: Date): Promise<Session | null>;
  /** What the user must do before anything else (change the password, enrol TOTP), or null. */
  pendingSetup(db: Db, session: Session): Promise<{ code: ErrorCode; detail: string } | null>;
}

export interface RouteAuth {
  /** No login needed. */
  public?: boolean;
  /** On a public route, a request that carries a session must still carry its CSRF token (logout). */
  csrfWhenSignedIn?: boolean;
  /** Reachable while the user must still change the password or enrol TOTP. */
  duringSetup?: boolean;
  permission?: Permission;
}

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    session: Session | null;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Every route as "METHOD /url", for tests that must cover all routes. */
    routeList: string[];
    /** The app's clock: routes take "now" from here, tests pass a fixed one. */
    clock: Clock;
  }
}

export type App = FastifyInstance;

/** The acting user of an authenticated route (the hook has already refused anonymous requests). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new DomainError("NOT_AUTHENTICATED", "请先登录。");
  return request.session.actor;
}

export function inTransaction<T>(app: FastifyInstance, fn: (tx: Db) => Promise<T>): Promise<T> {
  return app.database.db.transaction((tx) => fn(tx as unknown as Db));
}

export function problem(reply: FastifyReply, code: ErrorCode | (string & {}), detail: string, errors?: FieldError[], extra: Record<string, unknown> = {}) {
  const status = statusOf(code);
  return reply
    .status(status)
    .type("application/problem+json; charset=utf-8")
    .send({ type: "about:blank", title: code, status, code, detail, ...(errors?.length ? { errors } : {}), ...extra });
}

function fieldErrors(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const found: FieldError[] = [];
  for (const v of error.validation) {
    const path = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      for (const key of keys) found.push({ path: path ? `${path}.${String(key)}` : String(key), message: "不允许的字段" });
    } else {
      found.push({ path, message: v.message ?? "无效" });
    }
  }
  return found;
}

function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) return problem(reply, error.code, error.detail, error.errors);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error);
      const where = { body: "请求内容", querystring: "查询参数", params: "路径参数", headers: "请求头" }[error.validationContext ?? "body"] ?? "请求";
      return problem(reply, "VALIDATION_FAILED", `${where}不符合要求：${errors.map((e) => `${e.path || "(整体)"} ${e.message}`).join("；")}`, errors);
    }
    switch (error.code) {
      case "FST_ERR_CTP_INVALID_JSON_BODY":
      case "FST_ERR_CTP_EMPTY_JSON_BODY":
        return problem(reply, "MALFORMED_JSON", "请求内容不是有效的 JSON。");
      case "FST_ERR_CTP_BODY_TOO_LARGE":
        return problem(reply, "BODY_TOO_LARGE", `请求内容过大（上限 ${BODY_LIMIT_BYTES / 1024} KB）。`);
      case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
        return problem(reply, "UNSUPPORTED_MEDIA_TYPE", "不支持的请求内容类型，请使用 application/json。");
    }
    if (error.statusCode === 429) return problem(reply, "RATE_LIMITED", "请求过于频繁，请稍后再试。");
    if (error instanceof SyntaxError || error.statusCode === 400) return problem(reply, "VALIDATION_FAILED", "请求格式不正确。");
    if (error.statusCode === 413) return problem(reply, "BODY_TOO_LARGE", "请求内容过大。");
    if (error.statusCode === 415) return problem(reply, "UNSUPPORTED_MEDIA_TYPE", "不支持的请求内容类型。");
    request.log.error({ err: error }, "unhandled error");
    return reply
      .status(500)
      .type("application/problem+json; charset=utf-8")
      .send({ type: "about:blank", title: "INTERNAL", status: 500, code: "INTERNAL", detail: "系统内部错误，已记录，请联系管理员。" });
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Deeper JSON is no request any form sends: refused before any schema walks it. */
export const JSON_DEPTH_MAX = 32;

type TextProblem = { kind: "control"; path: string; name: string } | { kind: "depth"; path: string };

/**
 * The first text in a request part that breaks the edge's rules: a control character (tab, line
 * feed and carriage return only inside a JSON body, where a remark may hold several lines; never in
 * a path or query), or JSON nested deeper than JSON_DEPTH_MAX. Keys are checked like values.
 */
export function textProblemIn(value: unknown, multiline: boolean): TextProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const at = controlCharacterAt(v, { multiline });
      if (at >= 0) return { kind: "control", path, name: controlCharacterName(v, at) };
    } else if (v !== null && typeof v === "object" && !Buffer.isBuffer(v)) {
      if (depth >= JSON_DEPTH_MAX) return { kind: "depth", path };
      for (const [key, item] of Object.entries(v)) {
        const at = controlCharacterAt(key);
        const itemPath = path ? `${path}.${key}` : key;
        if (at >= 0) return { kind: "control", path: itemPath, name: controlCharacterName(key, at) };
        stack.push({ value: item, path: itemPath, depth: depth + 1 });
      }
    }
  }
  return null;
}

/**
 * Finding 8 of issue 15: a NUL in any text reached PostgreSQL and answered 500. Every route's path,
 * query and body are checked here, before any schema or handler (login included): 400 CONTROL_CHARACTER.
 */
function installTextRules(app: FastifyInstance) {
  app.addHook("preValidation", async (request, reply) => {
    const parts = [
      { value: request.params, multiline: false, where: "路径参数" },
      { value: request.query, multiline: false, where: "查询参数" },
      { value: request.body, multiline: true, where: "请求内容" },
    ];
    for (const part of parts) {
      const found = textProblemIn(part.value, part.multiline);
      if (found?.kind === "control") {
        return problem(reply, "CONTROL_CHARACTER", `${part.where}${found.path ? ` ${found.path} ` : ""}${CONTROL_CHARACTER_MESSAGE}（${found.name}）。`, [
          { path: found.path, message: CONTROL_CHARACTER_MESSAGE },
        ]);
      }
      if (found?.kind === "depth") return problem(reply, "VALIDATION_FAILED", `${part.where}嵌套过深（上限 ${JSON_DEPTH_MAX} 层）。`);
    }
  });
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function installAuth(app: FastifyInstance, hooks: AuthHooks) {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/v1/")) return;
    const auth: RouteAuth = request.routeOptions.config?.auth ?? {};
    const raw = request.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) request.session = await hooks.resolveSession(app.database.db, unsigned.value, app.clock.now());
    }
    const csrfRefused = (session: Session) => {
      if (!UNSAFE_METHODS.has(request.method)) return false;
      const header = request.headers["x-csrf-token"];
      return typeof header !== "string" || !safeEqual(header, session.csrfToken);
    };
    if (auth.public) {
      if (auth.csrfWhenSignedIn && request.session && csrfRefused(request.session)) {
        return problem(reply, "CSRF_INVALID", "安全校验失败，请刷新页面后重试。");
      }
      return;
    }
    const session = request.session;
    if (!session) return problem(reply, "NOT_AUTHENTICATED", "请先登录。");
    if (csrfRefused(session)) return problem(reply, "CSRF_INVALID", "安全校验失败，请刷新页面后重试。");
    if (!auth.duringSetup) {
      const pending = await hooks.pendingSetup(app.database.db, session);
      if (pending) return problem(reply, pending.code, pending.detail);
    }
    if (auth.permission && !session.actor.permissions.has(auth.permission)) {
      return problem(reply, "FORBIDDEN", "您没有执行此操作的权限。");
    }
  });
}

/**
 * The app is built by Vite into files of its own origin (no inline script); antd and ECharts set
 * inline styles and draw on canvas, so styles may be inline and images may be data:/blob: URLs.
 * Nothing may frame any page: the approval pages must not be clickjacked.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Security headers on every answer (API, app, kiosk, docs); personal JSON is never cached. */
function installSecurityHeaders(app: FastifyInstance) {
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("content-security-policy", CONTENT_SECURITY_POLICY);
    reply.header("x-frame-options", "DENY");
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    // Only a trusted proxy's X-Forwarded-Proto makes the protocol https (see trustProxyOption).
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000");
    if (request.url.startsWith("/api/v1/")) reply.header("cache-control", "no-store");
    return payload;
  });
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    signed: true,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/**
 * Fastify's form of the trusted-proxy setting. A hop count becomes "the nearest N addresses are
 * proxies" (Fastify's own number form trusts nothing); `true` is never passed, because it would take
 * the left-most X-Forwarded-For, which the client writes.
 */
export function trustProxyOption(trust: Config["trustProxy"]): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return trust;
}

export interface HttpOptions {
  logger?: boolean;
  /** Where log lines go (default: standard output); every line is redacted on its way there. */
  logStream?: NodeJS.WritableStream;
  /** Where "now" comes from (default: the system clock). */
  clock?: Clock;
}

/** What the composition root (app.ts) hands the shell: identity's hooks and every domain's routes. */
export interface Composition {
  auth: AuthHooks;
  registerRoutes(api: FastifyInstance): Promise<void>;
}

export async function buildHttp(config: Config, database: Database, composition: Composition, options: HttpOptions = {}) {
  const app = Fastify({
    logger: options.logger ? { level: "info", stream: redactingStream(options.logStream ?? process.stdout) } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(config.trustProxy),
    routerOptions: { maxParamLength: 200 },
  });
  configureImports({ inflatedBytesMax: config.importInflatedBytesMax, concurrentMax: config.importsMax });
  app.decorate("database", database);
  app.decorate("config", config);
  app.decorate("clock", options.clock ?? systemClock);
  const routeList: string[] = [];
  app.decorate("routeList", routeList);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") routeList.push(`${method} ${route.url}`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installSecurityHeaders(app);
  // An empty body with a JSON content type is taken as no body (a POST without parameters).
  const jsonParser = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "") return done(null, undefined);
    return jsonParser(request, body.toString(), done);
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: "乡财 xiangcai API", version: "1.0.0", description: "乡镇财政管理平台接口。金额以元为单位的十进制字符串表示。" } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  installAuth(app, composition.auth);
  installTextRules(app);
  app.get("/api/v1/health", { config: { auth: { public: true } } }, async (): Promise<HealthView> => ({ status: "ok", database: database.kind, version: "0.1.0" }));
  await app.register(async (api) => composition.registerRoutes(api), { prefix: "/api/v1" });

  const webRoot = config.webDistDir;
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      // Built assets carry a content hash in their names: cache them for good; index.html never.
      setHeaders: (res, path) => {
        res.header("cache-control", path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) return problem(reply, "NOT_FOUND", "接口不存在。");
    if (request.method === "GET" && hasWeb) return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").sendFile("index.html");
    if (request.method === "GET") {
      return reply.type("text/html; charset=utf-8").send("<!doctype html><meta charset=utf-8><title>乡财</title><p>网页尚未构建：请运行 <code>npm run build</code>。接口文档见 <a href=/api/docs>/api/docs</a>。</p>");
    }
    return problem(reply, "NOT_FOUND", "资源不存在。");
  });
  return app;
}
