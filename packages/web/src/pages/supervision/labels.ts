// Names of the rules for filters and summaries (the rules page shows the full catalogue from the server).
export { supervisionRuleNames as ruleNames } from "@xiangcai/shared";
