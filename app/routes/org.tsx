import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { getMembership } from "~/models/org.server";
import { requireAccount } from "~/utils/org.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccount(request);
  return { membership: await getMembership(user.id) };
}

export default function OrgLayout() {
  const { membership } = useLoaderData<typeof loader>();
  return (
    <div className="container page">
      {membership ? (
        <div className="org-head">
          <p className="eyebrow">{membership.orgName}</p>
          <nav className="subnav" aria-label="Organisation">
            <NavLink to="/org" end>Pre-screens</NavLink>
            <NavLink to="/org/members">Members</NavLink>
            {membership.role === "admin" ? <NavLink to="/org/tokens">API tokens</NavLink> : null}
            <NavLink to="/org/audit">Audit log</NavLink>
          </nav>
        </div>
      ) : null}
      <Outlet />
    </div>
  );
}
