/** CI's dependency audit reads npm's report: high and critical advisories fail, an unreachable service warns. */
import { describe, expect, it } from "vitest";
import { auditVerdict } from "../../scripts/audit-deps.mjs";

const report = (vulnerabilities: Record<string, { severity: string; range?: string; via?: unknown[]; fixAvailable?: boolean }>) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(Object.entries(vulnerabilities).map(([name, v]) => [name, { name, range: "<1.0.0", via: [], fixAvailable: true, ...v }])),
    metadata: {
      vulnerabilities: {
        info: 0,
        low: Object.values(vulnerabilities).filter((v) => v.severity === "low").length,
        moderate: Object.values(vulnerabilities).filter((v) => v.severity === "moderate").length,
        high: Object.values(vulnerabilities).filter((v) => v.severity === "high").length,
        critical: Object.values(vulnerabilities).filter((v) => v.severity === "critical").length,
      },
    },
  });

describe("the dependency audit verdict", () => {
  it("fails on a high or critical advisory and names it", () => {
    const high = auditVerdict(report({ cookie: { severity: "low" }, "path-to-regexp": { severity: "high", via: [{ title: "ReDoS in path-to-regexp", url: "https://github.com/advisories/GHSA-x" }] } }));
    expect(high.verdict).toBe("fail");
    expect(high.lines[0]).toBe("production dependencies: 0 critical, 1 high, 0 moderate, 1 low");
    expect(high.lines[1]).toBe("high: path-to-regexp <1.0.0: ReDoS in path-to-regexp (https://github.com/advisories/GHSA-x) [fix available]");
    expect(auditVerdict(report({ nodemailer: { severity: "critical", via: ["smtp-lib"], fixAvailable: false } })).lines[1]).toBe(
      "critical: nodemailer <1.0.0: through smtp-lib [no fix yet]",
    );
  });

  it("passes with only moderate or low advisories, or none", () => {
    expect(auditVerdict(report({ cookie: { severity: "low" }, qs: { severity: "moderate" } })).verdict).toBe("pass");
    expect(auditVerdict(report({})).verdict).toBe("pass");
  });

  it("reports an unreachable advisory service as unavailable, not as a pass", () => {
    const refused = auditVerdict(JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk", statusCode: 405 }));
    expect(refused).toEqual({ verdict: "unavailable", lines: [expect.stringMatching(/could not be asked: 405 Method Not Allowed/)] });
    expect(auditVerdict("").verdict).toBe("unavailable");
  });
});
