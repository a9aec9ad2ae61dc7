import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

const parse = (vars: Record<string, string>) => parseEnv(vars as NodeJS.ProcessEnv);

describe("parseEnv", () => {
  it("applies the documented defaults", () => {
    const env = parse({});
    expect(env).toMatchObject({ PORT: 3000, DATABASE_PATH: "./data/groundwork.db", NODE_ENV: "development", SESSION_COOKIE_SECURE: false });
  });
  it("makes the session cookie Secure in production unless told otherwise", () => {
    expect(parse({ NODE_ENV: "production" }).SESSION_COOKIE_SECURE).toBe(true);
    expect(parse({ NODE_ENV: "production", SESSION_COOKIE_SECURE: "false" }).SESSION_COOKIE_SECURE).toBe(false);
  });
  it("names the variable that is wrong", () => {
    expect(() => parse({ PORT: "eighty" })).toThrow(/PORT: must be a port number/);
    expect(() => parse({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => parse({ SESSION_COOKIE_SECURE: "yes" })).toThrow(/SESSION_COOKIE_SECURE: must be true or false/);
    expect(() => parse({ SCRYPT_LOG_N: "4" })).toThrow(/SCRYPT_LOG_N/);
  });
});
