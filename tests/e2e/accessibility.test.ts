import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axe, describeViolations, launch } from "./browser";
import { answerCurrent } from "./flows";

const base = inject("baseUrl");
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function expectClean(page: Page, label: string) {
  const violations = await axe(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

describe.each(["light", "dark"] as const)("axe-core on the main pages (%s theme)", (theme) => {
  async function newPage() {
    const context = await browser.newContext({ colorScheme: theme, viewport: { width: 1200, height: 900 } });
    await context.addCookies([{ name: "gw_theme", value: theme, url: base }]);
    return context.newPage();
  }

  it.each(["/", "/topics", "/topics/idempotency", "/topics/indexing", "/login", "/signup", "/no-such-page"])("%s", async (path) => {
    const page = await newPage();
    await page.goto(base + path);
    await expectClean(page, path);
    await page.context().close();
  });

  it("every question and feedback page of a session, and its summary", async () => {
    const page = await newPage();
    await page.goto(base + "/topics/rate-limiting");
    await page.getByRole("button", { name: "Start practice" }).click();
    await page.waitForURL(/\/q\/1$/);
    for (let i = 1; i <= 10; i++) {
      await page.waitForSelector("html[data-hydrated]");
      await expectClean(page, `question ${i}`);
      await answerCurrent(page);
      await expectClean(page, `feedback ${i}`);
      const next = page.getByRole("link", { name: /Next question|See summary/ });
      const last = (await next.textContent())?.includes("See summary");
      await next.click();
      if (last) break;
      await page.waitForURL(new RegExp(`/q/${i + 1}$`));
    }
    await page.waitForURL(/\/summary$/);
    await expectClean(page, "summary");
    await page.context().close();
  });
});

describe("keyboard only", () => {
  it("reaches the skip link first and every control of a question by Tab", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + "/topics/idempotency");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    // Start practice with the keyboard alone.
    const start = page.getByRole("button", { name: "Start practice" });
    await start.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/q\/1$/);
    await answerCurrent(page);
    expect(await page.getByRole("heading", { name: "Explanation" }).isVisible()).toBe(true);
    await context.close();
  });
});
