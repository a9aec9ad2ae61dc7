/** The visitor's theme choice (light, dark, or follow the system), kept in a plain cookie. */
import { createCookie } from "@remix-run/node";
import { z } from "zod";

export const themeSchema = z.enum(["light", "dark", "system"]);
export type Theme = z.infer<typeof themeSchema>;

const themeCookie = createCookie("gw_theme", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 86400 });

export async function getTheme(request: Request): Promise<Theme> {
  const parsed = themeSchema.safeParse(await themeCookie.parse(request.headers.get("Cookie")));
  return parsed.success ? parsed.data : "system";
}

export function serializeTheme(theme: Theme): Promise<string> {
  return themeCookie.serialize(theme);
}
