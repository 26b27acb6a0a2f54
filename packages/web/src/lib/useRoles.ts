// The role catalogue from GET /roles, loaded once per page load. Users who may not read
// it get the names of docs/api.md instead, so that role names still show in Chinese.
import { useEffect, useMemo, useState } from "react";
import { roleApi } from "../api.ts";
import type { Role } from "../apiTypes.ts";
import { ROLE_NAMES } from "./labels.ts";

let cached: Promise<Role[]> | null = null;

function fallbackRoles(): Role[] {
  return Object.entries(ROLE_NAMES).map(([code, name]) => ({ code, name, levels: [], permissions: [] }));
}

function loadRoles(): Promise<Role[]> {
  cached ??= roleApi.list().catch(() => {
    cached = null;
    return fallbackRoles();
  });
  return cached;
}

export function useRoles(): { roles: Role[]; names: ReadonlyMap<string, string>; loading: boolean } {
  const [roles, setRoles] = useState<Role[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void loadRoles().then((list) => {
      if (!cancelled) setRoles(list);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  const names = useMemo(() => new Map((roles ?? fallbackRoles()).map((role) => [role.code, role.name])), [roles]);
  return { roles: roles ?? fallbackRoles(), names, loading: roles === null };
}
