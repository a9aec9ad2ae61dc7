/**
 * Guards for interviewer pages: `requireMember` throws a redirect to log in (or to create an
 * organisation) and returns the caller's organisation; `requireAdmin` also demands the admin role.
 * Model functions take the returned `orgId`, so scoping never depends on the route.
 */
import { redirect } from "@remix-run/node";
import type { Actor } from "../models/audit.server";
import { getMembership, type Membership } from "../models/org.server";
import type { PublicUser } from "../models/user.server";
import { getSessionUser } from "./session.server";

export type MemberContext = { user: PublicUser; membership: Membership; orgId: string; actor: Actor };

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in (non-guest) user, or a redirect to log in. */
export async function requireAccount(request: Request): Promise<PublicUser> {
  const user = await getSessionUser(request);
  if (!user || user.isGuest) throw loginRedirect(request);
  return user;
}

export async function requireMember(request: Request): Promise<MemberContext> {
  const user = await requireAccount(request);
  const membership = await getMembership(user.id);
  if (!membership) throw redirect("/org/new");
  return { user, membership, orgId: membership.orgId, actor: { kind: "user", userId: user.id, label: user.email ?? user.id } };
}

export async function requireAdmin(request: Request): Promise<MemberContext> {
  const ctx = await requireMember(request);
  if (ctx.membership.role !== "admin") throw new Response(JSON.stringify({ fieldErrors: { form: ["Only an admin of the organisation can do this."] } }), { status: 403, headers: { "Content-Type": "application/json" } });
  return ctx;
}
