// Which page a signed-in user must see before anything else: the server refuses every
// other route until a required password change or TOTP enrolment is done, so the web app
// sends the user there and lets nothing else be reached.
import type { Me } from "../apiTypes.ts";

export const LOGIN_PATH = "/login";
export const PASSWORD_PATH = "/account/password";
export const TOTP_PATH = "/account/totp";

/** What the sign-in gate tells the login page through the router's location state. */
export interface LoginLocationState {
  /** The page the user asked for, to return to after login. */
  from?: string;
  /** True when a session ended under the user, so the page can say why they are back. */
  expired?: boolean;
}

/** The page the user must complete first, or null when the user may go anywhere. */
export function requiredStepPath(me: Pick<Me, "mustChangePassword" | "totpEnrollRequired">): string | null {
  // The password comes first: enrolling TOTP on an account whose password is about to be
  // replaced would bind the authenticator under a password the user is told to drop.
  if (me.mustChangePassword) return PASSWORD_PATH;
  if (me.totpEnrollRequired) return TOTP_PATH;
  return null;
}

/** Where to go after login: a required step, else the page the user first asked for, else home. */
export function afterLoginPath(me: Pick<Me, "mustChangePassword" | "totpEnrollRequired">, wanted: string | null): string {
  const step = requiredStepPath(me);
  if (step !== null) return step;
  // Only same-site paths: a crafted "?from=//evil.example" must not lead off the site.
  if (wanted !== null && wanted.startsWith("/") && !wanted.startsWith("//") && !wanted.startsWith(LOGIN_PATH)) {
    return wanted;
  }
  return "/";
}
