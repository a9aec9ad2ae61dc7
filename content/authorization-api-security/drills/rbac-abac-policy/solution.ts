export type Subject = { id: string; tenantId: string; roles: string[]; [attribute: string]: unknown };
export type Resource = { type: string; id: string; tenantId: string; ownerId?: string; [attribute: string]: unknown };
export type AccessRequest = { subject: Subject; action: string; resource: Resource };
export type Rule = { id: string; effect: "allow" | "deny"; actions: string[]; when: (request: AccessRequest) => boolean };
export type Policy = { roles: Record<string, { permissions: string[]; inherits?: string[] }>; rules?: Rule[] };
export type Decision = { allowed: boolean; reason: string };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Every permission a role grants, following `inherits` transitively; cycles and unknown roles are harmless. */
function effectivePermissions(policy: Policy, role: string): Set<string> {
  const perms = new Set<string>();
  const visited = new Set<string>();
  const stack = [role];
  while (stack.length) {
    const name = stack.pop()!;
    if (visited.has(name) || !own(policy.roles, name)) continue;
    visited.add(name);
    const def = policy.roles[name]!;
    for (const p of def.permissions ?? []) perms.add(p);
    for (const parent of def.inherits ?? []) stack.push(parent);
  }
  return perms;
}

/** Whether a rule applies; a throwing condition fails closed. */
function applies(rule: Rule, request: AccessRequest): boolean {
  if (!rule.actions.includes(request.action) && !rule.actions.includes("*")) return false;
  try {
    return rule.when(request) === true;
  } catch {
    return rule.effect === "deny";
  }
}

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.length > 0;

export function authorize(policy: Policy, request: AccessRequest): Decision {
  const { subject, resource, action } = request;
  const rules = policy.rules ?? [];

  if (!nonEmpty(subject.tenantId) || !nonEmpty(resource.tenantId) || subject.tenantId !== resource.tenantId) {
    return { allowed: false, reason: "tenant-mismatch" };
  }

  for (const rule of rules) {
    if (rule.effect === "deny" && applies(rule, request)) return { allowed: false, reason: `deny:${rule.id}` };
  }

  for (const role of subject.roles ?? []) {
    if (effectivePermissions(policy, role).has(action)) return { allowed: true, reason: `role:${role}` };
  }

  for (const rule of rules) {
    if (rule.effect === "allow" && applies(rule, request)) return { allowed: true, reason: `allow:${rule.id}` };
  }

  return { allowed: false, reason: "no-match" };
}
