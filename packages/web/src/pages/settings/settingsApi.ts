// The settings API (GET/PUT/DELETE /settings): every configurable rule with its value and source.
import { request } from "../../api.ts";

export interface Setting {
  key: string;
  name: string;
  description: string;
  kind: "integer" | "roleList" | "calendar" | "integerMap" | "json";
  levels: ("district" | "township")[];
  fallback: unknown;
  value: unknown;
  source: string;
  own: unknown;
  editable: boolean;
}

export const settingsApi = {
  list: (regionCode: string) => request<{ items: Setting[] }>("/settings", { query: { regionCode } }),
  change: (key: string, regionCode: string, value: unknown) =>
    request<{ items: Setting[] }>(`/settings/${encodeURIComponent(key)}`, { method: "PUT", body: { regionCode, value } }),
  reset: (key: string, regionCode: string) =>
    request<{ items: Setting[] }>(`/settings/${encodeURIComponent(key)}`, { method: "DELETE", query: { regionCode } }),
};
