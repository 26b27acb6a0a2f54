// Identity: login with throttling and TOTP, server-side sessions, password change, user management.
// Functions take the database (or a transaction) first, so the caller owns the transaction.
import { and, asc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { checkRegionCode, checkResidentId, maskResidentId, scopeCovers, type Me, type UserView } from "@xiangcai/shared";
import type { Db } from "../platform/db.ts";
import { DomainError, fail, invariant } from "../platform/errors.ts";
import { uuidv7 } from "../platform/ids.ts";
import { randomToken, sha256Hex, encryptPersonal, decryptPersonal, residentIdBlindIndex, type DataKeys } from "../platform/crypto.ts";
import { generateTotpSecret, otpauthUri, verifyTotp } from "../platform/totp.ts";
import { defineSetting, readSetting } from "../platform/settings.ts";
import { recordAudit } from "../audit/index.ts";
import { containsPattern, scopeCondition } from "../platform/scope.ts";
import { region } from "../platform/regionTable.ts";
import { appUser, loginChallenge, session, userRole } from "./tables.ts";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./password.ts";
import { clearAccount, clearAfterSuccess, recordLoginFailure, throttledAccounts, throttleWait, type LoginAttempt } from "./throttle.ts";
import { isRoleCode, makeActor, roleGrantProblem, roles, type Actor, type RoleCode } from "./roles.ts";

export const securityDefaults = {
  sessionHours: 8,
  idleMinutes: 120,
  challengeMinutes: 5,
  totpRequiredRoles: ["townshipDirector", "districtAdmin"] as RoleCode[],
};

export const TOTP_REQUIRED_ROLES_KEY = "security.totpRequiredRoles";

export const totpRequiredRolesSetting = defineSetting<RoleCode[]>({
  key: TOTP_REQUIRED_ROLES_KEY,
  name: "须启用双因素认证的角色",
  description: "这些角色的用户登录后须先启用动态验证码（TOTP），才能办理业务。",
  kind: "roleList",
  levels: ["district"],
  parse(raw) {
    if (!Array.isArray(raw) || !raw.every((r) => typeof r === "string" && isRoleCode(r))) throw new Error("须为角色代码列表");
    return [...new Set(raw as RoleCode[])];
  },
  fallback: securityDefaults.totpRequiredRoles,
});

export function totpRequiredRoles(db: Db, regionCode: string): Promise<RoleCode[]> {
  return readSetting(db, regionCode, totpRequiredRolesSetting);
}

type UserRow = typeof appUser.$inferSelect;

async function rolesOf(db: Db, userId: string): Promise<RoleCode[]> {
  const found = await db.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, userId)).orderBy(asc(userRole.role));
  return found.map((r) => r.role).filter(isRoleCode);
}

export async function actorFor(db: Db, user: UserRow): Promise<Actor> {
  return makeActor(user, await rolesOf(db, user.id));
}

const systemActor = (user: UserRow) => ({ id: user.id, name: user.displayName });

