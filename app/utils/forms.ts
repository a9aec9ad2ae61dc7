/** Shared form plumbing: zod errors in the `{ field: [messages] }` shape every action answers 400 with. */
import { z } from "zod";

export type FieldErrors = Record<string, string[] | undefined>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses FormData (single values only) with a schema. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  form: FormData,
): { ok: true; value: z.output<T> } | { ok: false; fieldErrors: FieldErrors } {
  const input: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") input[k] = v;
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, fieldErrors: fieldErrorsOf(result.error) };
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

function refuse(status: number, message: string, headers?: HeadersInit): Response {
  return new Response(JSON.stringify({ fieldErrors: { form: [message] } }), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** Actions accept POST only; anything else is a 405, never a 500. */
export function requirePost(request: Request): void {
  if (request.method !== "POST") throw refuse(405, "Only POST is allowed here.", { Allow: "POST" });
}

/** Reads a form body, turning a wrong content type or an unreadable body into a 4xx instead of a 500. */
export async function readFormData(request: Request): Promise<FormData> {
  requirePost(request);
  if (!FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    throw refuse(415, "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
  }
  try {
    return await request.formData();
  } catch {
    throw refuse(400, "The form could not be read.");
  }
}
