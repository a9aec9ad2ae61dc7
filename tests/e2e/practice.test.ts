import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { loadContent } from "../../app/content/load.server";
import { renderQuestion } from "../../app/content/sync.server";
import { sharedBrowser } from "./browser";
import { answerCurrent, completeSession, hydrated, startPractice } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();

async function newPage(): Promise<Page> {
  const context = await browser().newContext({ viewport: { width: 1200, height: 900 } });
  return context.newPage();
}

describe("a guest practises, signs up, and keeps the progress", () => {
  it("works end to end through the real UI", async () => {
    const page = await newPage();
    await page.goto(base + "/");
    await page.getByRole("link", { name: "Start practising" }).click();
    await page.getByRole("heading", { name: "Topics", level: 1 }).waitFor();
    await page.getByRole("link", { name: /^Idempotency/ }).click();
    await page.getByRole("heading", { name: "Idempotency", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Start practice" }).click();
    await page.waitForURL(/\/practice\/[^/]+\/q\/1$/);
    await page.getByText("Question 1 of").waitFor(); // waits until visible, fails on timeout

    await answerCurrent(page);
    expect(await page.locator(".verdict").textContent()).toMatch(/Correct|Not quite|Partly right|Answer saved/);
    await page.getByRole("heading", { name: "Explanation" }).waitFor(); // waits until visible, fails on timeout

    // N moves on to the next question.
    await page.keyboard.press("n");
    await page.waitForURL(/\/q\/2$/);

    await page.getByRole("link", { name: "Sign up" }).click();
    await page.waitForURL(/\/signup/);
    const email = `e2e-${Date.now()}@example.com`;
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(/\/practice\/[^/]+\/q\/2$/);
    await page.getByText(email).waitFor(); // waits until visible, fails on timeout

    await page.goto(base + "/topics");
    const card = page.getByRole("link", { name: /^Idempotency/ });
    expect(await card.textContent()).toMatch(/1 seen/);

    // Log out and back in: the progress belongs to the account.
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(base + "/");
    await page.goto(base + "/topics");
    expect(await page.getByRole("link", { name: /^Idempotency/ }).textContent()).toMatch(/Not started/);
    await page.goto(base + "/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough passphrase");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/topics$/);
    expect(await page.getByRole("link", { name: /^Idempotency/ }).textContent()).toMatch(/1 seen/);
    await page.context().close();
  });

  it("finishes a session and shows the summary", async () => {
    const page = await newPage();
    await startPractice(page, base, "rate-limiting");
    expect(await completeSession(page)).toBe(10);
    await page.getByRole("heading", { name: "Session summary" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(10);
    await page.context().close();
  });

  it("shows field messages for an empty answer and loses nothing", async () => {
    const page = await newPage();
    await startPractice(page, base, "indexing");
    await hydrated(page);
    // An ordering question always holds a complete order, so it has no "empty" answer: skip past it.
    let step = 1;
    while ((await page.locator(".ordering-list").count()) > 0) {
      await answerCurrent(page);
      await page.keyboard.press("n");
      await page.waitForURL(new RegExp(`/q/${++step}$`));
      await hydrated(page);
    }
    await page.getByRole("button", { name: /Submit answer/ }).click();
    const error = page.locator(".field-error, .alert-error").first();
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Pick|Choose|Enter a number|Write your answer/);
    expect(page.url()).toMatch(new RegExp(`/q/${step}$`));
    await answerCurrent(page);
    await page.context().close();
  });
});

describe("answer keys stay on the server", () => {
  it("a question page's HTML holds no feedback, explanation or key of any question in the topic", async () => {
    const { questions } = loadContent(path.resolve("content"));
    const topic = questions.filter((q) => q.topic === "idempotency").map(renderQuestion);
    const secrets = topic.flatMap((q) => {
      const s: string[] = [q.explanation];
      if (q.type === "single" || q.type === "multiple") s.push(...q.options.map((o) => o.feedback));
      if (q.type === "ordering") s.push(...q.items.map((i) => i.feedback));
      if (q.type === "true-false") s.push(q.feedback.true, q.feedback.false);
      if (q.type === "numeric") s.push(q.feedback.correct, q.feedback.incorrect);
      if (q.type === "free-text") s.push(q.modelAnswer, ...q.rubric);
      return s.filter((x) => x.length > 30);
    });
    const page = await newPage();
    await startPractice(page, base, "idempotency");
    for (let step = 1; step <= 3; step++) {
      const html = await (await page.context().request.get(page.url())).text();
      const data = await (await page.context().request.get(page.url().replace(/\/?$/, ".data"))).text();
      for (const secret of secrets) {
        expect(html.includes(secret), `page HTML leaks: ${secret.slice(0, 60)}`).toBe(false);
        expect(data.includes(secret), `loader data leaks: ${secret.slice(0, 60)}`).toBe(false);
      }
      expect(html).not.toMatch(/"correct":|"answer":|"rubric":/);
      await answerCurrent(page);
      await page.keyboard.press("n");
      await page.waitForURL(new RegExp(`/q/${step + 1}$`));
    }
    await page.context().close();
  });
});
