// The shared package: pure code used by both the server and the web app. No I/O here.
export * from "./money.ts";
export * from "./capitals.ts";
export * from "./residentId.ts";
export * from "./creditCode.ts";
export * from "./bankCard.ts";
export * from "./region.ts";
export * from "./mask.ts";
export * from "./csv.ts";
export * from "./text.ts";
export * from "./decimal.ts";
export * from "./api/index.ts";
export * from "./password.ts";
export * from "./performance.ts";
