/** Readiness: the database answers and the process is not shutting down. */
import { pingDb } from "~/utils/db.server";
import { isDraining } from "~/utils/lifecycle.server";

export async function loader() {
  const db = pingDb();
  const draining = isDraining();
  const ready = db && !draining;
  return Response.json(
    { status: ready ? "ready" : "unavailable", checks: { database: db ? "ok" : "failing", draining } },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
