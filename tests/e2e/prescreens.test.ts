/**
 * The pre-screen flow in the browser, through the real UI: an interviewer builds a pre-screen from
 * the seed job description, invites a candidate; the candidate answers (free text and a drill
 * included), reloads mid-way and resumes, submits; the interviewer grades the free text, reads the
 * scorecard and downloads the CSV. axe checks every page on the way.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { axe, describeViolations, sharedBrowser } from "./browser";
import { hydrated } from "./flows";

const base = inject("baseUrl");
const browser = sharedBrowser();
const JD = readFileSync("tests/fixtures/job-description.txt", "utf8");

async function expectClean(page: Page, label: string) {
  // E2E_SCREENSHOTS=<dir> keeps a full-page screenshot of every checked page, for looking at the UI.
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/prescreen-${label.replace(/\W+/g, "-")}.png`, fullPage: true });
  const violations = await axe(page);
  expect(violations, `${label}\n${describeViolations(violations)}`).toEqual([]);
}

describe("a pre-screen from the seed job description", () => {
  it("is built, taken with a reload in the middle, graded and exported", async () => {
    // ---- The interviewer: account, organisation, draft from the job description.
    const interviewer = await browser().newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const ip = await interviewer.newPage();
    await ip.goto(`${base}/signup?redirectTo=/org`);
    await ip.getByLabel("Email").fill(`lead-${Date.now()}@acme.test`);
    await ip.getByLabel("Password").fill("a long enough passphrase");
    await ip.getByRole("button", { name: "Sign up" }).click();
    await ip.waitForURL(/\/org\/new$/);
    await expectClean(ip, "create organisation");
    await ip.getByLabel("Organisation name").fill("Acme Payments");
    await ip.getByRole("button", { name: "Create organisation" }).click();
    await ip.waitForURL(/\/org$/);
    for (const [path, heading] of [["/org/members", "Members"], ["/org/tokens", "API tokens"], ["/org/audit", "Audit log"], ["/org", "Pre-screens"]] as const) {
      await ip.goto(base + path);
      await ip.getByRole("heading", { name: heading, level: 1 }).waitFor();
      await expectClean(ip, `organisation ${heading}`);
    }
    await ip.getByRole("link", { name: "New pre-screen" }).click();
    await ip.getByLabel("Title").fill("Senior backend engineer");
    await ip.getByLabel("Job description (optional)").fill(JD);
    await ip.getByRole("button", { name: "Create draft" }).click();
    await ip.waitForURL(/\/org\/prescreens\/[0-9a-f-]{36}$/);
    const prescreenUrl = ip.url();
    await hydrated(ip);

    // The mapping names the system-design topics of the seed JD and proposes sections for them.
    const mapped = ip.getByRole("region", { name: "Mapped from the job description" });
    for (const topic of ["Idempotency", "Rate limiting", "Caching", "Observability"]) await expect.poll(() => mapped.textContent()).toContain(topic);
    expect(await mapped.textContent()).toContain("senior");
    expect(await ip.getByLabel("Intake questions").inputValue()).toMatch(/Notice Period/i);
    expect(await ip.locator("fieldset.section-row").count()).toBeGreaterThanOrEqual(8);
    await expectClean(ip, "builder");

    // Hand-pick a free-text item so the candidate surely gets one, then publish.
    await ip.getByLabel("Hand-pick from topic").selectOption("idempotency");
    await ip.getByRole("button", { name: "Show items" }).click();
    await ip.waitForURL(/pickTopic=idempotency/);
    await hydrated(ip);
    const freeText = ip.locator(".pick-list li").filter({ hasText: "free-text" }).first();
    await freeText.locator("input[type=checkbox]").check();
    await ip.getByRole("button", { name: "Save draft" }).click();
    await ip.waitForURL(/pickTopic=idempotency/);
    expect(await ip.locator("input[name=pick]:checked").count()).toBe(1);
    await ip.getByRole("button", { name: "Publish" }).click();
    await ip.getByRole("heading", { name: "Invite candidates" }).waitFor();

    // Invite one candidate and copy the link (no SMTP here).
    await ip.getByLabel("Email addresses").fill("cand@example.test");
    await ip.getByRole("button", { name: "Create invitations" }).click();
    const linkField = ip.getByLabel("cand@example.test");
    await linkField.waitFor();
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/c\/[A-Za-z0-9_-]{43}$/);
    await expectClean(ip, "pre-screen with invitations");

    // ---- The candidate: rules, consent, intake, then the items.
    const candidate = await browser().newContext({ viewport: { width: 1100, height: 900 } });
    const cp = await candidate.newPage();
    await cp.goto(link);
    await cp.getByRole("heading", { name: "Before you start" }).waitFor();
    await expectClean(cp, "candidate landing");
    await cp.getByLabel(/Notice Period/i).fill("30 days");
    await cp.getByLabel(/Current CTC/i).fill("12 LPA");
    await cp.getByLabel(/Expected CTC/i).fill("16 LPA");
    await cp.getByRole("checkbox", { name: /answer on my own/ }).check();
    await cp.getByRole("button", { name: /Start/ }).click();
    await cp.waitForURL(/\/q\/1$/);
    await hydrated(cp);
    await cp.getByRole("timer").waitFor();
    await expectClean(cp, "candidate free-text item");

    // Item 1 is the hand-picked free-text question: type, let autosave run.
    const answer = "Store the key with a unique index and the first response; a retry replays it, a different body under the same key is refused.";
    await cp.getByLabel("Your answer").fill(answer);
    await cp.getByText(/Saved at/).waitFor();

    // Next: the button saves and moves on (N does the same outside text fields).
    await cp.getByRole("button", { name: /Save and next/ }).click();
    await cp.waitForURL(/\/q\/2$/);
    await hydrated(cp);
    const hasOptions = (await cp.locator("input[data-shortcut]").count()) > 0;
    if (hasOptions) {
      // 1 picks the first option; autosave runs.
      await cp.keyboard.press("1");
      await cp.getByText(/Saved at/).waitFor();
    }

    // Reload mid-way: everything typed is still there, and the first item shows as answered.
    await cp.reload();
    await hydrated(cp);
    if (hasOptions) expect(await cp.locator("input[data-shortcut='1']").isChecked()).toBe(true);
    await cp.getByRole("button", { name: /^Item 1, answered/ }).click();
    await cp.waitForURL(/\/q\/1$/);
    expect(await cp.getByLabel("Your answer").inputValue()).toBe(answer);

    // The last item is a drill: write code in the editor and run the visible tests.
    const last = cp.locator(".item-nav li").last().getByRole("button");
    await last.click();
    await cp.waitForURL(/\/q\/\d+$/);
    await hydrated(cp);
    await cp.waitForSelector(".code-editor[data-editor=monaco] .monaco-editor .view-lines", { timeout: 20_000 });
    await cp.locator(".monaco-editor .view-lines").click();
    await cp.keyboard.press("Control+End");
    await cp.keyboard.insertText("\n// candidate was here\n");
    await cp.getByRole("button", { name: "Run visible tests" }).click();
    await cp.getByRole("heading", { name: /Run results/ }).waitFor();
    await expectClean(cp, "candidate drill item");

    // Finish and submit.
    await cp.getByRole("button", { name: "Finish…" }).click();
    await cp.waitForURL(/\/submit$/);
    await expectClean(cp, "candidate review page");
    await cp.getByRole("button", { name: "Submit my answers" }).click();
    await cp.getByRole("heading", { name: /your answers are in/ }).waitFor();
    await expectClean(cp, "candidate done page");
    await candidate.close();

    // ---- The interviewer: scorecard, rubric grading, CSV.
    await ip.goto(prescreenUrl);
    await ip.getByRole("link", { name: "cand@example.test", exact: true }).click();
    await ip.waitForURL(/\/c\/[0-9a-f-]{36}$/);
    await hydrated(ip);
    await ip.getByRole("heading", { name: "By evaluation focus" }).waitFor();
    expect(await ip.getByText(/still to grade/).count()).toBe(1);
    expect(await ip.getByText(answer).count()).toBe(1);
    expect(await ip.locator("pre code").filter({ hasText: "candidate was here" }).count()).toBe(1);
    await expect.poll(async () => {
      await ip.reload();
      return ip.locator(".test-list").count();
    }, { timeout: 20_000 }).toBeGreaterThan(0); // the drill's hidden tests ran after submission
    await expectClean(ip, "scorecard");
    const rubric = ip.getByRole("group", { name: /Rubric/ });
    await rubric.getByRole("checkbox").nth(0).check();
    await rubric.getByRole("checkbox").nth(1).check();
    await ip.getByRole("button", { name: "Save grade" }).click();
    await ip.getByText(/Grade saved for item 1/).waitFor();
    // The grade is stored: the scorecard (reloaded, so a late revalidation cannot mask it) has nothing left to grade.
    await expect
      .poll(
        async () => {
          await ip.reload();
          return ip.getByRole("region", { name: "Summary" }).textContent();
        },
        { timeout: 15_000 },
      )
      .not.toMatch(/still to grade/);
    expect(await ip.locator("article header").filter({ hasText: "to grade" }).count()).toBe(0);
    await ip.getByRole("button", { name: "Mark as reviewed" }).click();
    await ip.getByText("Marked as reviewed.").waitFor();

    await ip.goto(prescreenUrl);
    const [download] = await Promise.all([ip.waitForEvent("download"), ip.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toMatch(/^email,status,/);
    expect(csv).toMatch(/\r\ncand@example\.test,reviewed,/);
    expect(csv).toContain("30 days");
    await interviewer.close();
  });
});
