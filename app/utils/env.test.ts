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
  it("keeps metrics and tracing off unless configured, and checks their values", () => {
    const env = parse({});
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.METRICS_PORT).toBeUndefined();
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(env.OTEL_SERVICE_NAME).toBe("groundwork");
    expect(parse({ METRICS_PORT: "9464", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toMatchObject({ METRICS_PORT: 9464, OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" });
    expect(() => parse({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN: must be at least 16 characters/);
    expect(() => parse({ METRICS_PORT: "metrics" })).toThrow(/METRICS_PORT: must be a port number/);
    expect(() => parse({ METRICS_PORT: "3000" })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => parse({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
  });
});
