/** Steps that several browser tests share. */
import type { Page } from "playwright-core";

export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated]");
}

/**
 * Answers whatever question is on screen, using the keyboard where the product offers shortcuts,
 * optionally saying how sure the learner is first.
 */
export async function answerCurrent(page: Page, options: { confidence?: "Not sure" | "Fairly sure" | "Certain" } = {}) {
  await hydrated(page);
  if (options.confidence) await page.getByRole("radio", { name: options.confidence }).check();
  if ((await page.locator("input[data-shortcut]").count()) > 0) {
    await page.keyboard.press("1");
    await page.keyboard.press("Enter");
  } else if ((await page.locator("#numeric-answer").count()) > 0) {
    await page.fill("#numeric-answer", "42");
    await page.keyboard.press("Enter");
  } else if ((await page.locator("#free-text-answer").count()) > 0) {
    await page.fill("#free-text-answer", "I would weigh latency against consistency and name the failure modes.");
    await page.keyboard.press("Control+Enter");
  } else {
    await page.getByRole("button", { name: /Submit answer/ }).click();
  }
  await page.getByRole("heading", { name: "Explanation" }).waitFor();
}

/** Opens a topic and starts a practice session on it; resolves on question 1. */
export async function startPractice(page: Page, base: string, slug: string) {
  await page.goto(`${base}/topics/${slug}`);
  await page.getByRole("button", { name: "Start practice" }).click();
  await page.waitForURL(/\/q\/1$/);
}

/**
 * Answers every question of the running session until its summary, calling the hooks on each
 * question page and each feedback page. Returns how many questions were answered.
 */
export async function completeSession(
  page: Page,
  hooks: { onQuestion?: (n: number) => Promise<void>; onFeedback?: (n: number) => Promise<void> } = {},
): Promise<number> {
  for (let n = 1; ; n++) {
    await hydrated(page);
    await hooks.onQuestion?.(n);
    await answerCurrent(page);
    await hooks.onFeedback?.(n);
    const next = page.getByRole("link", { name: /Next question|See summary/ });
    const last = (await next.textContent())?.includes("See summary");
    await next.click();
    if (last) {
      await page.waitForURL(/\/summary$/);
      return n;
    }
    await page.waitForURL(new RegExp(`/q/${n + 1}$`));
  }
}
