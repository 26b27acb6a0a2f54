// API test helpers: the real app on a test database, driven through Fastify's inject (no port),
// with a logged-in client that carries the session cookie and CSRF token like the browser does.
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { buildApp } from "../src/app.ts";
import type { Clock } from "../src/platform/clock.ts";
import { DEMO_PASSWORD } from "../src/demo/seed.ts";
import { openTestDatabase, testConfig, type TestDatabase } from "./db.ts";
import { testClock } from "./clock.ts";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(kind: "empty" | "demo" = "demo", options: { clock?: Clock } = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const app = await buildApp(testConfig(), database, { clock: options.clock ?? testClock() });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: LightMyRequestResponse["headers"];
}

function answer(res: LightMyRequestResponse): Answer {
  let body: unknown = res.body;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    // Not JSON (an HTML page): keep the text.
  }
  return { status: res.statusCode, body, headers: res.headers };
}

export class ApiClient {
  constructor(
    private readonly app: FastifyInstance,
    private cookie: string | null = null,
    public csrfToken: string | null = null,
  ) {}

  async request(method: Method, url: string, payload?: unknown, extraHeaders: Record<string, string> = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (this.cookie) headers.cookie = this.cookie;
    if (method !== "GET" && this.csrfToken && !("x-csrf-token" in headers)) headers["x-csrf-token"] = this.csrfToken;
    if (payload !== undefined && typeof payload !== "string") headers["content-type"] = "application/json";
    const res = await this.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: typeof payload === "string" ? payload : JSON.stringify(payload) }),
    });
    const setCookie = res.cookies.find((c) => c.name === "xc_session");
    if (setCookie) this.cookie = setCookie.value ? `xc_session=${setCookie.value}` : null;
    return answer(res);
  }

  get(url: string) {
    return this.request("GET", url);
  }
  /** A GET answered with a file (an Excel export): its status, headers and bytes, not decoded as text. */
  async download(url: string): Promise<{ status: number; headers: LightMyRequestResponse["headers"]; bytes: Buffer }> {
    const res = await this.app.inject({ method: "GET", url: `/api/v1${url}`, headers: this.cookie ? { cookie: this.cookie } : {} });
    return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
  }
  post(url: string, payload?: unknown) {
    return this.request("POST", url, payload);
  }
  patch(url: string, payload?: unknown) {
    return this.request("PATCH", url, payload);
  }
  put(url: string, payload?: unknown) {
    return this.request("PUT", url, payload);
  }
}

export async function loginAs(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<ApiClient> {
  const client = new ApiClient(app);
  const res = await client.post("/auth/login", { username, password });
  if (res.status !== 200 || res.body.status !== "ok") throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  client.csrfToken = res.body.csrfToken;
  return client;
}

export function anonymous(app: FastifyInstance): ApiClient {
  return new ApiClient(app);
}
