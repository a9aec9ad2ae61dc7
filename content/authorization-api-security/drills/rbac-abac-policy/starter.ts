export type Subject = { id: string; tenantId: string; roles: string[]; [attribute: string]: unknown };
export type Resource = { type: string; id: string; tenantId: string; ownerId?: string; [attribute: string]: unknown };
export type AccessRequest = { subject: Subject; action: string; resource: Resource };

export type Rule = {
  id: string;
  effect: "allow" | "deny";
  /** Actions the rule covers; "*" covers every action. */
  actions: string[];
  when: (request: AccessRequest) => boolean;
};

export type Policy = {
  roles: Record<string, { permissions: string[]; inherits?: string[] }>;
  rules?: Rule[];
};

export type Decision = { allowed: boolean; reason: string };

export function authorize(policy: Policy, request: AccessRequest): Decision {
  // Your code here
  return { allowed: false, reason: "no-match" };
}
