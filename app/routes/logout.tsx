import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requirePost } from "~/utils/forms";
import { destroySession } from "~/utils/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  requirePost(request);
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}
