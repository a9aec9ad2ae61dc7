import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { LoaderFunctionArgs, ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import { isDatabaseBusy, withBusyAs503, withDatabaseBusyAs503 } from "./db-busy.server";
import { getDb, openDatabase } from "./db.server";
import { parseEnv } from "./env.server";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A real SQLITE_BUSY: a second connection tries to write while the first holds the write lock. */
function busyError(): unknown {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gw-busy-"));
  dirs.push(dir);
  const file = path.join(dir, "busy.db");
  const holder = new Database(file);
  holder.pragma("journal_mode = WAL");
  holder.exec("create table t (x)");
  const writer = new Database(file);
  writer.pragma("busy_timeout = 20");
  holder.exec("begin immediate");
  try {
    writer.prepare("insert into t values (1)").run();
    return null;
  } catch (error) {
    return error;
  } finally {
    holder.exec("rollback");
    holder.close();
    writer.close();
  }
}

const args: LoaderFunctionArgs = { request: new Request("http://localhost/x", { method: "POST" }), params: {}, context: { requestId: "test", clientIp: "203.0.113.7", cspNonce: "n" } };

describe("a busy database", () => {
  it("is recognised from better-sqlite3's error code", () => {
    const error = busyError();
    expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseBusy(new Error("SQLITE_BUSY in the message only"))).toBe(false);
    expect(isDatabaseBusy(Object.assign(new Error("constraint"), { code: "SQLITE_CONSTRAINT_UNIQUE" }))).toBe(false);
    expect(isDatabaseBusy(new Error("wrapped", { cause: error }))).toBe(true);
  });

  it("turns SQLITE_BUSY from a handler into a thrown 503 with Retry-After and no stack", async () => {
    const error = busyError();
    const wrapped = withBusyAs503(() => {
      throw error;
    }, 2500);
    const thrown = await Promise.resolve(wrapped(args)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const res = thrown as Response;
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("3");
    const body = await res.text();
    expect(body).toMatch(/database is busy/);
    expect(body).not.toMatch(/\bat |SqliteError|\.ts/);
  });

  it("lets results, thrown Responses and other errors through unchanged", async () => {
    expect(await withBusyAs503(() => ({ ok: 1 }), 1000)(args)).toEqual({ ok: 1 });
    const redirect = new Response(null, { status: 302, headers: { Location: "/" } });
    await expect(
      Promise.resolve(
        withBusyAs503(() => {
          throw redirect;
        }, 1000)(args),
      ),
    ).rejects.toBe(redirect);
    const other = new TypeError("boom");
    await expect(
      Promise.resolve(
        withBusyAs503(() => {
          throw other;
        }, 1000)(args),
      ),
    ).rejects.toBe(other);
  });

  it("wraps every route of a build and passes Retry-After from an error to the document", async () => {
    const error = busyError();
    const build = {
      routes: {
        root: { id: "root", path: "", module: { default: () => null, loader: () => ({ root: true }) } },
        "routes/a": {
          id: "routes/a",
          parentId: "root",
          path: "a",
          module: {
            default: () => null,
            action: () => {
              throw error;
            },
            headers: () => ({ "Cache-Control": "no-store" }),
          },
        },
        "routes/b": { id: "routes/b", parentId: "root", path: "b", module: { default: () => null } },
      },
    } as unknown as ServerBuild;
    const wrapped = withDatabaseBusyAs503(build, 1000);
    expect(await wrapped.routes.root!.module.loader!(args)).toEqual({ root: true });
    const thrown = await Promise.resolve(wrapped.routes["routes/a"]!.module.action!(args)).catch((e: unknown) => e);
    expect((thrown as Response).status).toBe(503);
    expect(wrapped.routes["routes/b"]!.module.loader).toBeUndefined();
    expect(wrapped.routes["routes/b"]!.module.action).toBeUndefined();

    const headersOf = (id: string, errorHeaders?: Headers) => {
      const fn = wrapped.routes[id]!.module.headers as (a: object) => Headers;
      return fn({ loaderHeaders: new Headers(), actionHeaders: new Headers(), parentHeaders: new Headers({ "X-Parent": "1" }), errorHeaders });
    };
    const fromError = headersOf("routes/a", (thrown as Response).headers);
    expect(fromError.get("Retry-After")).toBe("1");
    expect(fromError.get("Cache-Control")).toBe("no-store");
    expect(headersOf("routes/a").has("Retry-After")).toBe(false);
    // A route without a headers export keeps Remix's default: its parent's headers.
    expect(headersOf("routes/b").get("X-Parent")).toBe("1");
  });
});

describe("DATABASE_BUSY_TIMEOUT_MS", () => {
  it("defaults to 5 s, is validated, and becomes the connection's busy_timeout", () => {
    expect(parseEnv({} as unknown as NodeJS.ProcessEnv).DATABASE_BUSY_TIMEOUT_MS).toBe(5000);
    expect(() => parseEnv({ DATABASE_BUSY_TIMEOUT_MS: "soon" } as unknown as NodeJS.ProcessEnv)).toThrow(/DATABASE_BUSY_TIMEOUT_MS: must be a whole number/);
    expect(() => parseEnv({ DATABASE_BUSY_TIMEOUT_MS: "600000" } as unknown as NodeJS.ProcessEnv)).toThrow(/DATABASE_BUSY_TIMEOUT_MS/);
    expect(getDb().$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    const db = openDatabase(":memory:", { busyTimeoutMs: 250 });
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(250);
    db.$client.close();
  });
});
