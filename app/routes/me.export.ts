import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportUserData } from "~/models/account.server";
import { getSessionUser } from "~/utils/session.server";

/** Everything about the signed-in learner as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const body = user ? await exportUserData(user.id) : null;
  if (!body) throw new Response("Nothing to export: you have no profile yet.", { status: 404 });
  const date = body.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="groundwork-export-${date}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
