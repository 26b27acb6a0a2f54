// A flow is data: its states, the role that acts at each step, the step's time limit in working
// days, and the allowed transitions. Domains register their flows; the engine runs them all.
import type { SQL } from "drizzle-orm";
import type { Db } from "../platform/db.ts";
import type { Actor, RoleCode } from "../identity/index.ts";

export interface FlowState {
  name: string;
  /** Who acts at this step. Empty for final states. */
  roles: readonly RoleCode[];
  /** Time limit for the step (限时办结), in working days; configurable per region by setting. */
  deadlineWorkingDays?: number;
  final?: boolean;
  /**
   * The step is its owner's (首问负责): only the matter's owner acts at it and finds it in the to-do,
   * though others hold the step's role; another colleague takes it over by hand-over on the record.
   */
  ownerOnly?: boolean;
}

export interface FlowTransition {
  from: string;
  action: string;
  label: string;
  to: string;
  /** Who may take it; defaults to the roles of the `from` state. */
  roles?: readonly RoleCode[];
  noteRequired?: boolean;
  /** Separation of duties: the person who entered the matter may not take this transition. */
  separateFromCreator?: boolean;
}

export interface TransitionContext {
  regionCode: string;
  instanceId: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
  action: string;
  note: string | null;
  actor: Actor;
  at: Date;
}

export interface FlowDefinition {
  code: string;
  name: string;
  entityType: string;
  initialState: string;
  states: Readonly<Record<string, FlowState>>;
  transitions: readonly FlowTransition[];
  /** The domain's own effect of a transition (e.g. activating a budget unit), in the same transaction. */
  onTransition?: (tx: Db, context: TransitionContext) => Promise<void>;
  /**
   * Matters of this flow held at a wider region that an actor with a narrower scope still works on
   * (a village's rosters run at the township): a condition on flow_instance naming them, or null.
   * The engine adds it beside the actor's own scope when listing, reading and moving matters.
   */
  narrowScope?: (actor: Actor) => SQL | null;
  /**
   * A step whose time limit is a date the domain keeps rather than working days (a report due on
   * the 10th of the next month): the deadline of `state` for the matter, or undefined to use the
   * working days. Called when the matter enters the step.
   */
  deadlineOf?: (tx: Db, step: { regionCode: string; entityId: string; state: string; at: Date }) => Promise<Date | null | undefined>;
}

const registry = new Map<string, FlowDefinition>();

/** Checks a definition's consistency once, when it is registered: a broken flow is a bug. */
export function validateFlow(def: FlowDefinition): string[] {
  const problems: string[] = [];
  const initial = def.states[def.initialState];
  if (!initial) problems.push(`initial state ${def.initialState} is not a state`);
  else if (initial.final) problems.push("initial state is final");
  for (const t of def.transitions) {
    const from = def.states[t.from];
    if (!from) problems.push(`transition ${t.action} from unknown state ${t.from}`);
    else if (from.final) problems.push(`transition ${t.action} leaves final state ${t.from}`);
    if (!def.states[t.to]) problems.push(`transition ${t.action} to unknown state ${t.to}`);
    if (def.transitions.filter((o) => o.from === t.from && o.action === t.action).length > 1) {
      problems.push(`action ${t.action} is ambiguous in state ${t.from}`);
    }
  }
  for (const [code, state] of Object.entries(def.states)) {
    if (!state.final && state.roles.length === 0) problems.push(`open state ${code} has no role`);
    if (!state.final && !def.transitions.some((t) => t.from === code)) problems.push(`open state ${code} has no way out`);
    const days = state.deadlineWorkingDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 365)) problems.push(`state ${code} has a bad deadline`);
  }
  return problems;
}

export function registerFlow(def: FlowDefinition): void {
  const problems = validateFlow(def);
  if (problems.length) throw new Error(`Flow ${def.code} is inconsistent: ${problems.join("; ")}`);
  const existing = registry.get(def.code);
  if (existing && existing !== def) throw new Error(`Flow ${def.code} registered twice`);
  registry.set(def.code, def);
}

export function flowDefinition(code: string): FlowDefinition {
  const def = registry.get(code);
  if (!def) throw new Error(`Unknown flow ${code}`);
  return def;
}

export function registeredFlows(): FlowDefinition[] {
  return [...registry.values()];
}

export function transitionRoles(def: FlowDefinition, t: FlowTransition): readonly RoleCode[] {
  return t.roles ?? def.states[t.from]?.roles ?? [];
}

/** The transitions an actor may take from a state, before the separation-of-duties check. */
export function allowedTransitions(def: FlowDefinition, state: string, actor: Pick<Actor, "roles">): FlowTransition[] {
  return def.transitions.filter((t) => t.from === state && transitionRoles(def, t).some((r) => actor.roles.includes(r)));
}
