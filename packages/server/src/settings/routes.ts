// HTTP routes of the settings page: list every configurable rule for a region, change or reset it.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { regionCodeSchema, settingChangeBody, settingListQuery } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { changeSetting, listSettings, resetSetting } from "./service.ts";
import type { Items, SettingView } from "@xiangcai/shared";

export async function settingsRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const keyParams = z.strictObject({ key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9.]{2,80}$/) });

  app.get("/settings", { schema: { querystring: settingListQuery, tags: ["设置"] }, config: { auth: { permission: "org.read" } } }, async (request): Promise<Items<SettingView>> => {
    const actor = actorOf(request);
    return { items: await listSettings(app.database.db, actor, request.query.regionCode ?? actor.regionCode) };
  });

  app.put("/settings/:key", { schema: { params: keyParams, body: settingChangeBody, tags: ["设置"] }, config: { auth: { permission: "settings.manage" } } }, async (request): Promise<Items<SettingView>> => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => changeSetting(tx, actor, request.params.key, request.body, app.clock.now()));
    return { items: await listSettings(app.database.db, actor, request.body.regionCode) };
  });

  app.delete("/settings/:key", { schema: { params: keyParams, querystring: z.strictObject({ regionCode: regionCodeSchema }), tags: ["设置"] }, config: { auth: { permission: "settings.manage" } } }, async (request): Promise<Items<SettingView>> => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => resetSetting(tx, actor, request.params.key, request.query.regionCode, app.clock.now()));
    return { items: await listSettings(app.database.db, actor, request.query.regionCode) };
  });
}
