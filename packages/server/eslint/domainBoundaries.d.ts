// Types of domainBoundaries.js for the TypeScript tests that use its classification.
export type Place = { kind: "platform" | "root" | "testkit" | "outside" } | { kind: "domain"; domain: string; rest: string };
export function placeOf(file: string): Place;
export function isTestFile(file: string): boolean;
export function boundaryViolation(importer: string, target: string): string | null;
declare const plugin: { rules: Record<string, unknown> };
export default plugin;
