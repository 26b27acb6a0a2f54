// Who is signed in. The context loads `Me` from GET /auth/me once at start, keeps it after
// login, and drops it when the server says the session is gone; pages read it through
// useAuth() or useMe().
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { authApi, setAuthEvents } from "../api.ts";
import type { Me } from "../apiTypes.ts";
import { hasPermission, type PermissionRule } from "../navigation.ts";

export type AuthState =
  | { status: "loading" }
  | { status: "anonymous"; expired: boolean }
  | { status: "signedIn"; me: Me }
  | { status: "unreachable"; error: unknown };

export interface AuthContextValue {
  state: AuthState;
  me: Me | null;
  /** Records the user answered by a successful login. */
  signIn: (me: Me) => void;
  /** Reloads `Me` (after a password change, TOTP enrolment, or a 403 asking for a step). */
  refresh: () => Promise<Me | null>;
  signOut: () => Promise<void>;
  can: (rule: PermissionRule) => boolean;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: "loading" });
  const signedIn = useRef(false);

  const load = useCallback(async (): Promise<Me | null> => {
    try {
      const answer = await authApi.me();
      if (answer === null) {
        signedIn.current = false;
        setState({ status: "anonymous", expired: false });
        return null;
      }
      signedIn.current = true;
      setState({ status: "signedIn", me: answer.user });
      return answer.user;
    } catch (error) {
      setState({ status: "unreachable", error });
      return null;
    }
  }, []);

  useEffect(() => {
    setAuthEvents({
      onUnauthenticated: () => {
        // "expired" lets the login page say why the user is back there.
        setState({ status: "anonymous", expired: signedIn.current });
        signedIn.current = false;
      },
      onStepRequired: () => {
        void load();
      },
    });
    void load();
  }, [load]);

  const signIn = useCallback((me: Me) => {
    signedIn.current = true;
    setState({ status: "signedIn", me });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      signedIn.current = false;
      setState({ status: "anonymous", expired: false });
    }
  }, []);

  const me = state.status === "signedIn" ? state.me : null;
  const can = useCallback((rule: PermissionRule) => me !== null && hasPermission(me.permissions, rule), [me]);

  const value = useMemo<AuthContextValue>(
    () => ({ state, me, signIn, refresh: load, signOut, can }),
    [state, me, signIn, load, signOut, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}

/** The signed-in user; only for pages behind the sign-in gate, where there always is one. */
export function useMe(): Me {
  const { me } = useAuth();
  if (me === null) throw new Error("useMe used outside the signed-in area");
  return me;
}
