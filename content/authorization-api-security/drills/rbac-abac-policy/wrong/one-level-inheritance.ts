// Plausible but wrong: adds the permissions of the roles a role inherits directly, but not what
// THOSE roles inherit. editor → viewer works, so it looks right in a small policy; admin → editor
// → viewer does not, and an admin cannot read.
export type Subject = { id: string; tenantId: string; roles: string[]; [attribute: string]: unknown };
export type Resource = { type: string; id: string; tenantId: string; ownerId?: string; [attribute: string]: unknown };
export type AccessRequest = { subject: Subject; action: string; resource: Resource };
export type Rule = { id: string; effect: "allow" | "deny"; actions: string[]; when: (request: AccessRequest) => boolean };
export type Policy = { roles: Record<string, { permissions: string[]; inherits?: string[] }>; rules?: Rule[] };
export type Decision = { allowed: boolean; reason: string };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function permissionsOf(policy: Policy, role: string): string[] {
  if (!own(policy.roles, role)) return [];
  const def = policy.roles[role]!;
  const inherited = (def.inherits ?? []).filter((r) => own(policy.roles, r)).flatMap((r) => policy.roles[r]!.permissions ?? []);
  return [...(def.permissions ?? []), ...inherited];
}

function applies(rule: Rule, req: AccessRequest): boolean {
  if (!rule.actions.includes(req.action) && !rule.actions.includes("*")) return false;
  try {
    return rule.when(req) === true;
  } catch {
    return rule.effect === "deny";
  }
}

export function authorize(policy: Policy, request: AccessRequest): Decision {
  const { subject, resource } = request;
  if (!subject.tenantId || !resource.tenantId || subject.tenantId !== resource.tenantId) return { allowed: false, reason: "tenant-mismatch" };
  const rules = policy.rules ?? [];
  for (const rule of rules) if (rule.effect === "deny" && applies(rule, request)) return { allowed: false, reason: `deny:${rule.id}` };
  for (const role of request.subject.roles ?? []) {
    if (permissionsOf(policy, role).includes(request.action)) return { allowed: true, reason: `role:${role}` };
  }
  for (const rule of rules) if (rule.effect === "allow" && applies(rule, request)) return { allowed: true, reason: `allow:${rule.id}` };
  return { allowed: false, reason: "no-match" };
}
