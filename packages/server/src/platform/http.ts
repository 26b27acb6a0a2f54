// The HTTP shell shared by every domain: strict zod validation, problem+json errors with stable
// codes, session authentication, CSRF, permissions, OpenAPI, and the built web app on one port.
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
import type { Database, Db } from "./db.ts";
import { DomainError, statusOf, type ErrorCode, type FieldError } from "./errors.ts";
import type { Actor, Permission } from "../identity/roles.ts";
import type { ResolvedSession } from "../identity/service.ts";
import { resolveSession, totpRequiredRoles } from "../identity/service.ts";

export const SESSION_COOKIE = "xc_session";
export const BODY_LIMIT_BYTES = 1_048_576;

export interface RouteAuth {
  /** No login needed. */
  public?: boolean;
  /** Reachable while the user must still change the password or enrol TOTP. */
  duringSetup?: boolean;
  permission?: Permission;
}

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Every route as "METHOD /url", for tests that must cover all routes. */
    routeList: string[];
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

export function problem(reply: FastifyReply, code: ErrorCode | (string & {}), detail: string, errors?: FieldError[]) {
  const status = statusOf(code);
  return reply
    .status(status)
    .type("application/problem+json; charset=utf-8")
    .send({ type: "about:blank", title: code, status, code, detail, ...(errors?.length ? { errors } : {}) });
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

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function installAuth(app: FastifyInstance) {
  app.decorateRequest("session", null);
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/api/v1/")) return;
    const auth: RouteAuth = request.routeOptions.config?.auth ?? {};
    const raw = request.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = request.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) request.session = await resolveSession(app.database.db, unsigned.value);
    }
    if (auth.public) return;
    const session = request.session;
    if (!session) return problem(reply, "NOT_AUTHENTICATED", "请先登录。");
    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers["x-csrf-token"];
      if (typeof header !== "string" || !safeEqual(header, session.csrfToken)) {
        return problem(reply, "CSRF_INVALID", "安全校验失败，请刷新页面后重试。");
      }
    }
    if (!auth.duringSetup) {
      if (session.user.mustChangePassword) return problem(reply, "PASSWORD_CHANGE_REQUIRED", "请先修改初始密码。");
      if (!session.user.totpEnabled) {
        const required = await totpRequiredRoles(app.database.db, session.user.regionCode);
        if (session.actor.roles.some((r) => required.includes(r))) return problem(reply, "TOTP_ENROLL_REQUIRED", "您的角色须先启用双因素认证。");
      }
    }
    if (auth.permission && !session.actor.permissions.has(auth.permission)) {
      return problem(reply, "FORBIDDEN", "您没有执行此操作的权限。");
    }
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

export async function buildHttp(config: Config, database: Database, registerRoutes: (app: FastifyInstance) => Promise<void>, options: { logger?: boolean } = {}) {
  const app = Fastify({
    logger: options.logger ? { level: "info" } : false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    routerOptions: { maxParamLength: 200 },
  });
  app.decorate("database", database);
  app.decorate("config", config);
  const routeList: string[] = [];
  app.decorate("routeList", routeList);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") routeList.push(`${method} ${route.url}`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
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
  installAuth(app);
  app.get("/api/v1/health", { config: { auth: { public: true } } }, async () => ({ status: "ok", database: database.kind, version: "0.1.0" }));
  await app.register(async (api) => registerRoutes(api), { prefix: "/api/v1" });

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
