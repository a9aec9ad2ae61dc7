/**
 * The security headers in a real browser: Monaco and the practice pages run under the CSP with no
 * violation at all, every kind of response carries the headers, and a cross-site post is refused.
 */
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { sharedBrowser } from "./browser";
import { answerCurrent, hydrated } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();

/** A page that records every CSP violation: the DOM event, and the console's "Refused …" errors. */
async function watchedPage(context: BrowserContext): Promise<{ page: Page; violations: string[] }> {
  const violations: string[] = [];
  await context.exposeBinding("__reportViolation", (_source, text: string) => void violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  return { page, violations };
}

async function monacoReady(page: Page) {
  await hydrated(page);
  await page.waitForSelector(".code-editor[data-editor=monaco] .monaco-editor .view-lines", { timeout: 20_000 });
}

describe("the Content-Security-Policy", () => {
  it("lets a drill page run Monaco, its TypeScript worker included, with no violation", async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const { page, violations } = await watchedPage(context);
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${base}/drills/token-bucket`);
    await monacoReady(page);
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText("\nconst shouldBeANumber: number = 'a string';\n");
    // The red squiggle comes from the TypeScript worker: it only appears if the worker loaded.
    await page.waitForSelector(".monaco-editor .squiggly-error", { timeout: 20_000 });
    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(url).toMatch(new RegExp(`^${base}/monaco/workers/(ts|editor)\\.js$`));
    expect(violations).toEqual([]);
    await context.close();
  });

  it("lets a learner practise, then open a drill in the same document, with no violation", async () => {
    const context = await browser().newContext({ viewport: { width: 1200, height: 900 } });
    const { page, violations } = await watchedPage(context);
    await page.goto(`${base}/topics/idempotency`);
    await page.getByRole("button", { name: "Start practice" }).click();
    await page.waitForURL(/\/q\/1$/);
    await answerCurrent(page);
    await page.keyboard.press("n");
    await page.waitForURL(/\/q\/2$/);
    // Client-side navigation: Monaco now runs under the policy of the practice page's document.
    await page.getByRole("link", { name: "Drills", exact: true }).click();
    await page.getByRole("link", { name: /Token bucket/ }).first().click();
    await monacoReady(page);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("gives every inline script this response's nonce, and a new nonce per response", async () => {
    const first = await fetch(`${base}/topics`);
    const second = await fetch(`${base}/topics`);
    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
    const nonce = nonceOf(first)!;
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second)).not.toBe(nonce);
    const scripts = [...(await first.text()).matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
  });
});

describe("security headers", () => {
  it("are on documents, static files, Monaco's workers, errors and refusals alike", async () => {
    const responses = {
      document: await fetch(`${base}/topics`),
      static: await fetch(`${base}/favicon.svg`),
      worker: await fetch(`${base}/monaco/workers/ts.js`),
      notFound: await fetch(`${base}/no/such/page`),
      refused: await fetch(`${base}/logout`, { method: "POST", headers: { Origin: "https://evil.example", Cookie: "gw_session=x" } }),
    };
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers.get("content-security-policy"), name).toMatch(/^default-src 'self'; script-src 'self' 'nonce-/);
      expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), name).toBe("DENY");
      expect(res.headers.get("referrer-policy"), name).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("cross-origin-opener-policy"), name).toBe("same-origin");
      expect(res.headers.get("permissions-policy"), name).toMatch(/camera=\(\)/);
      // The browser suite runs the production build.
      expect(res.headers.get("strict-transport-security"), name).toMatch(/^max-age=31536000/);
    }
    expect(responses.notFound.status).toBe(404);
    expect(responses.worker.status).toBe(200);
    expect(responses.refused.status).toBe(403);
  });

  it("send no referrer and forbid caching on a password-reset link", async () => {
    const res = await fetch(`${base}/reset-password/${"A".repeat(43)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toContain("This reset link does not work any more");
  });
});

describe("cross-site requests", () => {
  it("are refused with 403 before any route runs, while the browser's own forms work", async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${base}/topics/idempotency`);
    await page.getByRole("button", { name: "Start practice" }).click();
    await page.waitForURL(/\/q\/1$/);
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    expect(cookie).toContain("gw_session=");
    const forged = await fetch(`${base}/logout`, {
      method: "POST",
      headers: { Origin: "https://evil.example", Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Accept: "text/html" },
      body: "",
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/This request came from another site \(https:\/\/evil\.example\), so it was refused\./);
    // The session survived: the practice page still opens as the same guest.
    await page.reload();
    await page.getByText("Question 1 of").waitFor();
    await context.close();
  });
});
