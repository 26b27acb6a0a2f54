// HTTP routes of identity: login (with TOTP step), logout, me, password, TOTP, users and roles.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  changePasswordBody, createUserBody, loginBody, resetPasswordBody, totpCodeBody, totpLoginBody, updateUserBody, userListQuery, uuidSchema,
} from "@xiangcai/shared";
import { actorOf, clearSessionCookie, inTransaction, setSessionCookie } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { DomainError, invariant } from "../platform/errors.ts";
import {
  actorFor, beginTotpSetup, changePassword, completeTotpLogin, createUser, describeMe, disableTotp, enableTotp, endSession, listUsers, login,
  resetPassword, roleCatalogue, unlockUser, updateUser, userById, type LoginResult,
} from "./service.ts";

const LOGIN_RATE = { max: 30, timeWindow: "1 minute" };

export async function identityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const keys = () => app.config.dataKeys;

  async function answerLogin(result: LoginResult, request: Parameters<typeof setSessionCookie>[1], reply: Parameters<typeof setSessionCookie>[0]) {
    if (result.status === "failed") throw result.error;
    if (result.status === "totp_required") return { status: "totp_required" as const, challengeId: result.challengeId };
    setSessionCookie(reply, request, result.session.token, result.session.expiresAt);
    const actor = await actorFor(db(), result.user);
    return { status: "ok" as const, user: await describeMe(db(), result.user, actor), csrfToken: result.session.csrfToken };
  }

  app.post("/auth/login", { schema: { body: loginBody, tags: ["身份"] }, config: { auth: { public: true }, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => login(tx, request.body));
    return answerLogin(result, request, reply);
  });

  app.post("/auth/login/totp", { schema: { body: totpLoginBody, tags: ["身份"] }, config: { auth: { public: true }, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const result = await inTransaction(app, (tx) => completeTotpLogin(tx, keys(), request.body));
    return answerLogin(result, request, reply);
  });

  app.post("/auth/logout", { config: { auth: { public: true } } }, async (request, reply) => {
    if (request.session) await endSession(db(), request.session.tokenHash);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  app.get("/auth/me", { schema: { tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request) => {
    const session = request.session;
    invariant(session, "authenticated route has a session");
    return { user: await describeMe(db(), session.user, session.actor), csrfToken: session.csrfToken };
  });

  app.post("/auth/password", { schema: { body: changePasswordBody, tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request, reply) => {
    const session = request.session!;
    await inTransaction(app, (tx) => changePassword(tx, session.user, request.body, session.tokenHash));
    return reply.status(204).send();
  });

  app.post("/auth/totp/setup", { schema: { tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request) =>
    inTransaction(app, (tx) => beginTotpSetup(tx, keys(), request.session!.user)),
  );

  app.post("/auth/totp/enable", { schema: { body: totpCodeBody, tags: ["身份"] }, config: { auth: { duringSetup: true } } }, async (request, reply) => {
    const session = request.session!;
    // Re-read the user: the pending secret was written by the setup call after this session was resolved.
    await inTransaction(app, async (tx) => {
      const fresh = await userById(tx, session.user.id);
      if (!fresh) throw new DomainError("NOT_AUTHENTICATED", "请先登录。");
      await enableTotp(tx, keys(), fresh, request.body.code);
    });
    return reply.status(204).send();
  });

  app.post("/auth/totp/disable", { schema: { body: totpCodeBody, tags: ["身份"] }, config: { auth: {} } }, async (request, reply) => {
    const session = request.session!;
    await inTransaction(app, (tx) => disableTotp(tx, keys(), session.user, session.actor, request.body.code));
    return reply.status(204).send();
  });

  app.get("/roles", { schema: { tags: ["身份"] }, config: { auth: {} } }, async () => roleCatalogue());

  app.get("/users", { schema: { querystring: userListQuery, tags: ["用户"] }, config: { auth: { permission: "user.read" } } }, async (request) => {
    const { page, pageSize, ...filter } = request.query;
    return pageResult({ page, pageSize }, await listUsers(db(), actorOf(request), filter, pageOf({ page, pageSize })));
  });

  app.post("/users", { schema: { body: createUserBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    const created = await inTransaction(app, (tx) => createUser(tx, actorOf(request), request.body));
    return reply.status(201).send(created);
  });

  const idParams = z.strictObject({ id: uuidSchema });

  app.patch("/users/:id", { schema: { params: idParams, body: updateUserBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request) =>
    inTransaction(app, (tx) => updateUser(tx, actorOf(request), request.params.id, request.body)),
  );

  app.post("/users/:id/reset-password", { schema: { params: idParams, body: resetPasswordBody, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => resetPassword(tx, actorOf(request), request.params.id, request.body.newPassword));
    return reply.status(204).send();
  });

  app.post("/users/:id/unlock", { schema: { params: idParams, tags: ["用户"] }, config: { auth: { permission: "user.manage" } } }, async (request, reply) => {
    await inTransaction(app, (tx) => unlockUser(tx, actorOf(request), request.params.id));
    return reply.status(204).send();
  });
}
