// HTTP routes of the flow engine: my to-do, overdue in my scope, owned matters, transitions, hand-over.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { handoverBody, taskListQuery, transitionBody, uuidSchema } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { activeUsersIn } from "../identity/index.ts";
import { getTask, handover, listTasks, transition, type TaskList } from "./engine.ts";

export async function flowRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const idParams = z.strictObject({ id: uuidSchema });

  for (const list of ["todo", "overdue", "owned"] as TaskList[]) {
    app.get(`/flow/${list}`, { schema: { querystring: taskListQuery, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request) => {
      const q = request.query;
      return pageResult(q, await listTasks(db(), actorOf(request), list, pageOf(q)));
    });
  }

  app.get("/flow/instances/:id", { schema: { params: idParams, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request) =>
    getTask(db(), actorOf(request), request.params.id),
  );

  app.post("/flow/instances/:id/transitions", { schema: { params: idParams, body: transitionBody, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request) => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => transition(tx, actor, { instanceId: request.params.id, ...request.body }));
    return getTask(db(), actor, request.params.id);
  });

  app.post("/flow/instances/:id/handover", { schema: { params: idParams, body: handoverBody, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request) => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => handover(tx, actor, { instanceId: request.params.id, ...request.body }));
    return getTask(db(), actor, request.params.id);
  });

  app.get("/flow/instances/:id/handover-candidates", { schema: { params: idParams, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request) => {
    const actor = actorOf(request);
    const task = await getTask(db(), actor, request.params.id);
    const users = await activeUsersIn(db(), task.regionCode.slice(0, 9));
    return users.filter((u) => u.id !== task.ownerId).map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles }));
  });
}
