/** Route params of the candidate pages: a malformed link is a 404, never a 500. */
import { z } from "zod";

export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });
export const itemParams = tokenParams.extend({ n: z.coerce.number().int().min(1).max(1000) });
