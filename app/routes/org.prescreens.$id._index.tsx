import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormErrors, SecretValue, TextArea, TextField } from "~/components/field";
import { QUESTION_TYPES } from "~/content/schema";
import {
  checkEmails,
  INSTRUCTIONS_MAX,
  inviteSchema,
  MAX_INVITES_PER_REQUEST,
  parseBuilderForm,
  TIME_LIMIT_MAX,
  TIME_LIMIT_MIN,
  TITLE_MAX,
  webhookSchema,
} from "~/forms/prescreen";
import { compareCandidates, createInvites, revokeCandidate } from "~/models/candidate.server";
import {
  builderCatalog,
  checkBlueprint,
  closePrescreen,
  getPrescreen,
  listPickable,
  proposeFromJobDescription,
  publishPrescreen,
  setWebhook,
  updatePrescreen,
} from "~/models/prescreen.server";
import { listDeliveries } from "~/models/webhook.server";
import { DIFFICULTY_FILTERS, MAX_SECTION_COUNT, SECTION_KINDS } from "~/prescreens/blueprint";
import { DIMENSION_LABELS } from "~/prescreens/score";
import { parseForm, readFormData, type FieldErrors } from "~/utils/forms";
import { publicOrigin } from "~/utils/mailer.server";
import { requireMember } from "~/utils/org.server";
import { parseParams } from "~/utils/params";

