// A document service: viewers read, editors also edit, owners may edit their own documents.
function policy(): any {
  return {
    roles: {
      viewer: { permissions: ["document:read"] },
      editor: { permissions: ["document:edit"], inherits: ["viewer"] },
    },
    rules: [
      { id: "owner-edit", effect: "allow", actions: ["document:edit"], when: (r: any) => r.resource.ownerId === r.subject.id },
      { id: "archived-read-only", effect: "deny", actions: ["document:edit"], when: (r: any) => r.resource.archived === true },
    ],
  };
}
const doc = { type: "document", id: "d1", tenantId: "acme", ownerId: "alice", archived: false };
const user = (id: string, roles: string[]) => ({ id, tenantId: "acme", roles });

test("a role grants its permission", (t: any) => {
  const { exports, assert } = t;
  const d = exports.authorize(policy(), { subject: user("bob", ["viewer"]), action: "document:read", resource: doc });
  assert.equal(d, { allowed: true, reason: "role:viewer" }, "viewer reading a document");
});

test("nothing grants it: default deny", (t: any) => {
  const { exports, assert } = t;
  const d = exports.authorize(policy(), { subject: user("bob", ["viewer"]), action: "document:edit", resource: doc });
  assert.equal(d, { allowed: false, reason: "no-match" }, "viewer editing someone else's document");
});

test("an inherited permission is reported under the subject's role", (t: any) => {
  const { exports, assert } = t;
  const d = exports.authorize(policy(), { subject: user("carol", ["editor"]), action: "document:read", resource: doc });
  assert.equal(d, { allowed: true, reason: "role:editor" }, "editor reading (inherited from viewer)");
});

test("an allow rule lets owners edit their own document", (t: any) => {
  const { exports, assert } = t;
  const own = exports.authorize(policy(), { subject: user("alice", []), action: "document:edit", resource: doc });
  assert.equal(own, { allowed: true, reason: "allow:owner-edit" }, "alice (no roles) editing her document");
  const other = exports.authorize(policy(), { subject: user("dave", []), action: "document:edit", resource: doc });
  assert.equal(other, { allowed: false, reason: "no-match" }, "dave (no roles) editing alice's document");
});
