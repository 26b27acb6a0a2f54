// HTTP routes of the flow engine: my to-do, overdue in my scope, owned matters, transitions, hand-over.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { handoverBody, taskListQuery, todoSourceParams, todoSourceQuery, transitionBody, uuidSchema, type TodoCountsView, type TodoItemView, type TodoTaskDetail } from "@xiangcai/shared";
import { actorOf, inTransaction } from "../platform/http.ts";
import { pageOf, pageResult } from "../platform/paging.ts";
import { activeUsersIn } from "../identity/index.ts";
import { getTask, handover, listTasks, transition, type TaskList } from "./engine.ts";
import type { FlowTaskDetail, FlowTaskView, HandoverCandidateView, Page } from "@xiangcai/shared";
import { getTodoTask, listTodoSource, todoCounts } from "./todo.ts";

export async function flowRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = () => app.database.db;
  const idParams = z.strictObject({ id: uuidSchema });
  const now = () => app.clock.now();

  // Everything that waits for the user, counted: the menu's badge and the home pages.
  app.get("/todo/counts", { schema: { tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<TodoCountsView> => todoCounts(db(), actorOf(request), now()));

  // Work another domain feeds into the to-do (budget lines waiting for review …), one page.
  app.get("/todo/sources/:code", { schema: { params: todoSourceParams, querystring: todoSourceQuery, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<Page<TodoItemView>> => {
    const q = request.query;
    return pageResult(q, await listTodoSource(db(), actorOf(request), request.params.code, pageOf(q), now()));
  });

  for (const list of ["todo", "overdue", "owned"] as TaskList[]) {
    app.get(`/flow/${list}`, { schema: { querystring: taskListQuery, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<Page<FlowTaskView>> => {
      const q = request.query;
      return pageResult(q, await listTasks(db(), actorOf(request), list, pageOf(q), app.clock.now()));
    });
  }

  // A matter with what is being approved (its domain's summary card) and who may act on it.
  app.get("/flow/instances/:id", { schema: { params: idParams, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<TodoTaskDetail> =>
    getTodoTask(db(), actorOf(request), request.params.id, now()),
  );

  app.post("/flow/instances/:id/transitions", { schema: { params: idParams, body: transitionBody, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<FlowTaskDetail> => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => transition(tx, actor, { instanceId: request.params.id, ...request.body }, app.clock.now()));
    return getTodoTask(db(), actor, request.params.id, now());
  });

  app.post("/flow/instances/:id/handover", { schema: { params: idParams, body: handoverBody, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<FlowTaskDetail> => {
    const actor = actorOf(request);
    await inTransaction(app, (tx) => handover(tx, actor, { instanceId: request.params.id, ...request.body }, app.clock.now()));
    return getTodoTask(db(), actor, request.params.id, now());
  });

  app.get("/flow/instances/:id/handover-candidates", { schema: { params: idParams, tags: ["流程"] }, config: { auth: { permission: "flow.read" } } }, async (request): Promise<HandoverCandidateView[]> => {
    const actor = actorOf(request);
    const task = await getTask(db(), actor, request.params.id, app.clock.now());
    const users = await activeUsersIn(db(), task.regionCode.slice(0, 9), app.clock.now());
    return users.filter((u) => u.id !== task.ownerId).map((u) => ({ id: u.id, displayName: u.displayName, roles: u.roles }));
  });
}
