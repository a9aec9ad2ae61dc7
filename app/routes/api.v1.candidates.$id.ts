/** GET /api/v1/candidates/:id — one candidate's results (scores and signals, never answer keys). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getScorecard } from "~/models/candidate.server";
import { apiError, apiJson, requireApiCaller, requireMethod } from "~/utils/api.server";

const params = z.object({ id: z.uuid() });

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request);
  const p = params.safeParse(raw);
  const card = p.success ? await getScorecard({ orgId: caller.orgId, candidateId: p.data.id }) : null;
  if (!card) return apiError(404, "not_found", "No such candidate.");
  const c = card.candidate;
  return apiJson({
    data: {
      candidate: { id: c.id, email: c.email, status: c.status, invitedAt: c.createdAt, expiresAt: c.expiresAt, startedAt: c.startedAt, submittedAt: c.submittedAt, submittedBy: c.submitReason, reviewedAt: c.reviewedAt, graded: Boolean(c.scoredAt) },
      prescreen: { id: card.prescreen.id, title: card.prescreen.title },
      intake: card.prescreen.intakeQuestions.map((q) => ({ question: q.label, answer: c.intakeAnswers?.[q.id] ?? null })),
      score: c.status === "submitted" || c.status === "reviewed" ? card.score : null,
      items: card.items.map((i) => ({ position: i.position, kind: i.kind, id: i.refId, topic: i.topic, difficulty: i.difficulty, type: i.type, dimensions: i.dimensions, answered: i.answered, score: i.score, correct: i.correct, pendingGrading: i.pending, msSpent: i.msSpent })),
      signals: { focusLosses: card.signals.focusLosses, pastes: card.signals.pastes, ipChanges: card.signals.ipChanges },
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, "GET");
  return null;
}
