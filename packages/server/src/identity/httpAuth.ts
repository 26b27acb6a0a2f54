// Identity's part in every request, lent to the HTTP shell (platform/http.ts) by app.ts: the session
// behind a cookie, and what a user must set up before anything else. The declaration below tells the
// shell the types of a session and a permission, so actorOf(request) is an identity Actor while the
// platform imports nothing of identity.
import type { AuthHooks } from "../platform/http.ts";
import type { Permission as IdentityPermission } from "./roles.ts";
import { resolveSession, totpRequiredRoles, type ResolvedSession as IdentitySession } from "./service.ts";

declare module "../platform/http.ts" {
  interface AuthTypes {
    // (Names inside this block resolve in platform/http.ts first: hence the aliases.)
    session: IdentitySession;
    permission: IdentityPermission;
  }
}

export const identityAuth: AuthHooks = {
  resolveSession: (db, token, at) => resolveSession(db, token, at),
  async pendingSetup(db, session) {
    if (session.user.mustChangePassword) return { code: "PASSWORD_CHANGE_REQUIRED", detail: "请先修改初始密码。" };
    if (!session.user.totpEnabled) {
      const required = await totpRequiredRoles(db, session.user.regionCode);
      if (session.actor.roles.some((r) => required.includes(r))) return { code: "TOTP_ENROLL_REQUIRED", detail: "您的角色须先启用双因素认证。" };
    }
    return null;
  },
};