// ---------------------------------------------------------------- sessions

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: string, now: Date): Promise<NewSession> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + securityDefaults.sessionHours * 3_600_000);
  await db.insert(session).values({ tokenHash: sha256Hex(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, csrfToken, expiresAt };
}

export interface ResolvedSession {
  user: UserRow;
  actor: Actor;
  csrfToken: string;
  tokenHash: string;
}

/** The session behind a cookie token, or null when it is unknown, expired, idle too long or the user is disabled. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  const tokenHash = sha256Hex(token);
  const [found] = await db
    .select({ s: session, u: appUser })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .where(eq(session.tokenHash, tokenHash));
  if (!found) return null;
  const idleLimit = now.getTime() - securityDefaults.idleMinutes * 60_000;
  if (found.s.expiresAt <= now || found.s.lastSeenAt.getTime() < idleLimit || found.u.status !== "active") {
    await db.delete(session).where(eq(session.tokenHash, tokenHash));
    return null;
  }
  // Touch at most once a minute: a busy page should not write on every request.
  if (now.getTime() - found.s.lastSeenAt.getTime() > 60_000) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.tokenHash, tokenHash));
  }
  return { user: found.u, actor: await actorFor(db, found.u), csrfToken: found.s.csrfToken, tokenHash };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(session).where(eq(session.tokenHash, tokenHash));
}

// ---------------------------------------------------------------- login

export type LoginResult =
  | { status: "ok"; user: UserRow; session: NewSession }
  | { status: "totp_required"; challengeId: string }
  | { status: "throttled"; retryAfterSeconds: number }
  | { status: "failed"; error: DomainError };

/** Where a login attempt comes from and when: the throttle counts per username and address. */
export interface LoginContext {
  address: string;
  now: Date;
}

const invalidCredentials = () => new DomainError("INVALID_CREDENTIALS", "用户名或密码错误。");

async function recordFailure(db: Db, user: UserRow | undefined, attempt: LoginAttempt, now: Date, how: "password" | "totp"): Promise<void> {
  await recordLoginFailure(db, attempt, now);
  if (user) {
    await recordAudit(db, { regionCode: user.regionCode, actor: systemActor(user), action: "user.loginFailed", entityType: "user", entityId: user.id, after: { how } }, now);
  }
}

async function succeed(db: Db, user: UserRow, attempt: LoginAttempt, now: Date, how: string): Promise<LoginResult> {
  await clearAfterSuccess(db, attempt);
  await db.update(appUser).set({ lastLoginAt: now }).where(eq(appUser.id, user.id));
  await recordAudit(db, { regionCode: user.regionCode, actor: systemActor(user), action: "user.login", entityType: "user", entityId: user.id, after: { how } }, now);
  return { status: "ok", user, session: await createSession(db, user.id, now) };
}

const disabledError = () => new DomainError("ACCOUNT_DISABLED", "账户已停用，请联系管理员。");

/**
 * Checks a password. A throttled attempt is refused before the password is looked at; an unknown
 * username costs the same password hashing and is throttled and answered exactly like a real one.
 * A disabled account is named only to someone who gave its password.
 */
export async function login(db: Db, input: { username: string; password: string }, context: LoginContext): Promise<LoginResult> {
  const { now } = context;
  const attempt: LoginAttempt = { username: input.username.toLowerCase(), address: context.address };
  const wait = await throttleWait(db, attempt, now);
  if (wait > 0) return { status: "throttled", retryAfterSeconds: wait };
  const [user] = await db.select().from(appUser).where(eq(appUser.username, attempt.username));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    await recordFailure(db, user, attempt, now, "password");
    return { status: "failed", error: invalidCredentials() };
  }
  if (user.status !== "active") return { status: "failed", error: disabledError() };
  if (user.totpEnabled) {
    const challengeId = randomToken(24);
    await db.insert(loginChallenge).values({
      tokenHash: sha256Hex(challengeId),
      userId: user.id,
      expiresAt: new Date(now.getTime() + securityDefaults.challengeMinutes * 60_000),
    });
    await db.delete(loginChallenge).where(lt(loginChallenge.expiresAt, now));
    return { status: "totp_required", challengeId };
  }
  return succeed(db, user, attempt, now, "password");
}

/** Accepts a TOTP code once per time step, so a code seen over a shoulder cannot be replayed. */
function acceptTotp(keys: DataKeys, user: UserRow, sealed: string, code: string, now: Date): number | null {
  const result = verifyTotp(decryptPersonal(keys, sealed), code, now.getTime());
  if (!result.ok) return null;
  if (user.totpLastStep !== null && result.step <= user.totpLastStep) return null;
  return result.step;
}

