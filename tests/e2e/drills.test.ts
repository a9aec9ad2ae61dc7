/** Code drills in the browser: Monaco from our own origin, run and submit, no-JS fallback, containment. */
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axe, describeViolations, sharedBrowser } from "./browser";
import { hydrated, startPractice } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();

// One line: Monaco auto-indents and auto-closes brackets on Enter, as it does for a person typing.
const SOLUTION_LINES = `export function createTokenBucket({ capacity, refillPerSecond, now }: { capacity: number; refillPerSecond: number; now: () => number }) {
  let tokens = capacity;
  let last = now();
  return {
    tryTake(cost = 1): boolean {
      const t = now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * refillPerSecond);
      last = t;
      if (cost > tokens) return false;
      tokens -= cost;
      return true;
    },
  };
}
`;
const SOLUTION = SOLUTION_LINES.replace(/\n\s*/g, " ");

async function expectClean(page: Page, label: string) {
  const violations = await axe(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

async function monacoReady(page: Page) {
  await hydrated(page);
  await page.waitForSelector(".code-editor[data-editor=monaco] .monaco-editor .view-lines", { timeout: 20_000 });
}

describe("a code drill", () => {
  it("loads Monaco from our origin, runs the visible tests and submits all of them", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const foreign: string[] = [];
    page.on("request", (r) => {
      const url = r.url();
      if (!url.startsWith(base) && !url.startsWith("blob:") && !url.startsWith("data:")) foreign.push(url);
    });
    await page.goto(`${base}/drills/token-bucket`);
    await monacoReady(page);
    await expectClean(page, "drill page with Monaco");

    // Write a wrong solution and run it with the keyboard shortcut.
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("export function createTokenBucket() { return { tryTake: () => true }; }\n");
    await page.keyboard.press("Control+Enter");
    await page.getByRole("heading", { name: /Run results/ }).waitFor();
    expect(await page.locator(".test-item.is-fail").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".results").textContent()).toMatch(/the fourth take: expected false, got true/);

    // The right solution passes every test, hidden ones included.
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText(SOLUTION);
    await page.getByRole("button", { name: "Submit (all tests)" }).click();
    await page.getByRole("heading", { name: /Submission results/ }).waitFor();
    await expect.poll(() => page.locator(".results").textContent()).toMatch(/All 8 tests pass, hidden ones included\./);
    expect(await page.getByText("caps the bucket at its capacity").count()).toBe(1);
    await expectClean(page, "drill page with results");

    // The draft survives a reload.
    await page.reload();
    await monacoReady(page);
    expect(await page.locator("#code").inputValue()).toContain("tokens -= cost");
    expect(foreign).toEqual([]);
    await context.close();
  });

  it("works without JavaScript: a plain textarea and a server-rendered result", async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}/drills/token-bucket`);
    const textarea = page.getByLabel("Your solution");
    expect(await textarea.isVisible()).toBe(true);
    await textarea.fill(SOLUTION_LINES);
    await page.getByRole("button", { name: "Run visible tests" }).click();
    await page.getByRole("heading", { name: /Run results/ }).waitFor();
    expect(await page.locator(".results .verdict").textContent()).toMatch(/All 3 visible tests pass/);
    await context.close();
  });

  it("keeps /healthz answering while a submission spins forever, then reports the time limit", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${base}/drills/token-bucket`);
    await hydrated(page);
    const form = new URLSearchParams({ intent: "submit", language: "javascript", code: "export function createTokenBucket() { for (;;) {} }" });
    const spinning = page.request.post(`${base}/drills/token-bucket`, {
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      data: form.toString(),
    });
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(Date.now() - t).toBeLessThan(1000);
    const res = await spinning;
    expect(res.status()).toBe(200);
    expect(await res.text()).toMatch(/Time limit exceeded/);
    await context.close();
  });

  it("the drill list is axe-clean and quiz pages never load Monaco", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const monaco: string[] = [];
    page.on("request", (r) => r.url().includes("/monaco/") && monaco.push(r.url()));
    await page.goto(`${base}/drills`);
    await expectClean(page, "/drills");
    await startPractice(page, base, "idempotency");
    await hydrated(page);
    await page.goto(`${base}/topics`);
    expect(monaco).toEqual([]);
    await context.close();
  });
});

describe("a SQL drill", () => {
  it("runs an index drill, shows the plan with the sort highlighted, then passes with the right index", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${base}/drills/index-customer-orders`);
    await monacoReady(page);
    await expect.poll(() => page.locator(".schema-browser").textContent()).toMatch(/orders · 100,000 rows/);
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("CREATE INDEX orders_customer ON orders (customer_id);");
    await page.keyboard.press("Control+Enter");
    await page.getByRole("heading", { name: /Query plan/ }).waitFor();
    expect(await page.locator(".plan-tag-temp-btree").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(".results").textContent()).toMatch(/the plan sorts with a temporary B-tree/);
    await expectClean(page, "SQL drill with a plan");

    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await page.keyboard.insertText("CREATE INDEX orders_customer_created ON orders (customer_id, created_at);");
    await page.getByRole("button", { name: "Submit (all tests)" }).click();
    await page.getByRole("heading", { name: /Submission results/ }).waitFor();
    await expect.poll(() => page.locator(".results .verdict").textContent()).toMatch(/^All \d+ tests pass, hidden ones included\./);
    await context.close();
  });

  it("keeps /healthz answering while a recursive CTE runs away, then reports the time limit", async () => {
    const form = new URLSearchParams({ intent: "submit", language: "sql", code: "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*), 1 FROM r" });
    const runaway = fetch(`${base}/drills/revenue-by-country`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: form.toString() });
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(Date.now() - t).toBeLessThan(1000);
    const res = await runaway;
    expect(await res.text()).toMatch(/Time limit exceeded/);
  });
});
