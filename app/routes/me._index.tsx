import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { AccuracyChart, CalibrationChart, ForecastChart, Heatmap } from "~/components/charts";
import { getDashboard } from "~/models/progress.server";
import { getReviewOverview } from "~/models/review.server";
import { requestNow } from "~/utils/clock.server";
import { getSessionUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your progress — Groundwork" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (!user) return { user: null, dashboard: null, overview: null };
  const now = requestNow(request);
  const [dashboard, overview] = await Promise.all([getDashboard({ userId: user.id, now }), getReviewOverview({ userId: user.id, now })]);
  return { user: { email: user.email, isGuest: user.isGuest }, dashboard, overview };
}

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="stat card">
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {hint ? <div className="hint">{hint}</div> : null}
    </div>
  );
}

export default function Dashboard() {
  const { user, dashboard: d, overview } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const sessionsEnded = params.get("sessions") === "ended";
  if (!user || !d || !overview) {
    return (
      <div className="container narrow page">
        <h1>Your progress</h1>
        <div className="card empty">
          <p>Answer some questions and this page shows what you know, what you are about to forget, and how well you judge your own answers.</p>
          <Link to="/topics" className="btn btn-primary">
            Practise a topic
          </Link>
        </div>
      </div>
    );
  }
  const groups = new Map<string, typeof d.topics>();
  for (const t of d.topics) groups.set(t.group, [...(groups.get(t.group) ?? []), t]);
  return (
    <div className="container page">
      {params.get("password") === "changed" ? (
        <p className="alert alert-info" role="status">
          Your password is changed, and every other browser and device is logged out.
        </p>
      ) : null}
      <div className="page-head">
        <h1>Your progress</h1>
        <p className="muted">
          {user.isGuest ? (
            <>
              You are practising as a guest. <Link to="/signup?redirectTo=/me">Sign up</Link> to keep your progress.
            </>
          ) : (
            <>Signed in as {user.email}.</>
          )}
        </p>
      </div>

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading" className="visually-hidden">
          Summary
        </h2>
        <div className="stats">
          <Stat label="due today" value={String(overview.dueToday)} hint={overview.newAvailable ? `+${overview.newAvailable} new available` : undefined} />
          <Stat
            label="day streak"
            value={String(d.streak.current)}
            hint={d.streak.activeToday ? `Longest: ${d.streak.longest}` : d.streak.current ? "Answer one today to keep it" : `Longest: ${d.streak.longest}`}
          />
          <Stat label="answers right" value={pct(d.totals.accuracy)} hint={`${d.totals.graded} graded answers`} />
          <Stat
            label="mean certainty mark"
            value={d.totals.cbmMean === null ? "—" : d.totals.cbmMean.toFixed(2)}
            hint={d.totals.cbmCount ? `from ${d.totals.cbmCount} answers (−6 to +3)` : "Say how sure you are to score this"}
          />
        </div>
        <p>
          <Link to="/review" className="btn btn-primary">
            {overview.dueToday > 0 ? `Review ${overview.dueToday} due` : "Open review"}
          </Link>
        </p>
      </section>

      {d.weakest.length > 0 ? (
        <section aria-labelledby="weakest-heading" className="section">
          <h2 id="weakest-heading">Weakest topics</h2>
          <ul className="weakest">
            {d.weakest.map((t) => (
              <li key={t.slug} className="card weakest-item">
                <div>
                  <Link to={`/topics/${t.slug}`}>
                    <strong>{t.title}</strong>
                  </Link>
                  <div className="small muted">
                    Mastery {pct(t.mastery)} · {t.seen} of {t.questionCount} seen
                  </div>
                </div>
                <Form method="post" action={`/topics/${t.slug}`}>
                  <button type="submit" className="btn btn-sm" aria-label={`Practise ${t.title}`}>
                    Practise
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="charts-heading" className="section">
        <h2 id="charts-heading">Activity and accuracy</h2>
        <div className="chart-grid">
          <Heatmap days={d.heatmap} />
          <AccuracyChart weeks={d.weekly} />
          <CalibrationChart rows={d.calibration} />
          <ForecastChart days={d.forecast} />
        </div>
      </section>

      <section aria-labelledby="mastery-heading" className="section">
        <h2 id="mastery-heading">Mastery by topic</h2>
        <p className="small muted">Mastery is the chance you would recall each question of a topic today, averaged over all its questions; unseen ones count as zero.</p>
        {[...groups].map(([group, list]) => {
          const id = `mastery-${group.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
          return (
            <div key={group} className="mastery-group">
              <h3 id={id}>{group}</h3>
              <ul className="mastery-list" aria-labelledby={id}>
                {list.map((t) => (
                  <li key={t.slug} className="mastery-row">
                    <Link to={`/topics/${t.slug}`} className="mastery-name">
                      {t.title}
                    </Link>
                    <div
                      className="meter"
                      role="meter"
                      aria-label={`${t.title} mastery`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={Math.round(t.mastery * 100)}
                      aria-valuetext={`${pct(t.mastery)}, ${t.seen} of ${t.questionCount} questions seen`}
                    >
                      <span style={{ width: `${Math.round(t.mastery * 100)}%` }} />
                    </div>
                    <span className="small muted mastery-figure">{pct(t.mastery)}</span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </section>

      {user.isGuest ? null : (
        <section aria-labelledby="sessions-heading" className="section">
          <h2 id="sessions-heading">Sessions</h2>
          {sessionsEnded ? (
            <p className="alert alert-info" role="status">
              Every other browser and device is logged out. This one has a new session.
            </p>
          ) : null}
          <p className="small">Lost a device, or logged in on a shared computer? End every session of your account except this one.</p>
          <Form method="post" action="/logout">
            <input type="hidden" name="intent" value="everywhere-else" />
            <button type="submit" className="btn">
              Log out everywhere else
            </button>
          </Form>
        </section>
      )}

      <section aria-labelledby="data-heading" className="section">
        <h2 id="data-heading">Your data</h2>
        <p className="small">Download everything we hold about you, or delete your account and all of it.</p>
        <div className="form-actions">
          <a href="/me/export" className="btn" download>
            Download my data (JSON)
          </a>
          <Link to="/me/delete" className="btn btn-danger">
            Delete my account…
          </Link>
        </div>
      </section>
    </div>
  );
}
