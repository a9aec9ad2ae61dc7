import { data, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readFormData } from "~/utils/forms";
import { safeRedirect } from "~/utils/redirect";
import { serializeTheme, themeSchema } from "~/utils/theme.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const theme = themeSchema.safeParse(form.get("theme"));
  if (!theme.success) return data({ fieldErrors: { theme: ["Choose light, dark or system"] } }, { status: 400 });
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": await serializeTheme(theme.data) } });
}
