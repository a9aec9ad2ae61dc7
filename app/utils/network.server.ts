/**
 * Outgoing requests to addresses users typed (webhook URLs) must not reach the server's own private
 * network (SSRF). `privateAddress` tells loopback, private, link-local, CGNAT, unique-local and
 * unspecified addresses apart from public ones; `resolvesPrivate` checks every address a host
 * name resolves to.
 */
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export function privateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blocked.check(mapped[1]!, "ipv4");
    return blocked.check(address, "ipv6");
  }
  return blocked.check(address, "ipv4");
}

export type Lookup = (host: string) => Promise<Array<{ address: string }>>;
const systemLookup: Lookup = (host) => lookup(host, { all: true });

/** The first private address `host` is or resolves to, or null when every address is public. */
export async function resolvesPrivate(host: string, resolve: Lookup = systemLookup): Promise<string | null> {
  const bare = host.replace(/^\[|\]$/g, "");
  if (isIP(bare)) return privateAddress(bare) ? bare : null;
  if (bare === "localhost" || bare.endsWith(".localhost")) return bare;
  const addresses = await resolve(bare);
  return addresses.find((a) => privateAddress(a.address))?.address ?? null;
}