export async function completeTotpLogin(db: Db, keys: DataKeys, input: { challengeId: string; code: string }, context: LoginContext): Promise<LoginResult> {
  const { now } = context;
  const tokenHash = sha256Hex(input.challengeId);
  const [challenge] = await db.select().from(loginChallenge).where(eq(loginChallenge.tokenHash, tokenHash));
  if (!challenge || challenge.expiresAt <= now) {
    return { status: "failed", error: new DomainError("NOT_AUTHENTICATED", "验证已过期，请重新输入用户名和密码。") };
  }
  const [user] = await db.select().from(appUser).where(eq(appUser.id, challenge.userId));
  invariant(user, "login challenge points at an existing user");
  const attempt: LoginAttempt = { username: user.username, address: context.address };
  const wait = await throttleWait(db, attempt, now);
  if (wait > 0) return { status: "throttled", retryAfterSeconds: wait };
  if (user.status !== "active") return { status: "failed", error: disabledError() };
  invariant(user.totpSecretSealed, "a TOTP challenge exists only for a user with TOTP on");
  const step = acceptTotp(keys, user, user.totpSecretSealed, input.code, now);
  if (step === null) {
    if (challenge.attempts + 1 >= 3) await db.delete(loginChallenge).where(eq(loginChallenge.tokenHash, tokenHash));
    else await db.update(loginChallenge).set({ attempts: challenge.attempts + 1 }).where(eq(loginChallenge.tokenHash, tokenHash));
    await recordFailure(db, user, attempt, now, "totp");
    return { status: "failed", error: new DomainError("TOTP_INVALID", "动态验证码不正确或已使用。") };
  }
  await db.delete(loginChallenge).where(eq(loginChallenge.tokenHash, tokenHash));
  await db.update(appUser).set({ totpLastStep: step }).where(eq(appUser.id, user.id));
  return succeed(db, user, attempt, now, "password+totp");
}

// ---------------------------------------------------------------- the current user


export async function describeMe(db: Db, user: UserRow, actor: Actor): Promise<Me> {
  const [own] = await db.select({ name: region.name }).from(region).where(eq(region.regionCode, user.regionCode));
  const required = await totpRequiredRoles(db, user.regionCode);
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    regionCode: user.regionCode,
    regionName: own?.name ?? user.regionCode,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    totpEnabled: user.totpEnabled,
    totpEnrollRequired: !user.totpEnabled && actor.roles.some((r) => required.includes(r)),
    mustChangePassword: user.mustChangePassword,
  };
}

export async function changePassword(db: Db, user: UserRow, input: { currentPassword: string; newPassword: string }, keepTokenHash: string, at: Date): Promise<void> {
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) fail("INVALID_CREDENTIALS", "当前密码不正确。");
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) fail("VALIDATION_FAILED", problem, [{ path: "newPassword", message: problem }]);
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    fail("VALIDATION_FAILED", "新密码不能与当前密码相同。", [{ path: "newPassword", message: "新密码不能与当前密码相同。" }]);
  }
  await db.update(appUser).set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false, updatedAt: at }).where(eq(appUser.id, user.id));
  // Other sessions of this user end: a changed password should lock out whoever else had it.
  await db.delete(session).where(and(eq(session.userId, user.id), sql`${session.tokenHash} <> ${keepTokenHash}`));
  await recordAudit(db, { regionCode: user.regionCode, actor: systemActor(user), action: "user.passwordChanged", entityType: "user", entityId: user.id }, at);
}

export async function beginTotpSetup(db: Db, keys: DataKeys, user: UserRow): Promise<{ secret: string; otpauthUri: string }> {
  const secret = generateTotpSecret();
  await db.update(appUser).set({ totpPendingSealed: encryptPersonal(keys, secret) }).where(eq(appUser.id, user.id));
  return { secret, otpauthUri: otpauthUri(secret, user.username) };
}

