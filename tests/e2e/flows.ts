/** Steps that several browser tests share. */
import type { Page } from "playwright-core";

export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated]");
}

/** Answers whatever question is on screen, using the keyboard where the product offers shortcuts. */
export async function answerCurrent(page: Page) {
  await hydrated(page);
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
