// The settings API (GET/PUT/DELETE /settings): every configurable rule with its value and source.
import type { Items, SettingView } from "@xiangcai/shared";
import { request } from "../../api.ts";

export type { SettingView as Setting } from "@xiangcai/shared";

export const settingsApi = {
  list: (regionCode: string) => request<Items<SettingView>>("/settings", { query: { regionCode } }),
  change: (key: string, regionCode: string, value: unknown) =>
    request<Items<SettingView>>(`/settings/${encodeURIComponent(key)}`, { method: "PUT", body: { regionCode, value } }),
  reset: (key: string, regionCode: string) =>
    request<Items<SettingView>>(`/settings/${encodeURIComponent(key)}`, { method: "DELETE", query: { regionCode } }),
};
