/**
 * Spaced repetition end to end: answer questions, jump the server's test clock days ahead, review
 * what fell due, and watch the dashboard change. axe-core checks the review and dashboard pages.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axe, describeViolations, sharedBrowser } from "./browser";
import { answerCurrent, hydrated, startPractice } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();
const DAY = 86_400_000;

async function setClock(context: BrowserContext, ms: number) {
  await context.addCookies([{ name: "gw-test-now", value: String(ms), url: base }]);
}

async function expectClean(page: Page, label: string) {
  const violations = await axe(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

/** Answers the question on screen (saying "Fairly sure") and self-assesses free text, so it is scheduled. */
async function answerWithConfidence(page: Page) {
  await answerCurrent(page, { confidence: "Fairly sure" });
  // Free text is scheduled once self-assessed: tick every point.
  if ((await page.getByRole("button", { name: "Save self-assessment" }).count()) > 0) {
    for (const box of await page.getByRole("checkbox").all()) await box.check();
    await page.getByRole("button", { name: "Save self-assessment" }).click();
    await page.getByRole("heading", { name: "Review schedule" }).waitFor();
  }
}

async function stat(page: Page, label: string): Promise<string> {
  return (await page.locator(".stat", { hasText: label }).locator(".stat-value").textContent())!.trim();
}

describe("spaced repetition in the browser", () => {
  it("answers, sees cards fall due days later, reviews them, and the dashboard changes", async () => {
    const t0 = Date.now();
    const context = await browser().newContext({ viewport: { width: 1200, height: 900 } });
    await setClock(context, t0);
    const page = await context.newPage();

    // Practise three questions of a topic.
    await startPractice(page, base, "rate-limiting");
    for (let n = 1; n <= 3; n++) {
      await answerWithConfidence(page);
      const schedule = page.getByRole("heading", { name: "Review schedule" });
      await schedule.waitFor();
      if (n === 1) {
        // The learner overrides the suggested rating with the keyboard, as in Anki.
        const status = page.locator("#rating-status");
        await page.keyboard.press("2");
        await expect.poll(() => status.textContent()).toMatch(/Rated Hard/);
        await expectClean(page, "practice feedback with rating");
      }
      await page.keyboard.press("n");
      await page.waitForURL(new RegExp(`/q/${n + 1}$`));
    }

    // Nothing new from the queue, so only the three answered questions matter.
    await page.goto(base + "/review");
    await hydrated(page);
    await page.getByText("Review settings").click();
    await page.getByLabel("New questions per day").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    // Just answered: they come back in minutes (learning steps), not now.
    await page.goto(base + "/review");
    await page.getByText("All caught up.").waitFor();
    expect(await page.getByText("The next question is due").count()).toBe(1);

    await page.goto(base + "/me");
    const before = await page.locator("#heatmap-summary").textContent();
    expect(before).toMatch(/^3 answers on 1 of the last 84 days/);
    await expectClean(page, "dashboard with data");

    // Five days later all three are due.
    await setClock(context, t0 + 5 * DAY);
    await page.goto(base + "/me");
    expect(await stat(page, "due today")).toBe("3");
    await page.getByRole("link", { name: "Review 3 due" }).click();
    await page.waitForURL(/\/review$/);
    await expect.poll(() => page.locator("h1 + p").textContent()).toMatch(/^3 due today/);
    await expectClean(page, "review question");

    for (let i = 0; i < 3; i++) {
      await answerWithConfidence(page);
      await page.waitForURL(/\/review\/a\/\d+$/);
      if (i === 0) await expectClean(page, "review feedback");
      await page.keyboard.press("n");
      await page.waitForURL(/\/review$/);
    }
    await page.getByText("All caught up.").waitFor();
    await expectClean(page, "review caught up");
    expect(await page.locator("h1 + p").textContent()).toMatch(/3 done today$/);

    await page.goto(base + "/me");
    expect(await page.locator("#heatmap-summary").textContent()).toMatch(/^6 answers on 2 of the last 84 days/);
    const mastery = page.getByRole("meter", { name: "Rate limiting mastery" });
    expect(Number(await mastery.getAttribute("aria-valuenow"))).toBeGreaterThan(0);

    // The charts stay readable in the dark theme too.
    await context.addCookies([{ name: "gw_theme", value: encodeURIComponent(btoa(JSON.stringify("dark"))), url: base }]);
    for (const path of ["/me", "/review"]) {
      await page.goto(base + path);
      expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
      await expectClean(page, `${path} in the dark theme`);
    }
    await context.close();
  });
});
