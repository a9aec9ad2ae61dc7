/** Liveness: the process is up and serving. Never touches the database. */
export async function loader() {
  return Response.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "Cache-Control": "no-store" } });
}
