// First: zod must be configured before any imported module builds a schema.
import "./utils/zod-jitless";
import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import styles from "./styles/app.css";
import { getSessionUser } from "./utils/session.server";
import { getTheme } from "./utils/theme.server";
import { useNonce } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Groundwork — practise backend fundamentals" },
  { name: "description", content: "Question banks, drills and pre-screens for backend engineers, self-hosted." },
];

/**
 * Errors thrown by any route render in this boundary, so the headers of a thrown Response (such as
 * Allow on a 405) are passed on from here.
 */
export const headers: HeadersFunction = ({ errorHeaders }) => errorHeaders ?? new Headers();

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, theme] = await Promise.all([getSessionUser(request), getTheme(request)]);
  return { user: user && { email: user.email, role: user.role, isGuest: user.isGuest }, theme };
}

const NEXT_THEME = { system: "dark", dark: "light", light: "system" } as const;
const THEME_LABEL = { system: "System theme", dark: "Dark theme", light: "Light theme" } as const;

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = data?.user;
  const theme = data?.theme ?? "system";
  const here = location.pathname + location.search;
  // Candidates taking a pre-screen see no site navigation: nothing to wander off to, no log-in.
  const candidate = location.pathname.startsWith("/c/");
  return (
    <header className="site-header">
      <div className="container">
        {candidate ? (
          <span className="brand">
            <span className="brand-mark" aria-hidden="true">G</span>
            Groundwork
          </span>
        ) : (
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">G</span>
            Groundwork
          </Link>
        )}
        {candidate ? null : (
          <nav className="nav" aria-label="Main">
            <NavLink to="/topics">Topics</NavLink>
            <NavLink to="/drills">Drills</NavLink>
            <NavLink to="/review">Review</NavLink>
            <NavLink to="/me">Progress</NavLink>
            {user && !user.isGuest ? <NavLink to="/org">Pre-screens</NavLink> : null}
          </nav>
        )}
        <div className="header-actions">
          <Form method="post" action="/theme">
            <input type="hidden" name="theme" value={NEXT_THEME[theme]} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="btn btn-ghost btn-sm" aria-label={`${THEME_LABEL[theme]}; switch to ${THEME_LABEL[NEXT_THEME[theme]].toLowerCase()}`}>
              {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
              <span className="visually-hidden">{THEME_LABEL[theme]}</span>
            </button>
          </Form>
          {candidate ? null : user && !user.isGuest ? (
            <>
              <span className="user-chip">{user.email}</span>
              <Form method="post" action="/logout">
                <button type="submit" className="btn btn-sm">Log out</button>
              </Form>
            </>
          ) : (
            <>
              <Link to={`/login?redirectTo=${encodeURIComponent(here)}`} className="btn btn-ghost btn-sm">Log in</Link>
              <Link to={`/signup?redirectTo=${encodeURIComponent(here)}`} className="btn btn-primary btn-sm">Sign up</Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const theme = data?.theme ?? "system";
  const nonce = useNonce();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={theme === "system" ? "light dark" : theme} />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">Skip to content</a>
        <Header />
        <main id="main" tabIndex={-1}>{children}</main>
        <footer className="site-footer">
          <div className="container">
            <span>Groundwork — practise the fundamentals, self-hosted.</span>
            <span>
              <Link to="/topics">Topics</Link>
            </span>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  // Lets browser tests (and CSS) know when client-side behaviour such as shortcuts is live.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

/** The first form-level message of an error body shaped like `{ fieldErrors: { form: [...] } }`. */
function formMessage(data: unknown): string | null {
  const body = typeof data === "string" ? safeJson(data) : data;
  const form = (body as { fieldErrors?: { form?: unknown } } | null)?.fieldErrors?.form;
  return Array.isArray(form) && typeof form[0] === "string" ? form[0] : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const ERROR_COPY: Record<number, { title: string; message: string }> = {
  403: { title: "Not allowed", message: "Your account cannot open this page." },
  404: { title: "Page not found", message: "There is nothing at this address. It may have been moved, or the link may be mistyped." },
  429: { title: "Slow down", message: "Too many requests in a short time. Wait a moment and try again." },
  500: { title: "Something went wrong", message: "An unexpected error happened on our side. It has been logged; please try again." },
  503: { title: "Busy right now", message: "The database is busy. Nothing was saved; try again in a moment." },
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const clientError = status >= 400 && status < 500;
  const copy = ERROR_COPY[status] ?? (clientError ? { title: "That request could not be handled", message: "Check the address or the form and try again." } : ERROR_COPY[500]!);
  // A 4xx that explains itself (e.g. "Only POST is allowed here.") says so instead of the generic copy.
  const message = (clientError && isRouteErrorResponse(error) && formMessage(error.data)) || copy.message;
  const title = copy.title;
  return (
    <div className="container narrow page">
      <p className="eyebrow">Error {status}</p>
      <h1>{title}</h1>
      <p className="muted">{message}</p>
      <p>
        <Link to="/topics" className="btn btn-primary">Browse topics</Link>
      </p>
    </div>
  );
}
