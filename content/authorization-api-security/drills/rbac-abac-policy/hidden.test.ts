function policy(): any {
  return {
    roles: {
      viewer: { permissions: ["document:read"] },
      editor: { permissions: ["document:edit"], inherits: ["viewer"] },
      admin: { permissions: ["document:delete"], inherits: ["editor"] },
    },
    rules: [
      { id: "owner-edit", effect: "allow", actions: ["document:edit"], when: (r: any) => r.resource.ownerId === r.subject.id },
      { id: "archived-read-only", effect: "deny", actions: ["document:edit", "document:delete"], when: (r: any) => r.resource.archived === true },
      { id: "suspended", effect: "deny", actions: ["*"], when: (r: any) => r.subject.suspended === true },
    ],
  };
}
const doc = (extra: Record<string, unknown> = {}) => ({ type: "document", id: "d1", tenantId: "acme", ownerId: "alice", archived: false, ...extra });
const user = (id: string, roles: string[], extra: Record<string, unknown> = {}) => ({ id, tenantId: "acme", roles, ...extra });

test("deny beats a role", { category: "lets a matching deny rule override a role's permission" }, (t: any) => {
  const { exports, assert } = t;
  const d = exports.authorize(policy(), { subject: user("carol", ["editor"]), action: "document:edit", resource: doc({ archived: true }) });
  assert.equal(d, { allowed: false, reason: "deny:archived-read-only" }, "editor editing an archived document");
  const admin = exports.authorize(policy(), { subject: user("root", ["admin"], { suspended: true }), action: "document:read", resource: doc() });
  assert.equal(admin, { allowed: false, reason: "deny:suspended" }, "suspended admin reading (deny rule on *)");
});

test("deny beats an allow rule", { category: "lets a matching deny rule override an allow rule" }, (t: any) => {
  const { exports, assert } = t;
  const d = exports.authorize(policy(), { subject: user("alice", []), action: "document:edit", resource: doc({ archived: true }) });
  assert.equal(d, { allowed: false, reason: "deny:archived-read-only" }, "owner editing her archived document");
});

test("cross-tenant access", { category: "denies cross-tenant access whatever the roles or ownership (BOLA)" }, (t: any) => {
  const { exports, assert } = t;
  const other = doc({ tenantId: "globex" });
  const admin = exports.authorize(policy(), { subject: user("root", ["admin"]), action: "document:read", resource: other });
  assert.equal(admin, { allowed: false, reason: "tenant-mismatch" }, "acme admin reading a globex document");
  const owner = exports.authorize(policy(), { subject: user("alice", []), action: "document:edit", resource: other });
  assert.equal(owner, { allowed: false, reason: "tenant-mismatch" }, "acme user whose id matches ownerId of a globex document");
});

test("missing tenant ids", { category: "treats a missing or empty tenant id as a mismatch" }, (t: any) => {
  const { exports, assert } = t;
  const both = exports.authorize(policy(), {
    subject: { id: "bob", roles: ["viewer"] },
    action: "document:read",
    resource: { type: "document", id: "d9" },
  });
  assert.equal(both, { allowed: false, reason: "tenant-mismatch" }, "neither side has a tenantId");
  const empty = exports.authorize(policy(), { subject: user("bob", ["viewer"], { tenantId: "" }), action: "document:read", resource: doc({ tenantId: "" }) });
  assert.equal(empty, { allowed: false, reason: "tenant-mismatch" }, "both tenantIds are empty strings");
});

test("transitive inheritance and cycles", { category: "follows role inheritance transitively and survives cycles" }, (t: any) => {
  const { exports, assert } = t;
  const read = exports.authorize(policy(), { subject: user("root", ["admin"]), action: "document:read", resource: doc() });
  assert.equal(read, { allowed: true, reason: "role:admin" }, "admin → editor → viewer grants read");
  const cyclic = {
    roles: {
      a: { permissions: ["x:a"], inherits: ["b"] },
      b: { permissions: ["x:b"], inherits: ["c"] },
      c: { permissions: ["x:c"], inherits: ["a"] },
    },
  };
  const viaCycle = exports.authorize(cyclic, { subject: user("u", ["a"]), action: "x:c", resource: doc() });
  assert.equal(viaCycle, { allowed: true, reason: "role:a" }, "a → b → c → a grants x:c");
  const none = exports.authorize(cyclic, { subject: user("u", ["a"]), action: "x:z", resource: doc() });
  assert.equal(none, { allowed: false, reason: "no-match" }, "a permission no role in the cycle has");
});

