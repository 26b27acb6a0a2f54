// The flow engine's public face. Domains declare their flows as FlowDefinition data; the composition
// root (src/domains.ts) registers them with registerFlow.
export { registerFlow, flowDefinition, type FlowDefinition, type TransitionContext } from "./definition.ts";
export { overdueStates, startFlow, startFlowFor, transition, handover, listTasks, getTask, type TaskView, type TaskDetail } from "./engine.ts";
export { flowInstance, flowEvent } from "./tables.ts";
export { registerTodoSummary, registerTodoSource, registeredTodoSources, summaryOf, getTodoTask, todoCounts, type TodoSummaryProvider, type TodoSource, type TodoMatter } from "./todo.ts";
export { countTasks, instanceScope, workCalendar } from "./engine.ts";
