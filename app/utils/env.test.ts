import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_PATH: "./data/groundwork.db", NODE_ENV: "development", SESSION_COOKIE_SECURE: false });
  });
  it("makes the session cookie Secure in production unless told otherwise", () => {
    expect(parseEnv({ NODE_ENV: "production" }).SESSION_COOKIE_SECURE).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", SESSION_COOKIE_SECURE: "false" }).SESSION_COOKIE_SECURE).toBe(false);
  });
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: must be a port number/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => parseEnv({ SESSION_COOKIE_SECURE: "yes" })).toThrow(/SESSION_COOKIE_SECURE: must be true or false/);
  });
});
