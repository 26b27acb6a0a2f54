import { defineConfig } from "vitest/config";

// Three projects: pure shared code, the server (database tests on PGlite, or on the
// PostgreSQL server named by TEST_DATABASE_URL), and the web app's pure helpers.
export default defineConfig({
  test: {
    // Two cores here: more workers only make the embedded databases (about 1 GB each) fight for them.
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { test: { name: "shared", include: ["packages/shared/src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "server",
          // The web client against the real server (packages/web/test) needs this project's database setup.
          include: ["packages/server/src/**/*.test.ts", "packages/web/test/**/*.test.ts"],
          environment: "node",
          globalSetup: ["packages/server/test/globalSetup.ts"],
          // The files of a worker share their modules: importing the app and PGlite's WebAssembly once per
          // worker instead of once per file halves the suite on two cores. Each file still opens its own
          // database and app, and a file that stubs a global puts it back in its afterAll (vitest's
          // unstubGlobals would undo a stub made in beforeAll before the first test).
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: "web", include: ["packages/web/src/**/*.test.ts"], environment: "node", passWithNoTests: true } },
    ],
  },
});
