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
