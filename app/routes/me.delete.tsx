import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DELETE_CONFIRMATION, deleteAccountSchema } from "~/forms/account";
import { deleteUserAndData } from "~/models/account.server";
import { parseForm, readFormData } from "~/utils/forms";
import { getLogger } from "~/utils/logger.server";
import { destroySession, getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Delete account — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) throw redirect("/me");
  return { email: user.email, isGuest: user.isGuest };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) throw redirect("/");
  const parsed = parseForm(deleteAccountSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  await deleteUserAndData(user.id);
  getLogger().info({ requestId: context.requestId, userId: user.id }, "account deleted");
  return redirect("/?deleted=1", { headers: { "Set-Cookie": await destroySession(request) } });
}

export default function DeleteAccount() {
  const { email, isGuest } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors?.confirm;
  return (
    <div className="container narrow page">
      <h1>Delete your account</h1>
      <div className="card">
        <p>
          This deletes {isGuest ? "your guest profile" : <strong>{email}</strong>} and everything attached to it: answers, review schedule, settings and
          sessions. It cannot be undone. <a href="/me/export">Download your data</a> first if you want a copy.
        </p>
        <Form method="post" noValidate>
          <div className="field">
            <label htmlFor="confirm">
              Type <strong>{DELETE_CONFIRMATION}</strong> to confirm
            </label>
            <input
              id="confirm"
              name="confirm"
              className="input"
              autoComplete="off"
              aria-invalid={errors?.length ? true : undefined}
              aria-describedby={errors?.length ? "confirm-error" : undefined}
            />
            {errors?.length ? (
              <p id="confirm-error" className="field-error" role="alert">
                {errors.join(" ")}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-danger">
              Delete everything
            </button>
            <Link to="/me" className="btn">
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}
