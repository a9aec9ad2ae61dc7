import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SecretValue, SelectField, TextField } from "~/components/field";
import { changeRoleSchema, inviteColleagueSchema, ORG_ROLES, revokeSchema } from "~/forms/org";
import { changeMemberRole, inviteColleague, listMembers, listOrgInvites, revokeOrgInvite } from "~/models/org.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { publicOrigin, sendMail } from "~/utils/mailer.server";
import { requireAdmin, requireMember } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "Members — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { orgId, membership, user } = await requireMember(request);
  const [members, invites] = await Promise.all([listMembers({ orgId }), listOrgInvites({ orgId, now: new Date() })]);
  return {
    isAdmin: membership.role === "admin",
    me: user.id,
    members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    invites: invites.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
  };
}

type ActionData = { fieldErrors: FieldErrors; link?: string; mailed?: boolean; done?: string };

export async function action({ request }: ActionFunctionArgs) {
  const { orgId, actor, membership } = await requireAdmin(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  const now = new Date();
  if (intent === "invite") {
    const parsed = parseForm(inviteColleagueSchema, form);
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const { email, role, send } = parsed.value;
    const { token } = await inviteColleague({ orgId, actor, email, role, now });
    const link = `${publicOrigin(request)}/join/${token}`;
    const mailed = send ? (await sendMail({ to: email, subject: `Join ${membership.orgName} on Groundwork`, text: `You have been invited to join ${membership.orgName} on Groundwork as ${role}.\n\nAccept within 7 days: ${link}` })).sent : false;
    return data<ActionData>({ fieldErrors: {}, link, mailed });
  }
  if (intent === "change-role") {
    const parsed = parseForm(changeRoleSchema, form);
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const result = await changeMemberRole({ orgId, actor, userId: parsed.value.userId, role: parsed.value.role, now });
    if (!result.ok) return data<ActionData>({ fieldErrors: { form: [result.message] } }, { status: result.status });
    return data<ActionData>({ fieldErrors: {}, done: "Role changed. Their sessions were signed out so the change takes effect now." });
  }
  if (intent === "revoke-invite") {
    const parsed = parseForm(revokeSchema, form);
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    if (!(await revokeOrgInvite({ orgId, id: parsed.value.id, now }))) throw new Response("Invitation not found", { status: 404 });
    return data<ActionData>({ fieldErrors: {}, done: "Invitation withdrawn." });
  }
  return data<ActionData>({ fieldErrors: { form: ["Unknown action."] } }, { status: 400 });
}

export default function Members() {
  const { isAdmin, me, members, invites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  return (
    <div className="stack">
      <h1>Members</h1>
      <FormErrors errors={errors?.form} />
      {actionData?.done ? <div className="alert alert-info" role="status">{actionData.done}</div> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Members of the organisation">
        <table className="table">
          <caption className="visually-hidden">Members of the organisation</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">{m.email}{m.userId === me ? " (you)" : ""}</th>
                <td>
                  {isAdmin ? (
                    <Form method="post" className="row">
                      <input type="hidden" name="intent" value="change-role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>Role of {m.email}</label>
                      <select id={`role-${m.userId}`} name="role" className="input input-sm" defaultValue={m.role}>
                        {ORG_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                      </select>
                      <button type="submit" className="btn btn-sm">Change</button>
                    </Form>
                  ) : (
                    m.role
                  )}
                </td>
                <td>{m.joinedAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isAdmin ? (
        <section className="card stack" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite a colleague</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextField name="email" type="email" label="Their email" autoComplete="off" required errors={errors?.email} />
            <SelectField name="role" label="Role" defaultValue="interviewer" errors={errors?.role} hint="Admins can invite colleagues, change roles and manage API tokens.">
              {ORG_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </SelectField>
            <label className="row small">
              <input type="checkbox" name="send" /> Email the link (needs SMTP configured)
            </label>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">Create invitation</button>
            </div>
          </Form>
          {actionData?.link ? (
            <div role="status">
              <p className="small">{actionData.mailed ? "Sent by email. " : "Not emailed: copy the link and send it yourself. "}It is shown only now and works once, for 7 days, for that email address.</p>
              <SecretValue label="Invitation link" value={actionData.link} />
            </div>
          ) : null}
          {invites.length > 0 ? (
            <>
              <h3>Pending invitations</h3>
              <ul className="stack">
                {invites.map((i) => (
                  <li key={i.id} className="row">
                    <span>{i.email} — {i.role}, expires {i.expiresAt.slice(0, 10)}</span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invite" />
                      <input type="hidden" name="id" value={i.id} />
                      <button type="submit" className="btn btn-sm btn-ghost">Withdraw<span className="visually-hidden"> invitation for {i.email}</span></button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
