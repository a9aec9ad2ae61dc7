import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors } from "~/components/field";
import { acceptOrgInvite, getOrgInvite } from "~/models/org.server";
import { readFormData } from "~/utils/forms";
import { requireAccount } from "~/utils/org.server";
import { parseParams } from "~/utils/params";
import { getSessionUser } from "~/utils/session.server";
import { SECRET_PATTERN } from "~/utils/tokens.server";

const params = z.object({ token: z.string().regex(SECRET_PATTERN) });

export const meta: MetaFunction = () => [{ title: "Join an organisation — Groundwork" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { token } = parseParams(params, raw);
  const invite = await getOrgInvite({ token, now: new Date() });
  if (!invite) throw new Response("This invitation is not valid any more.", { status: 404 });
  const user = await getSessionUser(request);
  return { orgName: invite.orgName, email: invite.email, role: invite.role, signedInAs: user && !user.isGuest ? user.email : null };
}

const REASONS = {
  invalid: "This invitation is not valid any more.",
  "wrong-email": "This invitation is for another email address. Log in with that address.",
  "already-member": "Your account already belongs to an organisation.",
} as const;

export async function action({ request, params: raw }: ActionFunctionArgs) {
  const { token } = parseParams(params, raw);
  const user = await requireAccount(request);
  await readFormData(request);
  const result = await acceptOrgInvite({ token, userId: user.id, email: user.email ?? "", now: new Date() });
  if (!result.ok) return data({ fieldErrors: { form: [REASONS[result.reason]] } }, { status: result.reason === "invalid" ? 404 : 409 });
  return redirect("/org", 303);
}

export default function Join() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const here = useLocation().pathname;
  return (
    <div className="container narrow page">
      <div className="card stack">
        <h1>Join {d.orgName}</h1>
        <p>
          You are invited as <strong>{d.role}</strong> for <strong>{d.email}</strong>.
        </p>
        <FormErrors errors={actionData?.fieldErrors.form} />
        {d.signedInAs ? (
          <Form method="post">
            <p className="small muted">Signed in as {d.signedInAs}.</p>
            <button type="submit" className="btn btn-primary">Join {d.orgName}</button>
          </Form>
        ) : (
          <p className="row">
            <Link className="btn btn-primary" to={`/signup?redirectTo=${encodeURIComponent(here)}`}>Sign up as {d.email}</Link>
            <Link className="btn" to={`/login?redirectTo=${encodeURIComponent(here)}`}>Log in</Link>
          </p>
        )}
      </div>
    </div>
  );
}