export const prescreenParams = z.object({ id: z.uuid() });

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.prescreen.title} — Pre-screens — Groundwork` : "Pre-screen — Groundwork" }];

const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = parseParams(prescreenParams, params);
  const { orgId } = await requireMember(request);
  const ps = await getPrescreen({ orgId, id });
  if (!ps) throw new Response("Pre-screen not found", { status: 404 });
  const prescreen = {
    id: ps.id,
    title: ps.title,
    status: ps.status,
    instructions: ps.instructions,
    timeLimitMinutes: ps.timeLimitMinutes,
    opensAt: iso(ps.opensAt),
    closesAt: iso(ps.closesAt),
    intake: ps.intakeQuestions.map((q) => q.label).join("\n"),
    blueprint: ps.blueprint,
    webhookUrl: ps.webhookUrl,
    webhookSecret: ps.webhookSecret,
    publishedAt: iso(ps.publishedAt),
  };
  if (ps.status === "draft") {
    const pickTopic = new URL(request.url).searchParams.get("pickTopic");
    const catalog = await builderCatalog();
    const jd = ps.jobDescription ? await proposeFromJobDescription(ps.jobDescription) : null;
    return {
      mode: "draft" as const,
      prescreen,
      catalog,
      check: await checkBlueprint(ps.blueprint),
      jd: jd && { matches: jd.matches, seniority: jd.seniority, seniorityEvidence: jd.seniorityEvidence, notes: jd.notes },
      pickTopic: catalog.some((t) => t.slug === pickTopic) ? pickTopic : null,
      pickable: pickTopic && catalog.some((t) => t.slug === pickTopic) ? await listPickable(pickTopic) : [],
    };
  }
  const cmp = (await compareCandidates({ orgId, prescreenId: id }))!;
  const deliveries = await listDeliveries({ orgId, prescreenId: id });
  return {
    mode: "live" as const,
    prescreen,
    candidates: cmp.rows.map(({ candidate: c, score }) => ({
      id: c.id,
      email: c.email,
      status: c.status,
      expiresAt: iso(c.expiresAt),
      startedAt: iso(c.startedAt),
      submittedAt: iso(c.submittedAt),
      submitReason: c.submitReason,
      minutes: c.minutes,
      mailed: Boolean(c.mailedAt),
      signals: { focusLosses: c.focusLosses, pastes: c.pastes, ipChanges: c.ipChanges },
      score: score && { pct: score.overall.pct, pending: score.overall.pending, byDimension: score.byDimension.map((d) => ({ dimension: d.dimension, pct: d.pct })) },
    })),
    deliveries: deliveries.map((d) => ({ ...d, nextAttemptAt: iso(d.nextAttemptAt), deliveredAt: iso(d.deliveredAt) })),
  };
}

type ActionData = {
  fieldErrors: FieldErrors;
  invites?: Array<{ email: string; url: string; mailed: boolean }>;
  invalidEmails?: string[];
  notice?: string;
  check?: Awaited<ReturnType<typeof checkBlueprint>>;
};

const candidateRef = z.object({ candidateId: z.uuid({ message: "Unknown candidate" }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { id } = parseParams(prescreenParams, params);
  const { orgId, actor } = await requireMember(request);
  const form = await readFormData(request);
  const intent = String(form.get("intent") ?? "save");
  const now = new Date();
  const ps = await getPrescreen({ orgId, id });
  if (!ps) throw new Response("Pre-screen not found", { status: 404 });

  if (ps.status === "draft" && (intent === "save" || intent === "add-section" || intent === "publish" || intent.startsWith("remove-"))) {
    // "remove-<i>" saves the form without section i (a plain submit button: works without JavaScript).
    const removeIndex = intent.startsWith("remove-") ? Number(intent.slice("remove-".length)) : null;
    if (removeIndex !== null && !Number.isInteger(removeIndex)) return data<ActionData>({ fieldErrors: { form: ["Unknown action."] } }, { status: 400 });
    const parsed = parseBuilderForm(form, { requireItems: intent === "publish" });
    if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
    const blueprint = parsed.blueprint;
    if (removeIndex !== null) blueprint.sections.splice(removeIndex, 1);
    if (intent === "add-section") {
      const topic = blueprint.sections.at(-1)?.topic ?? (await builderCatalog())[0]?.slug;
      if (topic) blueprint.sections.push({ kind: "questions", topic, difficulty: "any", types: [], count: 3 });
    }
    const saved = await updatePrescreen({ orgId, id, actor, settings: parsed.settings, blueprint, now });
    if (!saved.ok) return data<ActionData>({ fieldErrors: { form: [saved.message] } }, { status: saved.status });
    if (intent === "publish") {
      const published = await publishPrescreen({ orgId, id, actor, now });
      if (!published.ok) return data<ActionData>({ fieldErrors: { form: [published.message] }, check: published.check }, { status: published.status });
      return redirect(`/org/prescreens/${id}`, 303);
    }
    const url = new URL(request.url);
    return redirect(`/org/prescreens/${id}${url.search}`, 303);
  }
  switch (intent) {
    case "invite": {
      const parsed = parseForm(inviteSchema, form);
      if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
      const { valid, invalid } = checkEmails(parsed.value.emails);
      if (valid.length === 0) return data<ActionData>({ fieldErrors: { emails: ["Paste at least one valid email address."] }, invalidEmails: invalid }, { status: 400 });
      if (valid.length > MAX_INVITES_PER_REQUEST) return data<ActionData>({ fieldErrors: { emails: [`At most ${MAX_INVITES_PER_REQUEST} addresses at a time.`] } }, { status: 400 });
      const result = await createInvites({ orgId, prescreenId: id, actor, emails: valid, expiresInDays: parsed.value.expiresInDays, send: parsed.value.send, origin: publicOrigin(request), now });
      if (!result.ok) return data<ActionData>({ fieldErrors: { form: [result.message] } }, { status: result.status });
      return data<ActionData>({ fieldErrors: {}, invites: result.invites.map((i) => ({ email: i.email, url: i.url, mailed: i.mailed })), invalidEmails: invalid });
    }
    case "revoke": {
      const parsed = parseForm(candidateRef, form);
      if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
      const result = await revokeCandidate({ orgId, candidateId: parsed.value.candidateId, actor, now });
      if (!result.ok) return data<ActionData>({ fieldErrors: { form: [result.message] } }, { status: result.status });
      return data<ActionData>({ fieldErrors: {}, notice: "Invitation revoked: the link no longer works." });
    }
    case "webhook": {
      const parsed = parseForm(webhookSchema, form);
      if (!parsed.ok) return data<ActionData>({ fieldErrors: parsed.fieldErrors }, { status: 400 });
      const result = await setWebhook({ orgId, id, actor, url: parsed.value.webhookUrl, now });
      if (!result.ok) return data<ActionData>({ fieldErrors: { form: [result.message] } }, { status: result.status });
      return data<ActionData>({ fieldErrors: {}, notice: parsed.value.webhookUrl ? "Webhook saved." : "Webhook removed." });
    }
    case "close": {
      const result = await closePrescreen({ orgId, id, actor, now });
      if (!result.ok) return data<ActionData>({ fieldErrors: { form: [result.message] } }, { status: result.status });
      return redirect(`/org/prescreens/${id}`, 303);
    }
    default:
      return data<ActionData>({ fieldErrors: { form: [ps.status === "draft" ? "Unknown action." : "A published pre-screen cannot be edited; its content is pinned."] } }, { status: ps.status === "draft" ? 400 : 409 });
  }
}

type DraftData = Extract<Awaited<ReturnType<typeof loader>>, { mode: "draft" }>;
type LiveData = Extract<Awaited<ReturnType<typeof loader>>, { mode: "live" }>;

function toLocalInput(isoString: string | null) {
  return isoString ? isoString.slice(0, 16) : "";
}

function Builder({ d, actionData }: { d: DraftData; actionData?: ActionData }) {
  const navigation = useNavigation();
  const errors = actionData?.fieldErrors ?? {};
  const p = d.prescreen;
  const check = actionData?.check ?? d.check;
  const topicTitle = new Map(d.catalog.map((t) => [t.slug, t.title]));
  const busy = navigation.state !== "idle";
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="sectionCount" value={p.blueprint.sections.length} />
      <FormErrors errors={[...(errors.form ?? []), ...(errors.sections ?? []), ...(errors.picks ?? [])]} />
      {d.jd ? (
        <section className="card stack" aria-labelledby="jd-heading">
          <h2 id="jd-heading">Mapped from the job description</h2>
          <p className="small muted">
            Seniority read as <strong>{d.jd.seniority}</strong>
            {d.jd.seniorityEvidence.length ? ` (${d.jd.seniorityEvidence.join("; ")})` : ""}. Topics and weights come from a fixed keyword table (see docs/jd-mapping.md); adjust the sections below.
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Topics matched in the job description">
            <table className="table">
              <caption className="visually-hidden">Topics matched in the job description</caption>
              <thead>
                <tr>
                  <th scope="col">Topic</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Matched terms</th>
                </tr>
              </thead>
              <tbody>
                {d.jd.matches.map((m) => (
                  <tr key={m.topic}>
                    <th scope="row">{m.title}</th>
                    <td>{Math.round(m.weight * 100)}%</td>
                    <td className="small">{m.terms.map((t) => `${t.term} ×${t.count}`).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.jd.notes.length ? (
            <ul className="small muted">
              {d.jd.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <TextField name="title" label="Title" defaultValue={p.title} required maxLength={TITLE_MAX} errors={errors.title} />
        <TextArea name="instructions" label="Instructions for candidates" defaultValue={p.instructions} rows={4} maxLength={INSTRUCTIONS_MAX} errors={errors.instructions} />
        <div className="grid grid-3">
          <TextField name="timeLimitMinutes" type="number" label="Time limit (minutes)" min={TIME_LIMIT_MIN} max={TIME_LIMIT_MAX} defaultValue={p.timeLimitMinutes} errors={errors.timeLimitMinutes} />
          <TextField name="opensAt" type="datetime-local" label="Opens (UTC, optional)" defaultValue={toLocalInput(p.opensAt)} errors={errors.opensAt} />
          <TextField name="closesAt" type="datetime-local" label="Closes (UTC, optional)" defaultValue={toLocalInput(p.closesAt)} errors={errors.closesAt} />
        </div>
        <TextArea name="intake" label="Intake questions" hint="One per line, e.g. Notice period. Candidates answer them before starting." defaultValue={p.intake} rows={3} errors={errors.intake} />
      </section>

      <section className="card stack" aria-labelledby="blueprint-heading">
        <h2 id="blueprint-heading">Blueprint</h2>
        <p className="small muted">
          Each candidate gets their own random draw: every section draws its count from the pool it describes, options are shuffled per candidate. {check.total} items per candidate.
        </p>
        {p.blueprint.sections.map((s, i) => {
          const c = check.sections[i];
          return (
            <fieldset key={i} className="section-row">
              <legend>Section {i + 1}</legend>
              <div className="grid grid-5">
                <div className="field">
                  <label htmlFor={`s${i}.kind`}>Draw</label>
                  <select id={`s${i}.kind`} name={`s${i}.kind`} className="input" defaultValue={s.kind}>
                    {SECTION_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`s${i}.topic`}>Topic</label>
                  <select id={`s${i}.topic`} name={`s${i}.topic`} className="input" defaultValue={s.topic}>
                    {d.catalog.map((t) => (
                      <option key={t.slug} value={t.slug}>
                        {t.title} ({t.questions} q, {t.drills} drills)
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`s${i}.difficulty`}>Difficulty</label>
                  <select id={`s${i}.difficulty`} name={`s${i}.difficulty`} className="input" defaultValue={s.difficulty}>
                    {DIFFICULTY_FILTERS.map((k) => <option key={k} value={k}>{k}</option>)}
                  </select>
                </div>
                <TextField id={`s${i}.count`} name={`s${i}.count`} type="number" label="Count" min={1} max={MAX_SECTION_COUNT} defaultValue={s.count} errors={errors[`s${i}.count`]} />
                <div className="field">
                  <span className="label" id={`s${i}.pool`}>Pool</span>
                  <p className={c && !c.ok ? "field-error" : "small"} aria-labelledby={`s${i}.pool`}>
                    {c ? `${c.available} available${c.ok ? "" : ` — fewer than ${c.wanted}`}` : "save to check"}
                  </p>
                </div>
              </div>
              <fieldset className="types">
                <legend className="small">Question types (none ticked = all types; ignored for drills)</legend>
                <div className="row wrap">
                  {QUESTION_TYPES.map((t) => (
                    <label key={t} className="small row">
                      <input type="checkbox" name={`s${i}.types`} value={t} defaultChecked={s.types.includes(t)} /> {t}
                    </label>
                  ))}
                </div>
              </fieldset>
              {errors[`s${i}.topic`] || errors[`s${i}.kind`] ? <p className="field-error" role="alert">{[...(errors[`s${i}.topic`] ?? []), ...(errors[`s${i}.kind`] ?? [])].join(" ")}</p> : null}
              <button type="submit" name="intent" value={`remove-${i}`} className="btn btn-sm btn-ghost">
                Remove section {i + 1}
              </button>
            </fieldset>
          );
        })}
        <div>
          <button type="submit" name="intent" value="add-section" className="btn btn-sm">Add section</button>
        </div>
        <h3>Hand-picked items</h3>
        {p.blueprint.picks.length === 0 ? <p className="small muted">None. Pick items from a topic below; every candidate gets them.</p> : null}
        <ul className="stack">
          {p.blueprint.picks.map((pick) => (
            <li key={`${pick.kind}:${pick.id}`}>
              <label className="row small">
                <input type="checkbox" name="pick" value={`${pick.kind}:${pick.id}`} defaultChecked /> {pick.kind} <code>{pick.id}</code>
                {check.missingPicks.includes(pick.id) ? <span className="field-error"> no longer in the bank</span> : null}
              </label>
            </li>
          ))}
        </ul>
        {d.pickTopic ? (
          <fieldset>
            <legend>Pick from {topicTitle.get(d.pickTopic)}</legend>
            <ul className="stack pick-list">
              {d.pickable
                .filter((it) => !p.blueprint.picks.some((x) => x.id === it.refId && x.kind === it.kind))
                .map((it) => (
                  <li key={it.itemKey}>
                    <label className="row small">
                      <input type="checkbox" name="pick" value={`${it.kind}:${it.refId}`} />
                      <span className={`badge badge-${it.difficulty}`}>{it.difficulty}</span> <span className="tag">{it.type}</span> {it.excerpt}
                    </label>
                  </li>
                ))}
            </ul>
          </fieldset>
        ) : null}
      </section>

      <div className="form-actions sticky-actions">
        <button type="submit" name="intent" value="save" className="btn" disabled={busy}>Save draft</button>
        <Link to={`/org/prescreens/${p.id}/preview`} className="btn">Preview a draw</Link>
        <button type="submit" name="intent" value="publish" className="btn btn-primary" disabled={busy}>Publish</button>
        <span className="hint">Publishing pins the content: later edits to the bank never change this pre-screen.</span>
      </div>
    </Form>
  );
}

function PickTopicForm({ d }: { d: DraftData }) {
  return (
    <Form method="get" className="row card">
      <label htmlFor="pickTopic">Hand-pick from topic</label>
      <select id="pickTopic" name="pickTopic" className="input input-sm" defaultValue={d.pickTopic ?? ""}>
        <option value="">Choose a topic</option>
        {d.catalog.map((t) => <option key={t.slug} value={t.slug}>{t.title}</option>)}
      </select>
      <button type="submit" className="btn btn-sm">Show items</button>
      <span className="hint">Save the draft first: showing items reloads the page.</span>
    </Form>
  );
}

function Live({ d, actionData }: { d: LiveData; actionData?: ActionData }) {
  const p = d.prescreen;
  const errors = actionData?.fieldErrors ?? {};
  const dims = [...new Set(d.candidates.flatMap((c) => c.score?.byDimension.map((x) => x.dimension) ?? []))] as Array<keyof typeof DIMENSION_LABELS>;
  return (
    <div className="stack">
      <FormErrors errors={errors.form} />
      {actionData?.notice ? <div className="alert alert-info" role="status">{actionData.notice}</div> : null}
      <p className="muted">
        {p.timeLimitMinutes} minutes per candidate{p.opensAt ? `, opens ${p.opensAt.slice(0, 16).replace("T", " ")} UTC` : ""}
        {p.closesAt ? `, closes ${p.closesAt.slice(0, 16).replace("T", " ")} UTC` : ""}. <Link to={`/org/prescreens/${p.id}/preview`}>Preview a draw</Link>
      </p>
      {p.status === "published" ? (
        <section className="card stack" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite candidates</h2>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <TextArea name="emails" label="Email addresses" hint="One per line, or separated by commas. Each gets a single-use link." rows={4} required errors={errors.emails} />
            <div className="grid grid-3">
              <TextField name="expiresInDays" type="number" label="Link valid for (days)" min={1} max={60} defaultValue={14} errors={errors.expiresInDays} />
            </div>
            <label className="row small">
              <input type="checkbox" name="send" /> Email the links (needs SMTP configured; otherwise copy them below)
            </label>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">Create invitations</button>
            </div>
          </Form>
          {actionData?.invalidEmails?.length ? <p className="field-error" role="alert">Skipped (not valid addresses): {actionData.invalidEmails.join(", ")}</p> : null}
          {actionData?.invites ? (
            <div role="status" className="stack">
              <p className="small">Links are shown only now: they are stored hashed. Each works once, for that candidate.</p>
              {actionData.invites.map((i) => (
                <SecretValue key={i.url} label={`${i.email}${i.mailed ? " (emailed)" : ""}`} value={i.url} />
              ))}
            </div>
          ) : null}
        </section>
      ) : (
        <div className="alert alert-info">This pre-screen is closed: no new candidates can start.</div>
      )}

      <section className="stack" aria-labelledby="candidates-heading">
        <div className="row">
          <h2 id="candidates-heading">Candidates</h2>
          <span className="spacer" />
          {d.candidates.length ? <a className="btn btn-sm" href={`/org/prescreens/${p.id}/export.csv`} download>Download CSV</a> : null}
        </div>
        {d.candidates.length === 0 ? (
          <p className="muted">Nobody invited yet.</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label="Candidates compared by score and evaluation focus">
            <table className="table compare">
              <caption className="visually-hidden">Candidates compared by score and evaluation focus</caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Status</th>
                  <th scope="col">Score</th>
                  {dims.map((dim) => (
                    <th scope="col" key={dim} title={DIMENSION_LABELS[dim]}>{dim}</th>
                  ))}
                  <th scope="col">Minutes</th>
                  <th scope="col">Signals</th>
                  <th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {d.candidates.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.status === "submitted" || c.status === "reviewed" ? <Link to={`/org/prescreens/${p.id}/c/${c.id}`}>{c.email}</Link> : c.email}
                    </th>
                    <td><span className={`tag status-${c.status}`}>{c.status}</span>{c.submitReason === "deadline" ? <span className="small muted"> at deadline</span> : null}</td>
                    <td>{c.score ? `${c.score.pct ?? "–"}%${c.score.pending ? ` (${c.score.pending} to grade)` : ""}` : "–"}</td>
                    {dims.map((dim) => (
                      <td key={dim}>{c.score?.byDimension.find((x) => x.dimension === dim)?.pct ?? "–"}</td>
                    ))}
                    <td>{c.minutes ?? "–"}</td>
                    <td className="small">
                      {c.signals.focusLosses} focus · {c.signals.pastes} paste · {c.signals.ipChanges} IP
                    </td>
                    <td>
                      {c.status === "invited" || c.status === "started" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="candidateId" value={c.id} />
                          <button type="submit" className="btn btn-sm btn-ghost">Revoke<span className="visually-hidden"> {c.email}</span></button>
                        </Form>
                      ) : c.status === "submitted" || c.status === "reviewed" ? (
                        <Link to={`/org/prescreens/${p.id}/c/${c.id}`} className="btn btn-sm">Scorecard<span className="visually-hidden"> of {c.email}</span></Link>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card stack" aria-labelledby="webhook-heading">
        <h2 id="webhook-heading">Webhook</h2>
        <p className="small muted">
          Called with a signed JSON body when a candidate submits (header <code>Groundwork-Signature: t=…,v1=HMAC-SHA256(secret, t.body)</code>), retried with backoff for about a day.
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="webhook" />
          <TextField name="webhookUrl" type="url" label="Webhook URL" defaultValue={p.webhookUrl ?? ""} placeholder="https://ats.example.com/hooks/groundwork" errors={errors.webhookUrl} />
          <div className="form-actions">
            <button type="submit" className="btn btn-sm">Save webhook</button>
          </div>
        </Form>
        {p.webhookSecret ? <SecretValue label="Signing secret" value={p.webhookSecret} /> : null}
        {d.deliveries.length ? (
          <ul className="small">
            {d.deliveries.map((w) => (
              <li key={w.id}>
                {w.status} after {w.attempts} attempt{w.attempts === 1 ? "" : "s"}
                {w.lastError ? ` — ${w.lastError}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {p.status === "published" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <button type="submit" className="btn btn-danger btn-sm">Close pre-screen</button>
        </Form>
      ) : null}
    </div>
  );
}

export default function PrescreenPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p className="small">
        <Link to="/org">← Pre-screens</Link>
      </p>
      <div className="row">
        <h1>{d.prescreen.title}</h1>
        <span className={`tag status-${d.prescreen.status}`}>{d.prescreen.status}</span>
      </div>
      {d.mode === "draft" ? (
        <>
          <Builder d={d} actionData={actionData} />
          <PickTopicForm d={d} />
        </>
      ) : (
        <Live d={d} actionData={actionData} />
      )}
    </div>
  );
}
