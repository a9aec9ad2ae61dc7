import { readFileSync } from "node:fs";
import matter from "gray-matter";
import { expect, it } from "vitest";
import { questionBodySchema, questionFrontMatterSchema, QUESTION_TYPES, splitQuestionBody, topicFrontMatterSchema } from "./schema";

/** The authoring guide's examples are complete files; they must stay valid as the schema evolves. */
const guide = readFileSync("content/README.md", "utf8");
const examples = [...guide.matchAll(/```markdown\n(---\n[\s\S]*?)```/g)].map((m) => m[1]!);

it("has a complete, valid example of every question type and of a primer", () => {
  const types = new Set<string>();
  for (const example of examples) {
    const { data, content } = matter(example, {});
    if ("title" in data) {
      expect(topicFrontMatterSchema.safeParse(data).error?.issues ?? []).toEqual([]);
      continue;
    }
    const front = questionFrontMatterSchema.safeParse(data);
    expect(front.error?.issues ?? [], String(data.id)).toEqual([]);
    expect(questionBodySchema.safeParse(splitQuestionBody(content)).error?.issues ?? [], String(data.id)).toEqual([]);
    types.add(front.data!.type);
  }
  expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
});
