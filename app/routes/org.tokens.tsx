import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SecretValue, TextField } from "~/components/field";
import { revokeSchema, tokenNameSchema } from "~/forms/org";
import { createApiToken, listApiTokens, revokeApiToken } from "~/models/api-token.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { requireAdmin } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "API tokens — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { orgId } = await requireAdmin(request);
  const tokens = await listApiTokens({ orgId });
  return { tokens: tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null })) };
}

type ActionData = { fieldErrors: FieldErrors; token?: string };

export async function action({ request }: ActionFunctionArgs) {
  const { orgId, actor } = await requireAdmin(request);
  const form = await readFormData(request);
  const now = new Date();
  if (form.get("intent") === "revoke") {
    const parsed = parseForm(revokeSchema, form);
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    if (!(await revokeApiToken({ orgId, id: parsed.value.id, actor, now }))) throw new Response("Token not found", { status: 404 });
    return data<ActionData>({ fieldErrors: {} });
  }
  const parsed = parseForm(tokenNameSchema, form);
  if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { token } = await createApiToken({ orgId, actor, name: parsed.value.name, now });
  return data<ActionData>({ fieldErrors: {}, token });
}

export default function Tokens() {
  const { tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  return (
    <div className="stack">
      <h1>API tokens</h1>
      <p className="muted">
        Applicant-tracking systems call <code>/api/v1</code> with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts for the whole organisation; see <code>docs/api.md</code>.
      </p>
      <Form method="post" className="card stack" noValidate>
        <input type="hidden" name="intent" value="create" />
        <FormErrors errors={errors?.form} />
        <TextField name="name" label="Token name" hint="Where it will be used, e.g. Greenhouse." required maxLength={60} errors={errors?.name} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">Create token</button>
        </div>
        {actionData?.token ? (
          <div role="status">
            <p className="small">Copy it now: it is stored hashed and cannot be shown again.</p>
            <SecretValue label="New API token" value={actionData.token} />
          </div>
        ) : null}
      </Form>
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="API tokens">
          <table className="table">
            <caption className="visually-hidden">API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.name}</th>
                  <td><code>{t.prefix}…</code></td>
                  <td>{t.createdAt.slice(0, 10)}</td>
                  <td>{t.lastUsedAt?.slice(0, 16).replace("T", " ") ?? "never"}</td>
                  <td>
                    {t.revokedAt ? (
                      "revoked"
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" className="btn btn-sm btn-danger">Revoke<span className="visually-hidden"> {t.name}</span></button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
