/**
 * The alert rules and the Grafana dashboard shipped in docs/ query only metrics and labels the app
 * really exports, and docs/operations.md describes every metric the app defines. A renamed metric
 * or label fails here instead of silently emptying a panel or disarming an alert.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { getMetrics } from "../../app/utils/metrics.server";

type RuleFile = { groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }> }> };

const rules = parse(readFileSync("docs/prometheus/groundwork-rules.yml", "utf8")) as RuleFile;
const dashboard = JSON.parse(readFileSync("docs/grafana/groundwork-dashboard.json", "utf8")) as {
  panels: Array<{ title: string; type: string; targets?: Array<{ expr: string }>; panels?: unknown[] }>;
  templating: { list: Array<{ definition?: string }> };
};
const operations = readFileSync("docs/operations.md", "utf8");

/** Every metric of the registry with its label names (histograms add `le` on `_bucket`). */
function exported(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const metric of getMetrics().registry.getMetricsAsArray()) {
    const { name, labelNames = [] } = metric as unknown as { name: string; labelNames?: string[] };
    const labels = new Set(labelNames);
    const type = (metric as unknown as { type?: string }).type;
    if (type === "histogram") {
      out.set(`${name}_bucket`, new Set([...labels, "le"]));
      out.set(`${name}_sum`, labels);
      out.set(`${name}_count`, labels);
    } else {
      out.set(name, labels);
    }
  }
  return out;
}

const KEYWORDS = new Set([
  "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset",
  "sum", "avg", "min", "max", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group", "inf", "nan",
]);
/** Labels Prometheus attaches to every scraped series. */
const TARGET_LABELS = new Set(["job", "instance"]);

/** Metric names, matcher labels and grouping labels used by a PromQL expression. */
function references(expr: string) {
  const source = expr.replace(/\$__\w+|\$\w+/g, "x");
  const selectors = [...source.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{([^}]*)\}/g)];
  const matcherLabels = selectors.map((m) => ({ metric: m[1], labels: [...m[2]!.matchAll(/([a-zA-Z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((l) => l[1]!) }));
  const grouping = [...source.matchAll(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g)].flatMap((m) => m[1]!.split(",").map((s) => s.trim()).filter(Boolean));
  const bare = source
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring)\s*\([^)]*\)/g, " ");
  const names = [...bare.matchAll(/(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*/g)]
    .filter((m) => !/^\s*\(/.test(bare.slice(m.index + m[0].length))) // a function call, not a metric
    .map((m) => m[0])
    .filter((n) => !KEYWORDS.has(n.toLowerCase()));
  return { names: [...new Set(names)], matcherLabels, grouping };
}

function expressions(): Array<{ where: string; expr: string }> {
  const out: Array<{ where: string; expr: string }> = [];
  for (const group of rules.groups) for (const rule of group.rules) out.push({ where: `rule ${rule.alert ?? rule.record}`, expr: rule.expr });
  const walk = (panels: typeof dashboard.panels) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) out.push({ where: `panel "${p.title}"`, expr: t.expr });
      if (p.panels) walk(p.panels as typeof dashboard.panels);
    }
  };
  walk(dashboard.panels);
  for (const v of dashboard.templating.list) if (v.definition) out.push({ where: "dashboard variable", expr: v.definition.replace(/^label_values\((.*),\s*\w+\)$/, "$1") });
  return out;
}

describe("alert rules and dashboard", () => {
  const metrics = exported();
  const recorded = new Set(rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.record ? [r.record] : []))));

  it("reference only metrics the app exports (or recording rules defined alongside, or Prometheus's `up`)", () => {
    const all = expressions();
    expect(all.length).toBeGreaterThan(40);
    const unknown: string[] = [];
    for (const { where, expr } of all) {
      for (const name of references(expr).names) {
        if (!metrics.has(name) && !recorded.has(name) && name !== "up") unknown.push(`${where}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it("filter and group only by labels those metrics carry", () => {
    const wrong: string[] = [];
    for (const { where, expr } of expressions()) {
      const refs = references(expr);
      const known = new Set([...TARGET_LABELS, ...refs.names.flatMap((n) => [...(metrics.get(n) ?? [])])]);
      for (const { metric, labels } of refs.matcherLabels) {
        const own = metric && metrics.has(metric) ? new Set([...TARGET_LABELS, ...metrics.get(metric)!]) : known;
        for (const l of labels) if (!own.has(l)) wrong.push(`${where}: ${metric ?? "?"}{${l}}`);
      }
      for (const l of refs.grouping) if (!known.has(l)) wrong.push(`${where}: by (${l})`);
    }
    expect(wrong).toEqual([]);
  });

  it("every alert has a severity and a summary, and every rule a valid duration", () => {
    for (const group of rules.groups) {
      for (const rule of group.rules) {
        if (rule.record) {
          expect(rule.record).toMatch(/^[a-z_]+:[a-z_]+:[a-z0-9_]+$/);
          continue;
        }
        expect(rule.alert, JSON.stringify(rule)).toMatch(/^Groundwork[A-Z]\w+$/);
        expect(["page", "ticket", "warning"]).toContain(rule.labels?.severity);
        expect(rule.annotations?.summary).toBeTruthy();
        if (rule.for) expect(rule.for).toMatch(/^\d+[smhd]$/);
      }
    }
  });

  it("cover what the operations guide says to alert on", () => {
    const alerts = rules.groups.flatMap((g) => g.rules.flatMap((r) => (r.alert ? [r.alert] : [])));
    for (const expected of ["GroundworkHigh5xxRate", "GroundworkErrorBudgetFastBurn", "GroundworkLatencyBudgetFastBurn", "GroundworkSandboxCrashing", "GroundworkDiskAlmostFull", "GroundworkEventLoopLag", "GroundworkNotReady"]) {
      expect(alerts).toContain(expected);
      expect(operations).toContain(expected);
    }
  });
});

describe("docs/operations.md", () => {
  it("describes every metric the app defines itself", () => {
    const own = getMetrics()
      .registry.getMetricsAsArray()
      .map((m) => (m as unknown as { name: string }).name)
      .filter((n) => !n.startsWith("process_") && !n.startsWith("nodejs_"));
    expect(own.length).toBeGreaterThanOrEqual(9);
    for (const name of own) expect(operations).toContain(`\`${name}\``);
  });
});
