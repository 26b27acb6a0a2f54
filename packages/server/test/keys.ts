// Personal-data keys shared by the test templates (built in globalSetup) and the test apps.
import { parseDataKeys } from "../src/platform/crypto.ts";

/**
 * Fixed personal-data keys for test runs: the demo template is sealed with them once, and every test
 * app opens it with them. Test data only; a deployment generates or is given its own.
 */
export const TEST_DATA_KEYS = parseDataKeys({
  dataKey: "00112233445566778899aabbccddeeff",
  macKey: "1111111111111111111111111111111111111111111111111111111111111111",
  indexKey: "2222222222222222222222222222222222222222222222222222222222222222",
});

/** The audit chain's key in test runs (the templates' rows are keyed with it). */
export const TEST_AUDIT_KEY = Buffer.from("3333333333333333333333333333333333333333333333333333333333333333", "hex");

/** The same keys as a server process takes them from its environment (a real server started by a test). */
export const TEST_SECRETS_ENV = {
  XIANGCAI_SESSION_SECRET: "4444444444444444444444444444444444444444444444444444444444444444",
  XIANGCAI_DATA_KEY: "00112233445566778899aabbccddeeff",
  XIANGCAI_MAC_KEY: "1111111111111111111111111111111111111111111111111111111111111111",
  XIANGCAI_INDEX_KEY: "2222222222222222222222222222222222222222222222222222222222222222",
  XIANGCAI_AUDIT_KEY: "3333333333333333333333333333333333333333333333333333333333333333",
};
