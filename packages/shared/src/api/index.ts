export * from "./common.ts";
export * from "./identity.ts";
export * from "./org.ts";
export * from "./flow.ts";
export * from "./audit.ts";
export * from "./settings.ts";
export * from "./views.ts";
