/**
 * POST /api/v1/prescreens/:id/invites — creates single-use candidate links.
 * Body: { "emails": ["a@example.com"], "expiresInDays"?: 14, "send"?: false }. Honours Idempotency-Key.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { MAX_INVITES_PER_REQUEST } from "~/forms/prescreen";
import { createInvites } from "~/models/candidate.server";
import { apiError, apiJson, readJson, requireApiCaller, requireMethod, withIdempotency } from "~/utils/api.server";
import { publicOrigin } from "~/utils/mailer.server";

const params = z.object({ id: z.uuid() });

export const invitesBody = z.object({
  emails: z
    .array(z.string().trim().toLowerCase().max(254).pipe(z.email({ message: "Not a valid email address" })), { message: "Send a list of email addresses" })
    .min(1, "Send at least one email address")
    .max(MAX_INVITES_PER_REQUEST, `At most ${MAX_INVITES_PER_REQUEST} addresses per request`),
  expiresInDays: z.number().int().min(1).max(60).default(14),
  send: z.boolean().default(false),
});

export async function action({ request, params: raw }: ActionFunctionArgs) {
  requireMethod(request, "POST");
  const caller = await requireApiCaller(request);
  const p = params.safeParse(raw);
  if (!p.success) return apiError(404, "not_found", "No such pre-screen.");
  const { value, raw: body } = await readJson(request, invitesBody);
  return withIdempotency(request, caller, body, async () => {
    const result = await createInvites({
      orgId: caller.orgId,
      prescreenId: p.data.id,
      actor: caller.actor,
      emails: [...new Set(value.emails)],
      expiresInDays: value.expiresInDays,
      send: value.send,
      origin: publicOrigin(request),
      now: new Date(),
    });
    if (!result.ok) return result.status === 404 ? apiError(404, "not_found", "No such pre-screen.") : apiError(409, "not_open", result.message);
    return apiJson({ data: { invites: result.invites.map((i) => ({ candidateId: i.candidateId, email: i.email, url: i.url, expiresAt: i.expiresAt, mailed: i.mailed })) } }, 201);
  });
}

export function loader({ request }: LoaderFunctionArgs) {
  requireMethod(request, "POST");
  return null;
}
