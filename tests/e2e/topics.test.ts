/** Every topic in the real bank: its page renders the primer, and a practice session starts and serves question 1. */
import { describe, expect, inject, it } from "vitest";

const base = inject("baseUrl");

async function slugs(): Promise<string[]> {
  const html = await (await fetch(`${base}/topics`)).text();
  return [...new Set([...html.matchAll(/href="\/topics\/([a-z0-9-]+)"/g)].map((m) => m[1]!))];
}

describe("every topic", () => {
  it("renders its primer and starts a practice session", async () => {
    const all = await slugs();
    expect(all.length).toBeGreaterThanOrEqual(25);
    for (const slug of all) {
      const page = await fetch(`${base}/topics/${slug}`);
      expect(page.status, slug).toBe(200);
      const html = await page.text();
      const primer = /<article class="prose" aria-label="Primer">([\s\S]*?)<\/article>/.exec(html)?.[1] ?? "";
      expect(primer.replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length, `${slug} primer`).toBeGreaterThan(200);

      const start = await fetch(`${base}/topics/${slug}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
        body: "",
        redirect: "manual",
      });
      expect(start.status, `${slug} start`).toBe(302);
      const cookie = start.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
      const session = start.headers.get("Location")!;
      const q1 = await fetch(`${base}${session}/q/1`, { headers: { Cookie: cookie } });
      expect(q1.status, `${slug} question 1`).toBe(200);
      expect(await q1.text()).toContain("Submit answer");
    }
  });
});