export async function enableTotp(db: Db, keys: DataKeys, user: UserRow, code: string, now: Date): Promise<void> {
  if (!user.totpPendingSealed) fail("INVALID_TRANSITION", "请先生成双因素认证密钥。");
  const step = acceptTotp(keys, { ...user, totpLastStep: null }, user.totpPendingSealed!, code, now);
  if (step === null) fail("TOTP_INVALID", "动态验证码不正确，请核对手机上的验证器。");
  await db
    .update(appUser)
    .set({ totpSecretSealed: user.totpPendingSealed, totpPendingSealed: null, totpEnabled: true, totpLastStep: step, updatedAt: now })
    .where(eq(appUser.id, user.id));
  await recordAudit(db, { regionCode: user.regionCode, actor: systemActor(user), action: "user.totpEnabled", entityType: "user", entityId: user.id }, now);
}

export async function disableTotp(db: Db, keys: DataKeys, user: UserRow, actor: Actor, code: string, now: Date): Promise<void> {
  if (!user.totpEnabled || !user.totpSecretSealed) fail("INVALID_TRANSITION", "双因素认证尚未启用。");
  const required = await totpRequiredRoles(db, user.regionCode);
  if (actor.roles.some((r) => required.includes(r))) fail("FORBIDDEN", "您的角色必须启用双因素认证，不能关闭。");
  if (acceptTotp(keys, user, user.totpSecretSealed!, code, now) === null) fail("TOTP_INVALID", "动态验证码不正确。");
  await db.update(appUser).set({ totpSecretSealed: null, totpEnabled: false, totpLastStep: null, updatedAt: now }).where(eq(appUser.id, user.id));
  await recordAudit(db, { regionCode: user.regionCode, actor: systemActor(user), action: "user.totpDisabled", entityType: "user", entityId: user.id }, now);
}

// ---------------------------------------------------------------- user management


async function viewUsers(db: Db, users: UserRow[], now: Date): Promise<UserView[]> {
  if (users.length === 0) return [];
  const ids = users.map((u) => u.id);
  const throttled = await throttledAccounts(db, users.map((u) => u.username), now);
  const roleRows = await db.select().from(userRole).where(inArray(userRole.userId, ids)).orderBy(asc(userRole.role));
  const regionRows = await db.select({ code: region.regionCode, name: region.name }).from(region).where(inArray(region.regionCode, [...new Set(users.map((u) => u.regionCode))]));
  return users.map((u) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    regionCode: u.regionCode,
    regionName: regionRows.find((r) => r.code === u.regionCode)?.name ?? u.regionCode,
    roles: roleRows.filter((r) => r.userId === u.id).map((r) => r.role).filter(isRoleCode),
    status: u.status,
    locked: throttled.has(u.username),
    totpEnabled: u.totpEnabled,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    residentIdMasked: u.residentIdMasked,
  }));
}

/** What the audit log keeps of a user: never the password hash or TOTP secret. */
function auditView(view: UserView) {
  return { username: view.username, displayName: view.displayName, regionCode: view.regionCode, roles: view.roles, status: view.status };
}

export async function listUsers(
  db: Db,
  actor: Actor,
  filter: { regionCode?: string | undefined; role?: string | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
  now: Date,
): Promise<{ items: UserView[]; total: number }> {
  const conditions: SQL[] = [scopeCondition(appUser.regionCode, actor.scopePrefix)];
  if (filter.regionCode) conditions.push(eq(appUser.regionCode, filter.regionCode));
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    conditions.push(or(ilike(appUser.username, pattern), ilike(appUser.displayName, pattern))!);
  }
  if (filter.role) conditions.push(sql`exists (select 1 from user_role r where r.user_id = ${appUser.id} and r.role = ${filter.role})`);
  const where = and(...conditions);
  const found = await db.select().from(appUser).where(where).orderBy(asc(appUser.regionCode), asc(appUser.username)).limit(page.limit).offset(page.offset);
  const [count] = await db.select({ n: sql<bigint>`count(*)` }).from(appUser).where(where);
  return { items: await viewUsers(db, found, now), total: Number(count?.n ?? 0n) };
}

