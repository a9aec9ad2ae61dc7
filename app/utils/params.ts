/** Route params, parsed with zod: anything malformed is a 404, never a 500. */
import { z } from "zod";

export const practiceParams = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/),
  step: z.coerce.number().int().min(1).max(1000).optional(),
});

export function parseParams<T extends z.ZodType>(schema: T, params: unknown): z.output<T> {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  return parsed.data;
}
