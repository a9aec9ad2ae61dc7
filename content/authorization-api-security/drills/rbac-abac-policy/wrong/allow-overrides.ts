// Plausible but wrong: checks the grants first and returns as soon as anything allows, so a deny
// rule only matters when nothing else allowed — "allow overrides" instead of "deny overrides".
// An editor can still edit an archived document; a suspended admin keeps full access.
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
  const { subject, resource, action } = request;
  if (!subject.tenantId || !resource.tenantId || subject.tenantId !== resource.tenantId) return { allowed: false, reason: "tenant-mismatch" };
  for (const role of subject.roles ?? []) {
    if (permissionsOf(policy, role).includes(action)) return { allowed: true, reason: `role:${role}` };
  }
  for (const rule of policy.rules ?? []) {
    if (!applies(rule, request)) continue;
    if (rule.effect === "allow") return { allowed: true, reason: `allow:${rule.id}` };
    return { allowed: false, reason: `deny:${rule.id}` };
  }
  return { allowed: false, reason: "no-match" };
}
