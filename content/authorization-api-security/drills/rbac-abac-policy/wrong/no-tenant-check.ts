// Plausible but wrong: trusts that the caller "already loaded the right document" and never
// compares the subject's tenant with the resource's. Any admin (or anyone whose id happens to
// equal an ownerId) in one tenant can read and edit another tenant's documents: BOLA / IDOR.
export type Subject = { id: string; tenantId: string; roles: string[]; [attribute: string]: unknown };
export type Resource = { type: string; id: string; tenantId: string; ownerId?: string; [attribute: string]: unknown };
export type AccessRequest = { subject: Subject; action: string; resource: Resource };
export type Rule = { id: string; effect: "allow" | "deny"; actions: string[]; when: (request: AccessRequest) => boolean };
export type Policy = { roles: Record<string, { permissions: string[]; inherits?: string[] }>; rules?: Rule[] };
export type Decision = { allowed: boolean; reason: string };

function permissionsOf(policy: Policy, role: string, seen = new Set<string>()): string[] {
  if (seen.has(role) || !Object.prototype.hasOwnProperty.call(policy.roles, role)) return [];
  seen.add(role);
  const def = policy.roles[role]!;
  return [...(def.permissions ?? []), ...(def.inherits ?? []).flatMap((r) => permissionsOf(policy, r, seen))];
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
  const rules = policy.rules ?? [];
  for (const rule of rules) if (rule.effect === "deny" && applies(rule, request)) return { allowed: false, reason: `deny:${rule.id}` };
  for (const role of request.subject.roles ?? []) {
    if (permissionsOf(policy, role).includes(request.action)) return { allowed: true, reason: `role:${role}` };
  }
  for (const rule of rules) if (rule.effect === "allow" && applies(rule, request)) return { allowed: true, reason: `allow:${rule.id}` };
  return { allowed: false, reason: "no-match" };
}
