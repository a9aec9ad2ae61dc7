/** The answer fields a learner who knows (or gets wrong) a question would send, from the server's shuffle. */
import type { Question } from "../../app/content/schema";
import { permutationFor } from "../../app/grading/present";

export function answerFields(q: Question, seed: string, right = true): Array<[string, string]> {
  const perm = permutationFor(q, seed);
  const pos = (canonical: number) => String(perm.indexOf(canonical));
  switch (q.type) {
    case "single": {
      const key = q.options.findIndex((o) => o.correct);
      return [["choice", pos(right ? key : (key + 1) % q.options.length)]];
    }
    case "multiple":
      return q.options.flatMap((o, i) => (o.correct === right ? [["choice", pos(i)] as [string, string]] : []));
    case "true-false":
      return [["value", String(right ? q.answer : !q.answer)]];
    case "numeric":
      return [["value", String(right ? q.answer : q.answer * 10)]];
    case "ordering":
      // rank of display position p = canonical index + 1 when right; reversed when wrong
      return perm.map((c, p) => [`position-${p}`, String(right ? c + 1 : q.items.length - c)] as [string, string]);
    case "free-text":
      return [["text", "My answer covers the first and second ideas."]];
  }
}
