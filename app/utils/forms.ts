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