test("unknown roles", { category: "ignores unknown roles without throwing" }, (t: any) => {
  const { exports, assert } = t;
  const p = policy();
  p.roles.editor.inherits = ["ghost", "viewer"];
  const d = exports.authorize(p, { subject: user("bob", ["intern", "editor"]), action: "document:read", resource: doc() });
  assert.equal(d, { allowed: true, reason: "role:editor" }, "roles [intern, editor], editor inherits [ghost, viewer]");
  const none = exports.authorize(p, { subject: user("bob", ["intern"]), action: "document:read", resource: doc() });
  assert.equal(none, { allowed: false, reason: "no-match" }, "only an unknown role");
});

test("order decides the reason", { category: "reports the first matching role or rule in order" }, (t: any) => {
  const { exports, assert } = t;
  const roles = exports.authorize(policy(), { subject: user("bob", ["viewer", "admin"]), action: "document:read", resource: doc() });
  assert.equal(roles, { allowed: true, reason: "role:viewer" }, "roles [viewer, admin] reading");
  const both = exports.authorize(policy(), { subject: user("carol", ["editor"], { suspended: true }), action: "document:edit", resource: doc({ archived: true }) });
  assert.equal(both, { allowed: false, reason: "deny:archived-read-only" }, "two deny rules apply: the first one is reported");
});

test("exact action matching", { category: "matches actions exactly and only applies rules to their actions" }, (t: any) => {
  const { exports, assert } = t;
  const p = policy();
  const del = exports.authorize(p, { subject: user("alice", ["editor"]), action: "document:delete", resource: doc() });
  assert.equal(del, { allowed: false, reason: "no-match" }, "owner-edit does not cover delete");
  const prefix = exports.authorize(p, { subject: user("bob", ["viewer"]), action: "document:read-all", resource: doc() });
  assert.equal(prefix, { allowed: false, reason: "no-match" }, "document:read does not grant document:read-all");
  const archivedRead = exports.authorize(p, { subject: user("bob", ["viewer"]), action: "document:read", resource: doc({ archived: true }) });
  assert.equal(archivedRead, { allowed: true, reason: "role:viewer" }, "archived-read-only does not cover read");
});

test("throwing conditions fail closed", { category: "fails closed when the condition of a rule for this action throws" }, (t: any) => {
  const { exports, assert } = t;
  const boom = () => {
    throw new Error("attribute service unavailable");
  };
  const p = {
    roles: { viewer: { permissions: ["document:read"] } },
    rules: [
      { id: "broken-allow", effect: "allow", actions: ["document:share"], when: boom },
      { id: "public-share", effect: "allow", actions: ["document:share"], when: (r: any) => r.resource.public === true },
      { id: "broken-deny", effect: "deny", actions: ["document:read"], when: boom },
    ],
  };
  const deny = exports.authorize(p, { subject: user("bob", ["viewer"]), action: "document:read", resource: doc() });
  assert.equal(deny, { allowed: false, reason: "deny:broken-deny" }, "a deny rule whose condition throws");
  const allow = exports.authorize(p, { subject: user("bob", []), action: "document:share", resource: doc() });
  assert.equal(allow, { allowed: false, reason: "no-match" }, "an allow rule whose condition throws");
  const later = exports.authorize(p, { subject: user("bob", []), action: "document:share", resource: doc({ public: true }) });
  assert.equal(later, { allowed: true, reason: "allow:public-share" }, "a later allow rule still counts");
});

test("no rules at all", { category: "works with roles only (rules missing)" }, (t: any) => {
  const { exports, assert } = t;
  const p = { roles: { viewer: { permissions: ["document:read"] } } };
  assert.equal(exports.authorize(p, { subject: user("bob", ["viewer"]), action: "document:read", resource: doc() }), { allowed: true, reason: "role:viewer" }, "viewer read, no rules");
  assert.equal(exports.authorize(p, { subject: user("bob", ["viewer"]), action: "document:edit", resource: doc() }), { allowed: false, reason: "no-match" }, "viewer edit, no rules");
});