async function userInScope(db: Db, actor: Actor, id: string): Promise<UserRow> {
  const [user] = await db.select().from(appUser).where(eq(appUser.id, id));
  if (!user || !scopeCovers(actor.scopePrefix, user.regionCode)) fail("OUT_OF_SCOPE", "用户不存在或不在您的管理范围内。");
  return user!;
}

async function regionLevelInScope(db: Db, actor: Actor, regionCode: string): Promise<"district" | "township" | "village"> {
  const checked = checkRegionCode(regionCode);
  if (!checked.valid) fail("VALIDATION_FAILED", `区划代码无效：${checked.message}`, [{ path: "regionCode", message: checked.message }]);
  if (!scopeCovers(actor.scopePrefix, regionCode)) fail("OUT_OF_SCOPE", "该机构不在您的管理范围内。");
  const [row] = await db.select({ level: region.level }).from(region).where(eq(region.regionCode, regionCode));
  if (!row) fail("NOT_FOUND", "机构不存在。", [{ path: "regionCode", message: "机构不存在" }]);
  return row!.level;
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: { username: string; displayName: string; regionCode: string; roles: string[]; password: string },
  at: Date,
): Promise<UserView> {
  const level = await regionLevelInScope(db, actor, input.regionCode);
  const roleList = parseRoles(input.roles);
  const grant = roleGrantProblem(actor, roleList, level);
  if (grant) fail("FORBIDDEN", grant);
  const problem = passwordProblem(input.password, input.username);
  if (problem) fail("VALIDATION_FAILED", problem, [{ path: "password", message: problem }]);
  const username = input.username.toLowerCase();
  const [taken] = await db.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, username));
  if (taken) fail("DUPLICATE", `用户名“${username}”已被使用。`, [{ path: "username", message: "用户名已被使用" }]);
  const id = uuidv7();
  await db.insert(appUser).values({
    id,
    regionCode: input.regionCode,
    username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    mustChangePassword: true,
    createdBy: actor.userId,
  });
  if (roleList.length) await db.insert(userRole).values(roleList.map((role) => ({ userId: id, role })));
  const [created] = await viewUsers(db, await db.select().from(appUser).where(eq(appUser.id, id)), at);
  invariant(created, "the user just inserted is found");
  await recordAudit(db, { regionCode: input.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "user.created", entityType: "user", entityId: id, after: auditView(created) }, at);
  return created;
}

function parseRoles(list: string[]): RoleCode[] {
  const unknown = list.filter((r) => !isRoleCode(r));
  if (unknown.length) fail("VALIDATION_FAILED", `未知角色：${unknown.join("、")}`, [{ path: "roles", message: "未知角色" }]);
  return [...new Set(list as RoleCode[])];
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: { displayName?: string | undefined; roles?: string[] | undefined; status?: "active" | "disabled" | undefined },
  at: Date,
): Promise<UserView> {
  const user = await userInScope(db, actor, id);
  const [before] = await viewUsers(db, [user], at);
  invariant(before, "user view exists");
  if (input.roles !== undefined) {
    const roleList = parseRoles(input.roles);
    const level = await regionLevelInScope(db, actor, user.regionCode);
    const grant = roleGrantProblem(actor, roleList, level);
    if (grant) fail("FORBIDDEN", grant);
    // Taking away a district-granted role is as sensitive as granting it.
    const removed = before.roles.filter(isRoleCode).filter((r) => !roleList.includes(r));
    const removeProblem = roleGrantProblem(actor, removed, level);
    if (removed.length && removeProblem) fail("FORBIDDEN", removeProblem);
    if (id === actor.userId) fail("FORBIDDEN", "不能修改自己的角色。");
    await db.delete(userRole).where(eq(userRole.userId, id));
    if (roleList.length) await db.insert(userRole).values(roleList.map((role) => ({ userId: id, role })));
  }
  if (input.status !== undefined && id === actor.userId) fail("FORBIDDEN", "不能停用自己的账户。");
  await db
    .update(appUser)
    .set({
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      updatedAt: at,
    })
    .where(eq(appUser.id, id));
  if (input.status === "disabled") await db.delete(session).where(eq(session.userId, id));
  const [after] = await viewUsers(db, await db.select().from(appUser).where(eq(appUser.id, id)), at);
  invariant(after, "user view exists");
  await recordAudit(db, { regionCode: user.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "user.updated", entityType: "user", entityId: id, before: auditView(before), after: auditView(after) }, at);
  return after;
}

