// HTTP routes of identity: login (with TOTP step), logout, me, password, TOTP, users and roles.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  changePasswordBody, createUserBody, loginBody, resetPasswordBody, totpCodeBody, totpLoginBody, updateUserBody, userListQuery, uuidSchema,
} from "@xiangcai/shared";
import { actorOf, clearSessionCookie, inTransaction, problem, setSessionCookie } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { sendWorkbook } from "../platform/sheets.ts";
import { usersWorkbook } from "./xlsx.ts";
import { DomainError, invariant } from "../platform/errors.ts";
import {
  actorFor, beginTotpSetup, changePassword, completeTotpLogin, createUser, describeMe, disableTotp, enableTotp, endSession, listUsers, login,
  resetPassword, roleCatalogue, setUserResidentId, unlockUser, updateUser, userById, type LoginResult,
} from "./service.ts";
import type { LoginAnswer, MeAnswer, Page, RoleView, TotpSetupView, UserView } from "@xiangcai/shared";

const LOGIN_RATE = { max: 30, timeWindow: "1 minute" };

export async function identityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const keys = () => app.config.dataKeys;

  async function answerLogin(result: LoginResult, request: Parameters<typeof setSessionCookie>[1], reply: Parameters<typeof setSessionCookie>[0]) {
    if (result.status === "throttled") {
      // The wait goes in the header and the body, so the login page can say how long.
      const seconds = result.retryAfterSeconds;
      reply.header("retry-after", String(seconds));
      return problem(reply, "LOGIN_THROTTLED", `登录失败次数较多，请 ${seconds} 秒后再试。`, undefined, { retryAfterSeconds: seconds });
    }
    if (result.status === "failed") throw result.error;
    if (result.status === "totp_required") return { status: "totp_required", challengeId: result.challengeId } satisfies LoginAnswer;
    setSessionCookie(reply, request, result.session.token, result.session.expiresAt);
    const actor = await actorFor(db(), result.user);
    return { status: "ok", user: await describeMe(db(), result.user, actor), csrfToken: result.session.csrfToken } satisfies LoginAnswer;
  }

  app.post("/auth/login", { schema: { body: loginBody, tags: ["身份"] }, config: { auth: { public: true }, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => login(tx, request.body, { address: request.ip, now: app.clock.now() }));
    return answerLogin(result, request, reply);
  });

  app.post("/auth/login/totp", { schema: { body: totpLoginBody, tags: ["身份"] }, config: { auth: { public: true }, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => completeTotpLogin(tx, keys(), request.body, { address: request.ip, now: app.clock.now() }));
    return answerLogin(result, request, reply);
  });

  // Public so a stale page can always log out, but a live session is ended only with its CSRF token:
  // another site must not be able to sign a user out.
  app.post("/auth/logout", { config: { auth: { public: true, csrfWhenSignedIn: true } } }, async (request, reply) => {
    if (request.session) await endSession(db(), request.session.tokenHash);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get("/auth/me", { schema: { tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request): Promise<MeAnswer> => {
    const session = request.session;
    invariant(session, "authenticated route has a session");
    return { user: await describeMe(db(), session.user, session.actor), csrfToken: session.csrfToken };
  });

  app.post("/auth/password", { schema: { body: changePasswordBody, tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request, reply) => {
    const session = request.session!;
    await inTransaction(app, (tx) => changePassword(tx, session.user, request.body, session.tokenHash, app.clock.now()));
    return reply.status(204).send();
  });

  app.post("/auth/totp/setup", { schema: { tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request): Promise<TotpSetupView> =>
    inTransaction(app, (tx) => beginTotpSetup(tx, keys(), request.session!.user)),
  );

  app.post("/auth/totp/enable", { schema: { body: totpCodeBody, tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request, reply) => {
    const session = request.session!;
    // Re-read the user: the pending secret was written by the setup call after this session was resolved.
    await inTransaction(app, async (tx) => {
      const fresh = await userById(tx, session.user.id);
      if (!fresh) throw new DomainError("NOT_AUTHENTICATED", "请先登录。");
      await enableTotp(tx, keys(), fresh, request.body.code, app.clock.now());
    });
    return reply.status(204).send();
  });

  app.post("/auth/totp/disable", { schema: { body: totpCodeBody, tags: ["身份"] }, config: { auth: {} } }, async (request, reply) => {
    const session = request.session!;
    await inTransaction(app, (tx) => disableTotp(tx, keys(), session.user, session.actor, request.body.code, app.clock.now()));
    return reply.status(204).send();
  });

  app.get("/roles", { schema: { tags: ["身份"] }, config: { auth: {} } }, async (): Promise<RoleView[]> => roleCatalogue());

  app.get("/users", { schema: { querystring: userListQuery, tags: ["用户"] }, config: { auth: { permission: "user.read" } } }, async (request): Promise<Page<UserView>> => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listUsers(db(), actorOf(request), filter, pageOf({ page, pageSize }), app.clock.now()));
  });

  app.get("/users/export", { schema: { querystring: userListQuery.omit({ page: true, pageSize: true }), tags: ["用户"] }, config: { auth: { permission: "user.read" } } }, async (request, reply) =>
    sendWorkbook(reply, "用户及角色清单.xlsx", await usersWorkbook(db(), actorOf(request), request.query, app.clock.now())),
  );

  app.post("/users", { schema: { body: createUserBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    const created = await inTransaction<UserView>(app, (tx) => createUser(tx, actorOf(request), request.body, app.clock.now()));
    return reply.status(201).send(created);
  });

  const idParams = z.strictObject({ id: uuidSchema });

  app.patch("/users/:id", { schema: { params: idParams, body: updateUserBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request): Promise<UserView> =>
    inTransaction(app, async (tx) => {
      const { residentId, ...rest } = request.body;
      const actor = actorOf(request);
      const at = app.clock.now();
      if (residentId !== undefined) await setUserResidentId(tx, actor, app.config.dataKeys, request.params.id, residentId, at);
      return updateUser(tx, actor, request.params.id, rest, at);
    }),
  );

  app.post("/users/:id/reset-password", { schema: { params: idParams, body: resetPasswordBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => resetPassword(tx, actorOf(request), request.params.id, request.body.newPassword, app.clock.now()));
    return reply.status(204).send();
  });

  app.post("/users/:id/unlock", { schema: { params: idParams, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => unlockUser(tx, actorOf(request), request.params.id, app.clock.now()));
    return reply.status(204).send();
  });
}
