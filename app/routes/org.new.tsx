import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/field";
import { orgNameSchema } from "~/forms/org";
import { AlreadyMemberError, createOrganization, getMembership } from "~/models/org.server";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { requireAccount } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "Create an organisation — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAccount(request);
  if (await getMembership(user.id)) throw redirect("/org");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAccount(request);
  const parsed = parseForm(orgNameSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    await createOrganization({ name: parsed.value.name, userId: user.id, email: user.email ?? "", now: new Date() });
  } catch (error) {
    if (error instanceof AlreadyMemberError) return data({ fieldErrors: { form: [error.message] } as FieldErrors }, { status: 409 });
    throw error;
  }
  return redirect("/org", 303);
}

export default function NewOrg() {
  const actionData = useActionData<typeof action>();
  const errors = actionData?.fieldErrors;
  return (
    <div className="narrow">
      <h1>Run pre-screens for your team</h1>
      <p className="muted">
        Create an organisation to build pre-screens, invite candidates and read their scorecards. You become its admin and can invite colleagues. Joining a colleague's
        organisation instead? Open the invitation link they sent you.
      </p>
      <Form method="post" className="card stack" noValidate>
        <FormErrors errors={errors?.form} />
        <TextField name="name" label="Organisation name" autoComplete="organization" required maxLength={80} errors={errors?.name} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">Create organisation</button>
        </div>
      </Form>
    </div>
  );
}
