/**
 * Reads `content/` from disk and validates every file. Returns the valid content and a list of
 * `path: field: message` problems; callers decide whether problems are fatal.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import type { z } from "zod";
import {
  questionBodySchema,
  questionFrontMatterSchema,
  splitQuestionBody,
  topicFrontMatterSchema,
  type Question,
  type Topic,
} from "./schema";
import { loadDrills, type LoadedDrill } from "../drills/load.server";

export type LoadedQuestion = Question & { contentHash: string; file: string };
export type LoadedTopic = Topic & { contentHash: string; file: string };

export type ContentProblem = { file: string; field: string; message: string };

export type LoadedContent = {
  topics: LoadedTopic[];
  questions: LoadedQuestion[];
  drills: LoadedDrill[];
  problems: ContentProblem[];
};

export function formatProblem(p: ContentProblem): string {
  return `${p.file}: ${p.field}: ${p.message}`;
}

function zodProblems(file: string, error: z.ZodError, prefix = ""): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: prefix + (issue.path.length ? issue.path.join(".") : "(file)"),
    message: issue.message,
  }));
}

function hash(raw: string): string {
  return createHash("sha256").update(raw.replace(/\r\n/g, "\n")).digest("hex");
}

function parseMatter(file: string, raw: string, problems: ContentProblem[]) {
  try {
    // gray-matter caches by input string; pass an empty options object to disable the cache so
    // edited files are always re-read.
    return matter(raw, {});
  } catch (error) {
    problems.push({ file, field: "front matter", message: `invalid YAML: ${(error as Error).message.split("\n")[0]}` });
    return null;
  }
}

export function loadContent(contentDir: string): LoadedContent {
  const problems: ContentProblem[] = [];
  const topics: LoadedTopic[] = [];
  const questions: LoadedQuestion[] = [];
  const drills: LoadedDrill[] = [];
  const seenIds = new Map<string, string>();
  const rel = (p: string) => path.relative(process.cwd(), p) || p;

  const entries = readdirSync(contentDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !e.name.startsWith("_"))
    .map((e) => e.name)
    .sort();

  for (const slug of entries) {
    const dir = path.join(contentDir, slug);
    const topicFile = path.join(dir, "topic.md");
    if (!exists(topicFile)) {
      problems.push({ file: rel(dir), field: "topic.md", message: "every topic folder needs a topic.md primer" });
      continue;
    }
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
      problems.push({ file: rel(dir), field: "(folder)", message: "topic folder names must be kebab-case" });
      continue;
    }
    const topicRaw = readFileSync(topicFile, "utf8");
    const topicMatter = parseMatter(rel(topicFile), topicRaw, problems);
    if (topicMatter) {
      const parsed = topicFrontMatterSchema.safeParse(topicMatter.data);
      const primer = topicMatter.content.trim();
      if (!parsed.success) problems.push(...zodProblems(rel(topicFile), parsed.error));
      else if (primer.length < 100) {
        problems.push({ file: rel(topicFile), field: "(body)", message: "the primer must be at least 100 characters" });
      } else {
        topics.push({ ...parsed.data, slug, primer, contentHash: hash(topicRaw), file: rel(topicFile) });
      }
    }

    const questionFiles = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".md") && e.name !== "topic.md")
      .map((e) => e.name)
      .sort();
    for (const name of questionFiles) {
      const file = path.join(dir, name);
      const raw = readFileSync(file, "utf8");
      const parsedMatter = parseMatter(rel(file), raw, problems);
      if (!parsedMatter) continue;
      const front = questionFrontMatterSchema.safeParse(parsedMatter.data);
      const body = questionBodySchema.safeParse(splitQuestionBody(parsedMatter.content));
      if (!front.success) problems.push(...zodProblems(rel(file), front.error));
      if (!body.success) problems.push(...zodProblems(rel(file), body.error));
      if (!front.success || !body.success) continue;
      const stem = name.replace(/\.md$/, "");
      if (front.data.id !== stem) {
        problems.push({ file: rel(file), field: "id", message: `must equal the file name ("${stem}")` });
        continue;
      }
      const previous = seenIds.get(front.data.id);
      if (previous) {
        problems.push({ file: rel(file), field: "id", message: `duplicate id, also used by ${previous}` });
        continue;
      }
      seenIds.set(front.data.id, rel(file));
      questions.push({ ...front.data, ...body.data, topic: slug, contentHash: hash(raw), file: rel(file) });
    }
    const loaded = loadDrills(dir, slug, rel);
    drills.push(...loaded.drills);
    problems.push(...loaded.problems);
  }
  const questionIds = new Set(questions.map((q) => q.id));
  const drillIds = new Map<string, string>();
  for (const d of drills) {
    if (drillIds.has(d.id)) problems.push({ file: d.dir, field: "id", message: `duplicate drill id, also used by ${drillIds.get(d.id)}` });
    drillIds.set(d.id, d.dir);
    for (const c of d.concepts) {
      if (!questionIds.has(c)) problems.push({ file: `${d.dir}/drill.md`, field: "concepts", message: `no question has the id "${c}"` });
    }
  }
  return { topics, questions, drills, problems };
}

function exists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
