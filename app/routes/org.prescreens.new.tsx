import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormErrors, TextArea, TextField } from "~/components/field";
import { JD_MAX, newPrescreenSchema, TITLE_MAX } from "~/forms/prescreen";
import { builderCatalog, createPrescreen, proposeFromJobDescription } from "~/models/prescreen.server";
import type { Blueprint } from "~/prescreens/blueprint";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { requireMember } from "~/utils/org.server";

export const meta: MetaFunction = () => [{ title: "New pre-screen — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request);
  return null;
}

/** The seed job description's application questions become intake questions when pasted. */
function intakeFromJobDescription(text: string): string[] {
  const m = /Application Question\(s\):?\s*\n([\s\S]*?)(\n\s*\n|\n[A-Z][^\n]*:\s*\n|$)/i.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\n/)
    .map((l) => l.replace(/^[\s\-•●*]+/, "").trim())
    .filter((l) => l.length > 0 && l.length <= 200)
    .slice(0, 10);
}

export async function action({ request }: ActionFunctionArgs) {
  const { orgId, actor } = await requireMember(request);
  const parsed = parseForm(newPrescreenSchema, await readFormData(request));
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  const { title, jobDescription } = parsed.value;
  let blueprint: Blueprint;
  let intake: string[] = [];
  if (jobDescription.trim()) {
    const proposal = await proposeFromJobDescription(jobDescription);
    if (!proposal.blueprint) {
      return data({ fieldErrors: { jobDescription: ["No topic in Groundwork's bank matched this job description. Start from a blueprint instead, or paste the role's technical requirements."] } as FieldErrors }, { status: 400 });
    }
    blueprint = proposal.blueprint;
    intake = intakeFromJobDescription(jobDescription);
  } else {
    const first = (await builderCatalog()).find((t) => t.questions >= 5);
    blueprint = { sections: first ? [{ kind: "questions", topic: first.slug, difficulty: "any", types: [], count: 5 }] : [], picks: [] };
  }
  const id = await createPrescreen({ orgId, actor, title, blueprint, jobDescription: jobDescription.trim() || null, intake, now: new Date() });
  return redirect(`/org/prescreens/${id}`, 303);
}

export default function NewPrescreen() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.fieldErrors;
  return (
    <div className="narrow">
      <h1>New pre-screen</h1>
      <Form method="post" className="card stack" noValidate>
        <FormErrors errors={errors?.form} />
        <TextField name="title" label="Title" required maxLength={TITLE_MAX} placeholder="Senior backend engineer — pre-screen" errors={errors?.title} />
        <TextArea
          name="jobDescription"
          label="Job description (optional)"
          rows={12}
          maxLength={JD_MAX}
          hint="Paste it and Groundwork maps its terms to topics with weights and proposes a blueprint you can adjust. Leave it empty to start from a blank blueprint."
          errors={errors?.jobDescription}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={navigation.state !== "idle"}>
            Create draft
          </button>
        </div>
      </Form>
    </div>
  );
}