/**
 * Records (or, with null, removes) a user's own resident ID: sealed, blind-indexed and masked like a
 * subsidy recipient's, so fund supervision can tell when a payee or recipient is platform staff.
 */
export async function setUserResidentId(db: Db, actor: Actor, keys: DataKeys, id: string, residentId: string | null, at: Date): Promise<void> {
  const user = await userInScope(db, actor, id);
  let values: { residentIdSealed: string | null; residentIdIndex: string | null; residentIdMasked: string | null } = { residentIdSealed: null, residentIdIndex: null, residentIdMasked: null };
  if (residentId !== null && residentId !== "") {
    const checked = checkResidentId(residentId, at);
    if (!checked.valid) return fail("VALIDATION_FAILED", "身份证号无效。", [{ path: "residentId", message: "身份证号无效" }]);
    values = { residentIdSealed: encryptPersonal(keys, checked.normalized), residentIdIndex: residentIdBlindIndex(keys, checked.normalized), residentIdMasked: maskResidentId(checked.normalized) };
  }
  if (values.residentIdIndex === user.residentIdIndex) return;
  await db.update(appUser).set({ ...values, updatedAt: at }).where(eq(appUser.id, id));
  await recordAudit(db, { regionCode: user.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "user.residentIdRecorded", entityType: "user", entityId: id, before: { residentId: user.residentIdMasked }, after: { residentId: values.residentIdMasked } }, at);
}

export async function resetPassword(db: Db, actor: Actor, id: string, newPassword: string, at: Date): Promise<void> {
  const user = await userInScope(db, actor, id);
  const problem = passwordProblem(newPassword, user.username);
  if (problem) fail("VALIDATION_FAILED", problem, [{ path: "newPassword", message: problem }]);
  await db.update(appUser).set({ passwordHash: await hashPassword(newPassword), mustChangePassword: true, updatedAt: at }).where(eq(appUser.id, id));
  await db.delete(session).where(eq(session.userId, id));
  await recordAudit(db, { regionCode: user.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "user.passwordReset", entityType: "user", entityId: id }, at);
}

/** Clears every login delay on the account (from every address): the owner may try again at once. */
export async function unlockUser(db: Db, actor: Actor, id: string, at: Date): Promise<void> {
  const user = await userInScope(db, actor, id);
  await clearAccount(db, user.username);
  await recordAudit(db, { regionCode: user.regionCode, actor: { id: actor.userId, name: actor.displayName }, action: "user.unlocked", entityType: "user", entityId: id }, at);
}

export function roleCatalogue() {
  return Object.entries(roles).map(([code, def]) => ({ code, name: def.name, levels: [...def.levels], permissions: [...def.permissions] }));
}

/** Users in a region who could take over a matter there (for hand-over pickers). */
export async function activeUsersIn(db: Db, regionCode: string, now: Date): Promise<UserView[]> {
  const found = await db.select().from(appUser).where(and(eq(appUser.regionCode, regionCode), eq(appUser.status, "active"))).orderBy(asc(appUser.displayName));
  return viewUsers(db, found, now);
}

export async function userById(db: Db, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(appUser).where(eq(appUser.id, id));
  return user;
}
