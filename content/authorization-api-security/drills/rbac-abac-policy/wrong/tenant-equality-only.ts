// Plausible but wrong: the tenant check is a bare equality. Records created before multi-tenancy
// (no tenantId) and service accounts without one compare equal to each other, so they share data
// across every tenant instead of failing closed.
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
  // Only compares the two ids: a subject and a resource that both lack a tenantId (undefined ===
  // undefined) or both have "" pass the tenant check.
  if (request.subject.tenantId !== request.resource.tenantId) return { allowed: false, reason: "tenant-mismatch" };
  const rules = policy.rules ?? [];
  for (const rule of rules) if (rule.effect === "deny" && applies(rule, request)) return { allowed: false, reason: `deny:${rule.id}` };
  for (const role of request.subject.roles ?? []) {
    if (permissionsOf(policy, role).includes(request.action)) return { allowed: true, reason: `role:${role}` };
  }
  for (const rule of rules) if (rule.effect === "allow" && applies(rule, request)) return { allowed: true, reason: `allow:${rule.id}` };
  return { allowed: false, reason: "no-match" };
}
