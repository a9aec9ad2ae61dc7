import { describe, expect, it } from "vitest";
import { privateAddress, resolvesPrivate } from "./network.server";

describe("private addresses", () => {
  it.each(["127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fd00::1", "fe80::1", "::ffff:10.0.0.1"])("%s is private", (a) => {
    expect(privateAddress(a)).toBe(true);
  });
  it.each(["8.8.8.8", "172.32.0.1", "203.0.113.5", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("%s is public", (a) => {
    expect(privateAddress(a)).toBe(false);
  });
  it("checks every address a name resolves to, and literal hosts without resolving", async () => {
    expect(await resolvesPrivate("hooks.example.com", async () => [{ address: "203.0.113.9" }, { address: "10.0.0.7" }])).toBe("10.0.0.7");
    expect(await resolvesPrivate("hooks.example.com", async () => [{ address: "203.0.113.9" }])).toBeNull();
    const never = async () => {
      throw new Error("must not resolve");
    };
    expect(await resolvesPrivate("[::1]", never)).toBe("::1");
    expect(await resolvesPrivate("localhost", never)).toBe("localhost");
    expect(await resolvesPrivate("198.51.100.1", never)).toBeNull();
  });
});
