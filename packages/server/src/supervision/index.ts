// The fund supervision domain's public face: its flows (the alert's verification, and its kind of
// the shared rectification; registered by domains.ts), the rule catalogue, running the rules.
export { alertFlow, ALERT_FLOW } from "./alertFlow.ts";
export { supervisionRectification } from "./rectification.ts";
export { rules, ruleCodes, isRuleCode, stageNames, alertStatusNames, type RuleCode, type Stage, type AlertStatus } from "./rules.ts";
export { runRules, type RunInput, type RunResult } from "./runner.ts";
export { supervisionConsumer, supervisionTick, startSupervisionScheduler, type TickResult } from "./schedule.ts";
