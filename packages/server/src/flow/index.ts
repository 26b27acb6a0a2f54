// The flow engine's public face.
export { registerFlow, flowDefinition, type FlowDefinition, type TransitionContext } from "./definition.ts";
export { flowRoutes } from "./routes.ts";
export { startFlow, transition, handover, listTasks, getTask, type TaskView, type TaskDetail } from "./engine.ts";
export { flowInstance, flowEvent } from "./tables.ts";
