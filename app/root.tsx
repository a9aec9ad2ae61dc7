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
 * Retry-After on a 429) are passed on from here.
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
  return (
    <header className="site-header">
      <div className="container">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">G</span>
          Groundwork
        </Link>
        <nav className="nav" aria-label="Main">
          <NavLink to="/topics">Topics</NavLink>
        </nav>
        <div className="header-actions">
          <Form method="post" action="/theme">
            <input type="hidden" name="theme" value={NEXT_THEME[theme]} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="btn btn-ghost btn-sm" aria-label={`${THEME_LABEL[theme]}; switch to ${THEME_LABEL[NEXT_THEME[theme]].toLowerCase()}`}>
              {theme === "dark" ? "☾" : theme === "light" ? "☀" : "◐"}
              <span className="visually-hidden">{THEME_LABEL[theme]}</span>
            </button>
          </Form>
          {user && !user.isGuest ? (
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
        <ScrollRestoration />
        <Scripts />
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

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? "Page not found" : status === 403 ? "Not allowed" : status === 429 ? "Slow down" : "Something went wrong";
  const message =
    status === 404
      ? "There is nothing at this address. It may have been moved, or the link may be mistyped."
      : status === 403
        ? "Your account cannot open this page."
        : status === 429
          ? "Too many requests in a short time. Wait a moment and try again."
          : "An unexpected error happened on our side. It has been logged; please try again.";
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
