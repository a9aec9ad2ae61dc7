import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axe, describeViolations, sharedBrowser } from "./browser";
import { answerCurrent, completeSession, startPractice } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();

async function expectClean(page: Page, label: string) {
  const violations = await axe(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

describe.each(["light", "dark"] as const)("axe-core on the main pages (%s theme)", (theme) => {
  async function newPage() {
    const context = await browser().newContext({ colorScheme: theme, viewport: { width: 1200, height: 900 } });
    // The same encoding Remix's createCookie uses: base64 of the JSON value.
    await context.addCookies([{ name: "gw_theme", value: encodeURIComponent(btoa(JSON.stringify(theme))), url: base }]);
    return context.newPage();
  }

  it("renders the chosen theme on the server", async () => {
    const page = await newPage();
    await page.goto(base + "/topics");
    expect(await page.locator("html").getAttribute("data-theme")).toBe(theme);
    await page.context().close();
  });

  it.each(["/", "/topics", "/topics/idempotency", "/topics/indexing", "/login", "/signup", "/forgot-password", "/review", "/me", "/no-such-page"])("%s", async (path) => {
    const page = await newPage();
    await page.goto(base + path);
    await expectClean(page, path);
    await page.context().close();
  });

  it("every question and feedback page of a session, and its summary", async () => {
    const page = await newPage();
    await startPractice(page, base, "rate-limiting");
    await completeSession(page, {
      onQuestion: (n) => expectClean(page, `question ${n}`),
      onFeedback: (n) => expectClean(page, `feedback ${n}`),
    });
    await expectClean(page, "summary");
    await page.context().close();
  });
});

describe("theme switch", () => {
  it("cycles system → dark → light → system from the header and remembers the choice", async () => {
    const context = await browser().newContext({ colorScheme: "light" });
    const page = await context.newPage();
    await page.goto(base + "/topics");
    const html = page.locator("html");
    expect(await html.getAttribute("data-theme")).toBeNull();
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBg = await bg();
    for (const expected of ["dark", "light", null] as const) {
      await page.getByRole("button", { name: /theme; switch to/ }).click();
      await page.waitForFunction((want) => document.documentElement.getAttribute("data-theme") === want, expected);
      if (expected === "dark") expect(await bg()).not.toBe(lightBg);
      await page.reload();
      expect(await html.getAttribute("data-theme")).toBe(expected);
    }
    await context.close();
  });
});

describe("keyboard only", () => {
  it("reaches the skip link first and every control of a question by Tab", async () => {
    const context = await browser().newContext();
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
    await page.getByRole("heading", { name: "Explanation" }).waitFor(); // waits until visible, fails on timeout
    await context.close();
  });
});

describe("small screens", () => {
  it.each(["/", "/topics", "/topics/indexing", "/drills", "/drills/idempotency-key-store", "/review", "/me", "/login"])("%s fits a 390 px phone without sideways scrolling", async (path) => {
    const context = await browser().newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(base + path);
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
