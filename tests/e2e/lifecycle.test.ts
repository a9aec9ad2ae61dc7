import { connect } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./server";

const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe("health probes", () => {
  it("answers /healthz and /readyz with JSON", async () => {
    const server = await startServer();
    servers.push(server);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", draining: false } });
    expect(health.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("echoes a well-formed upstream request id and logs JSON lines with it", async () => {
    const server = await startServer();
    servers.push(server);
    const res = await fetch(`${server.url}/topics`, { headers: { "X-Request-Id": "upstream-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("upstream-abc-123");
    await new Promise((r) => setTimeout(r, 200));
    const line = server.logs.join("").split("\n").find((l) => l.includes("upstream-abc-123"));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 30, req: { id: "upstream-abc-123", method: "GET", url: "/topics" }, res: { statusCode: 200 } });
  });
});

describe("log-in rate limit over real HTTP", () => {
  it("answers 429 with Retry-After to document and data requests", async () => {
    const server = await startServer({ LOGIN_MAX_FAILURES: "2" });
    servers.push(server);
    const post = (path: string) =>
      fetch(`${server.url}${path}`, {
        method: "POST",
        body: new URLSearchParams({ email: "nobody@example.com", password: "not the password" }),
        redirect: "manual",
      });
    expect((await post("/login")).status).toBe(400);
    expect((await post("/login")).status).toBe(400);
    const blocked = await post("/login");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Too many failed log-ins");
    const data = await post("/login.data");
    expect(data.status).toBe(429);
    expect(Number(data.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("graceful shutdown", () => {
  it("finishes an in-flight request after SIGTERM, then exits 0", async () => {
    const server = await startServer();
    const port = Number(new URL(server.url).port);
    const body = "theme=dark&redirectTo=%2Ftopics";
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    let response = "";
    socket.on("data", (b) => (response += b.toString()));
    // Send the headers and half the body: the request is now in flight on the server.
    socket.write(
      `POST /theme HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    expect(server.child.exitCode).toBeNull();
    // New connections are refused while the old request drains.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    socket.write(body.slice(10));
    const code = await exited;
    expect(response).toMatch(/^HTTP\/1\.1 302/);
    expect(response).toMatch(/Location: \/topics/i);
    expect(code).toBe(0);
    const logs = server.logs.join("");
    expect(logs).toContain("draining in-flight requests");
    expect(logs).toContain("shutdown complete");
  });
});
