/**
 * The deployment files (Dockerfile, docker-compose.yml, deploy/k8s) agree with the app: probes hit
 * real routes that answer as the probe expects, ports and env names match what the server reads,
 * the image user is the one the pod runs as, and the image holds every file the server opens. No
 * container engine or cluster runs here, so these are the facts we can check without one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { drillFrontMatterSchema } from "../../app/drills/schema";
import { closeDb, MIGRATIONS_DIR } from "../../app/utils/db.server";
import { envSchema, parseEnv } from "../../app/utils/env.server";
import { resetSingleton } from "../../app/utils/singleton.server";
import { markDraining } from "../../app/utils/lifecycle.server";
import { TestClient } from "../setup/remix";

// ---------- Reading the files ----------

type Instruction = { keyword: string; args: string };
type Stage = { name: string | null; from: string; instructions: Instruction[] };

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#")) continue;
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = "";
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === "FROM") {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      stages.push({ from: m?.[1] ?? args, name: m?.[2] ?? null, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const all = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const one = (stage: Stage, keyword: string) => {
  const found = all(stage, keyword);
  expect(found, `${keyword} in stage ${stage.name ?? "(final)"}`).toHaveLength(1);
  return found[0]!;
};
/** `ENV A=1 B=2` lines of a stage as a map. */
const stageEnv = (stage: Stage) => Object.fromEntries(all(stage, "ENV").flatMap((args) => [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, "")])));
/** A JSON exec form (`["node", "-e", "…"]`) or a shell form, as one string to search. */
const commandText = (args: string) => {
  const json = args.slice(args.indexOf("["));
  try {
    return (JSON.parse(json) as string[]).join(" ");
  } catch {
    return args;
  }
};

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: unknown };

/** Every object of a kustomization, following directory resources (no patches applied). */
function loadKustomization(dir: string): { objects: K8sObject[]; kustomization: Record<string, unknown> } {
  const kustomization = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as { resources?: string[] };
  const objects: K8sObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.join(dir, resource);
    expect(existsSync(target), `${target} (listed in ${dir}/kustomization.yaml) exists`).toBe(true);
    if (statSync(target).isDirectory()) objects.push(...loadKustomization(target).objects);
    else for (const doc of parseAllDocuments(readFileSync(target, "utf8"))) objects.push(doc.toJS() as K8sObject);
  }
  return { objects, kustomization };
}

const K8S = "deploy/k8s";
const base = loadKustomization(K8S).objects;
/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are checked field by field below */
const find = <T = Record<string, any>>(objects: K8sObject[], kind: string): K8sObject & T => {
  const found = objects.filter((o) => o.kind === kind);
  expect(found, `one ${kind} in ${K8S}`).toHaveLength(1);
  return found[0] as K8sObject & T;
};
const deployment = find<{ spec: any }>(base, "Deployment");
const configMap = find<{ data: Record<string, string> }>(base, "ConfigMap");
const secret = find<{ stringData?: Record<string, string>; data?: Record<string, string> }>(base, "Secret");
const service = find<{ spec: any }>(base, "Service");
const ingress = find<{ spec: any }>(base, "Ingress");
const pdb = find<{ spec: any }>(base, "PodDisruptionBudget");
const pvc = find<{ spec: any }>(base, "PersistentVolumeClaim");
const serviceAccount = find(base, "ServiceAccount");
const pod = deployment.spec.template.spec;
const container = pod.containers.find((c: { name: string }) => c.name === "groundwork");
const compose = parse(readFileSync("docker-compose.yml", "utf8")) as { services: Record<string, any>; volumes?: Record<string, unknown> };
const app = compose.services.groundwork;
/* eslint-enable @typescript-eslint/no-explicit-any */

const stages = parseDockerfile(readFileSync("Dockerfile", "utf8"));
const runtime = stages.at(-1)!;
const imageEnv = stageEnv(runtime);

/** Compose's `${VAR:-default}` as its default, which is what `docker compose up` uses with no .env. */
const composeEnv: Record<string, string> = Object.fromEntries(
  Object.entries(app.environment as Record<string, string | number>).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, "$1")]),
);
const secretEnv = { ...secret.stringData, ...Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString()])) };
/** What the container sees: the image's ENV, then the ConfigMap and Secret through envFrom. */
const podEnv = { ...imageEnv, ...configMap.data, ...secretEnv };

const containerPort = (nameOrNumber: string | number) => {
  const port = container.ports.find((p: { name: string; containerPort: number }) => p.name === nameOrNumber || p.containerPort === nameOrNumber);
  expect(port, `container port ${nameOrNumber}`).toBeDefined();
  return port.containerPort as number;
};

/** `/healthz` → app/routes/healthz.ts (Remix flat routes). */
function routeModuleFor(urlPath: string): string {
  const name = urlPath.replace(/^\/|\/$/g, "").split("/").join(".") || "_index";
  const file = [".ts", ".tsx"].map((ext) => `app/routes/${name}${ext}`).find((f) => existsSync(f));
  expect(file, `a route module serves ${urlPath}`).toBeDefined();
  return file!;
}

async function probe(urlPath: string) {
  const mod = (await import(/* @vite-ignore */ path.resolve(routeModuleFor(urlPath)))) as { loader?: (...args: never[]) => unknown };
  expect(typeof mod.loader, `${urlPath} has a loader (a GET answers it)`).toBe("function");
  return new TestClient().call(mod.loader as never, urlPath);
}

const kubeProbes = () =>
  (["startupProbe", "livenessProbe", "readinessProbe"] as const).map((kind) => {
    expect(container[kind], kind).toBeDefined();
    return { kind, path: container[kind].httpGet.path as string, port: container[kind].httpGet.port as string | number };
  });

afterEach(() => resetSingleton("lifecycle"));

// ---------- The checks ----------

describe("Dockerfile", () => {
  it("builds every stage from node:20-bookworm-slim", () => {
    const names = new Map(stages.filter((s) => s.name).map((s) => [s.name!, s]));
    const root = (s: Stage): string => (names.has(s.from) ? root(names.get(s.from)!) : s.from);
    expect(stages.length).toBeGreaterThan(1);
    for (const stage of stages) expect(root(stage), `base of stage ${stage.name}`).toBe("node:20-bookworm-slim");
  });

  it("builds with the native toolchain and the project's build script", () => {
    const buildStage = stages.find((s) => all(s, "RUN").some((r) => /\bnpm run build\b/.test(r)));
    expect(buildStage, "a stage runs npm run build").toBeDefined();
    const lineage = (s: Stage): Stage[] => [s, ...stages.filter((p) => p.name === s.from).flatMap(lineage)];
    const runs = lineage(buildStage!).flatMap((s) => all(s, "RUN")).join("\n");
    for (const tool of ["python3", "make", "g++"]) expect(runs, `${tool} for better-sqlite3 and isolated-vm`).toMatch(new RegExp(`apt-get install[^\\n]*\\s${tool.replace("+", "\\+")}(\\s|$)`));
    expect(runs).toMatch(/\bnpm ci\b/);
  });

  it("gives the runtime image node_modules only from a production-only install", () => {
    const copies = all(runtime, "COPY").filter((c) => /node_modules/.test(c));
    expect(copies).toHaveLength(1);
    const from = /--from=(\S+)/.exec(copies[0]!)?.[1];
    const source = stages.find((s) => s.name === from);
    expect(source, `the stage node_modules comes from (${from})`).toBeDefined();
    const installs = all(source!, "RUN").filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      const pruned = all(source!, "RUN").some((r) => /\bnpm prune\b.*--omit=dev/.test(r));
      expect(/--omit=dev|--production/.test(install) || pruned, `"${install}" installs no dev dependencies`).toBe(true);
    }
    // And nothing installs packages in the runtime stage itself.
    expect(all(runtime, "RUN").filter((r) => /\bnpm (ci|install|i)\b/.test(r))).toEqual([]);
  });

  it("only needs production dependencies at run time: every package the server, the Remix build, the sandbox and the CLIs import", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    const routes = readdirSync("app/routes").filter((f) => !/\.test\./.test(f)).map((f) => `app/routes/${f}`);
    const clis = ["user:create", "content:check", "drill"].map((s) => /^tsx (\S+)/.exec(pkg.scripts[s] ?? "")?.[1]).filter((f): f is string => !!f);
    expect(clis, "the CLIs the image documents run through tsx").toHaveLength(3);
    // The entries the server bundle, the Remix server build and the sandbox worker start from.
    const result = await build({
      entryPoints: ["server/index.ts", "app/drills/sandbox/worker.ts", "app/entry.server.tsx", "app/root.tsx", ...routes, ...clis],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      write: false,
      metafile: true,
      outdir: "out",
      logLevel: "silent",
      loader: { ".css": "empty" },
    });
    const packages = new Set<string>();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const i of output.imports) {
        if (!i.external || i.path.startsWith("node:")) continue;
        packages.add(i.path.startsWith("@") ? i.path.split("/").slice(0, 2).join("/") : i.path.split("/")[0]!);
      }
    }
    packages.add("tsx");
    expect(packages.size).toBeGreaterThan(10);
    const missing = [...packages].filter((p) => !(p in pkg.dependencies)).sort();
    expect(missing, "imported at run time but not in dependencies (npm ci --omit=dev would leave them out)").toEqual([]);
  });

  it("copies into the runtime image every path the server reads at start-up", () => {
    const workdir = one(runtime, "WORKDIR");
    const provided: string[] = [];
    for (const copy of all(runtime, "COPY")) {
      const parts = copy.split(/\s+/).filter((p) => !p.startsWith("--"));
      const dest = path.posix.relative(workdir, path.posix.resolve(workdir, parts.pop()!));
      if (parts.length > 1 || copy.trim().endsWith("/")) for (const src of parts) provided.push(path.posix.join(dest, path.posix.basename(src)));
      else provided.push(dest);
    }
    // Literal paths the server and the app resolve against the working directory.
    const sources = ["server/index.ts", ...readdirSync("app", { recursive: true, encoding: "utf8" }).filter((f) => /\.server\.tsx?$/.test(f)).map((f) => `app/${f}`)];
    const literals = sources.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/(?:path\.resolve|express\.static)\("([^"]+)"/g)].map((m) => m[1]!));
    const buildScript = readFileSync("scripts/build-server.mjs", "utf8");
    // Single-file bundles (`outfile`) and the code-split server entry (`entryPoints: { server }` into `outdir: "build"`).
    const outfiles = [
      ...[...buildScript.matchAll(/outfile: "([^"]+)"/g)].map((m) => m[1]!),
      ...[...buildScript.matchAll(/entryPoints: \{ (\w+): "[^"]+" \}, outdir: "([^"]+)"/g)].map((m) => `${m[2]}/${m[1]}.js`),
    ];
    const required = new Set([
      ...literals,
      ...outfiles,
      "build/index.js",
      path.relative(process.cwd(), MIGRATIONS_DIR),
      path.normalize(envSchema.shape.CONTENT_DIR.parse(undefined)),
      "public/monaco",
    ]);
    expect(literals).toEqual(expect.arrayContaining(["build/index.js", "db/migrations", "public", "public/build", "build/sandbox-worker.js"]));
    expect(outfiles.sort()).toEqual(["build/sandbox-worker.js", "build/server.js"]);
    for (const file of required) {
      expect(provided.some((p) => file === p || file.startsWith(`${p}/`)), `${file} is copied into the runtime image (WORKDIR ${workdir})`).toBe(true);
    }
  });

  it("starts the built server with node, in production mode", () => {
    expect(JSON.parse(one(runtime, "CMD"))).toEqual(["node", "build/server.js"]);
    expect(readFileSync("scripts/build-server.mjs", "utf8")).toMatch(/entryPoints: \{ server: "server\/boot\.ts" \}, outdir: "build"/);
    expect(imageEnv.NODE_ENV).toBe("production");
  });

  it("runs as a fixed non-root UID and GID that it creates", () => {
    const [uid, gid] = one(runtime, "USER").split(":");
    expect(uid, "USER is numeric so Kubernetes can verify runAsNonRoot").toMatch(/^\d+$/);
    expect(gid).toMatch(/^\d+$/);
    expect(Number(uid)).toBeGreaterThan(0);
    const runs = all(runtime, "RUN").join("\n");
    expect(runs).toMatch(new RegExp(`useradd [^\\n]*--uid ${uid}\\b`));
    expect(runs).toMatch(new RegExp(`groupadd [^\\n]*--gid ${gid}\\b`));
  });

  it("keeps the database on a volume the app user owns", () => {
    const dataDir = path.posix.dirname(imageEnv.DATABASE_PATH!);
    expect(dataDir).not.toBe(".");
    const volumes = (JSON.parse(one(runtime, "VOLUME")) as string[]).map((v) => path.posix.normalize(v));
    expect(volumes).toContain(dataDir);
    const [uid, gid] = one(runtime, "USER").split(":");
    expect(all(runtime, "RUN").join("\n")).toMatch(new RegExp(`chown ${uid}:${gid} ${dataDir}\\b`));
    // The image's default must itself be valid configuration.
    expect(parseEnv({ ...imageEnv } as NodeJS.ProcessEnv).DATABASE_PATH).toBe(imageEnv.DATABASE_PATH);
  });

  it("health-checks /healthz on the port it exposes", async () => {
    const check = commandText(one(runtime, "HEALTHCHECK"));
    expect(check).toMatch(/\/healthz\b/);
    expect(check, "slim images have no curl or wget").not.toMatch(/\b(curl|wget)\b/);
    expect(check).toMatch(/process\.env\.PORT/);
    expect(Number(one(runtime, "EXPOSE"))).toBe(Number(imageEnv.PORT));
    expect((await probe("/healthz")).status).toBe(200);
  });

  it("leaves dependencies, build output, databases and secrets out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n").map((l) => l.trim());
    for (const entry of ["node_modules", "build", "data", "*.db", ".env", ".git"]) expect(ignored, entry).toContain(entry);
  });
});

describe("Kubernetes manifests", () => {
  it("run one replica and stop the old pod before starting the new one (SQLite has one writer)", () => {
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe("Recreate");
    expect(pvc.spec.accessModes.every((m: string) => m === "ReadWriteOncePod" || m === "ReadWriteOnce")).toBe(true);
    expect(base.filter((o) => o.kind === "HorizontalPodAutoscaler" || o.kind === "StatefulSet")).toEqual([]);
  });

  it("probe real routes: liveness and startup on /healthz, readiness on /readyz, which goes 503 while draining", async () => {
    const probes = kubeProbes();
    expect(probes.map((p) => [p.kind, p.path])).toEqual([
      ["startupProbe", "/healthz"],
      ["livenessProbe", "/healthz"],
      ["readinessProbe", "/readyz"],
    ]);
    for (const p of probes) {
      expect(containerPort(p.port)).toBe(Number(configMap.data.PORT));
      const res = await probe(p.path);
      expect(res.status, `${p.kind} ${p.path}`).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("no-store");
    }
    markDraining();
    const draining = await probe(container.readinessProbe.httpGet.path);
    expect(draining.status).toBe(503);
    expect(draining.data).toMatchObject({ checks: { draining: true } });
    expect((await probe(container.livenessProbe.httpGet.path)).status, "liveness stays up while draining").toBe(200);
  });

  it("fail readiness, not liveness, when the database is unreachable (no restart loop on a disk problem)", async () => {
    const original = process.env.DATABASE_PATH;
    try {
      closeDb();
      resetSingleton("env");
      process.env.DATABASE_PATH = "/dev/null/groundwork.db";
      const ready = await probe(container.readinessProbe.httpGet.path);
      expect(ready.status).toBe(503);
      expect(ready.data).toMatchObject({ checks: { database: "failing" } });
      expect((await probe(container.livenessProbe.httpGet.path)).status).toBe(200);
    } finally {
      process.env.DATABASE_PATH = original;
      resetSingleton("env");
      closeDb();
    }
    expect((await probe(container.readinessProbe.httpGet.path)).status).toBe(200);
  });

  it("agree on the port: EXPOSE = ConfigMap PORT = containerPort = Service targetPort, and the Ingress routes to it", () => {
    const port = Number(configMap.data.PORT);
    expect(Number(one(runtime, "EXPOSE"))).toBe(port);
    expect(containerPort("http")).toBe(port);
    const http = service.spec.ports.find((p: { name: string }) => p.name === "http");
    expect(containerPort(http.targetPort)).toBe(port);
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend.name).toBe(service.metadata.name);
    expect(backend.port.name ?? http.port).toBe(backend.port.name ? "http" : backend.port.number);
    // Metrics are served inside the cluster only.
    expect(containerPort("metrics")).toBe(Number(configMap.data.METRICS_PORT));
    const routed = ingress.spec.rules.flatMap((r: { http: { paths: Array<{ backend: { service: { port: { name?: string; number?: number } } } }> } }) => r.http.paths.map((p) => p.backend.service.port));
    expect(routed.every((p: { name?: string; number?: number }) => p.name === "http" || p.number === http.port)).toBe(true);
  });

  it("wire their references: selectors, config, secret, claim and service account", () => {
    const podLabels = deployment.spec.template.metadata.labels;
    expect(podLabels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(podLabels).toMatchObject(service.spec.selector);
    expect(podLabels).toMatchObject(pdb.spec.selector.matchLabels);
    const refs = container.envFrom.map((e: { configMapRef?: { name: string }; secretRef?: { name: string } }) => e.configMapRef?.name ?? e.secretRef?.name);
    expect(refs).toEqual([configMap.metadata.name, secret.metadata.name]);
    const data = pod.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim);
    expect(data.persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(pod.serviceAccountName).toBe(serviceAccount.metadata.name);
    const files = readdirSync(`${K8S}/base`).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
    const listed = (parse(readFileSync(`${K8S}/base/kustomization.yaml`, "utf8")) as { resources: string[] }).resources;
    expect([...listed].sort(), "every manifest in base/ is applied").toEqual(files.sort());
  });

  it("mount the claim where DATABASE_PATH points and give a read-only root file system a writable /tmp", () => {
    const mounts = new Map<string, string>(container.volumeMounts.map((m: { mountPath: string; name: string }) => [m.mountPath, m.name]));
    const claimVolume = pod.volumes.find((v: { persistentVolumeClaim?: unknown }) => v.persistentVolumeClaim).name;
    expect(mounts.get(path.posix.dirname(configMap.data.DATABASE_PATH!))).toBe(claimVolume);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
    // SQLite spills big sorts and temporary indexes to files in /tmp (SQLITE_IOERR_GETTEMPPATH without it).
    const tmp = pod.volumes.find((v: { name: string }) => v.name === mounts.get("/tmp"));
    expect(tmp?.emptyDir, "an emptyDir at /tmp").toBeDefined();
  });

  it("run as the image's user with a restrictive security context", () => {
    const [uid, gid] = one(runtime, "USER").split(":").map(Number);
    for (const ctx of [pod.securityContext, container.securityContext]) {
      expect(ctx.runAsNonRoot).toBe(true);
      expect(ctx.runAsUser).toBe(uid);
      expect(ctx.runAsGroup).toBe(gid);
      expect(ctx.seccompProfile.type).toBe("RuntimeDefault");
    }
    expect(pod.securityContext.fsGroup, "the volume is writable by the image's group").toBe(gid);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(container.securityContext.capabilities.drop).toEqual(["ALL"]);
    expect(container.securityContext.capabilities.add ?? []).toEqual([]);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.hostNetwork ?? false).toBe(false);
  });

  it("give SIGTERM longer than SHUTDOWN_TIMEOUT_MS to drain", () => {
    const shutdownMs = parseEnv(podEnv as NodeJS.ProcessEnv).SHUTDOWN_TIMEOUT_MS;
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(shutdownMs);
  });

  it("set requests and a memory limit (compose too) that covers the server and every sandbox process at its largest", () => {
    const mib = (q: string) => {
      const m = /^(\d+)(Mi|Gi)$/.exec(q);
      expect(m, `memory quantity ${q}`).not.toBeNull();
      return Number(m![1]) * (m![2] === "Gi" ? 1024 : 1);
    };
    const { requests, limits } = container.resources;
    for (const key of ["cpu", "memory"]) {
      expect(requests[key], `requests.${key}`).toBeDefined();
      expect(limits[key], `limits.${key}`).toBeDefined();
    }
    const pool = parseEnv(podEnv as NodeJS.ProcessEnv).SANDBOX_POOL_SIZE;
    const isolateMaxMb = drillFrontMatterSchema.shape.memoryLimitMb.unwrap().maxValue!;
    // Measured on the production build: the server ~170 MB (256 with headroom), esbuild's service ~15 MB,
    // a sandbox process 50-90 MB (96) plus the heap its isolate may reach.
    const needed = 256 + 16 + pool * (96 + isolateMaxMb);
    expect(mib(limits.memory)).toBeGreaterThanOrEqual(needed);
    expect(mib(requests.memory)).toBeLessThanOrEqual(mib(limits.memory));
    // The same budget for docker compose.
    const composePool = parseEnv(composeEnv as NodeJS.ProcessEnv).SANDBOX_POOL_SIZE;
    const composeLimit = /^(\d+)g$/.exec(app.deploy.resources.limits.memory as string);
    expect(composeLimit, "compose memory limit in g").not.toBeNull();
    expect(Number(composeLimit![1]) * 1024).toBeGreaterThanOrEqual(256 + 16 + composePool * (96 + isolateMaxMb));
  });

  it("keep the PodDisruptionBudget to what one replica allows", () => {
    // maxUnavailable 0 refuses voluntary evictions; anything above 0 would make the budget meaningless.
    expect(pdb.spec.maxUnavailable).toBe(0);
    expect(pdb.spec.unhealthyPodEvictionPolicy).toBe("AlwaysAllow");
  });

  it("EKS overlay: builds on the base, puts the claim on its gp3 class and health-checks a real route", async () => {
    const eks = loadKustomization(`${K8S}/eks`);
    const storageClass = find<{ provisioner: string; parameters: Record<string, string>; volumeBindingMode: string }>(eks.objects, "StorageClass");
    expect(storageClass.provisioner).toBe("ebs.csi.aws.com");
    expect(storageClass.parameters.type).toBe("gp3");
    expect(storageClass.volumeBindingMode, "an EBS volume is zonal: create it where the pod lands").toBe("WaitForFirstConsumer");
    const patches = (eks.kustomization as { patches: Array<{ target: { kind: string; name: string }; patch: string }> }).patches;
    for (const p of patches) expect(base.some((o) => o.kind === p.target.kind && o.metadata.name === p.target.name), `patch target ${p.target.kind}/${p.target.name}`).toBe(true);
    const pvcPatch = parse(patches.find((p) => p.target.kind === "PersistentVolumeClaim")!.patch) as Array<{ path: string; value: string }>;
    expect(pvcPatch).toContainEqual({ op: "add", path: "/spec/storageClassName", value: storageClass.metadata.name });
    const ingressPatch = parse(patches.find((p) => p.target.kind === "Ingress")!.patch) as K8sObject & { spec: { ingressClassName: string } };
    expect(ingressPatch.spec.ingressClassName).toBe("alb");
    const annotations = ingressPatch.metadata.annotations!;
    expect(annotations["alb.ingress.kubernetes.io/target-type"]).toBe("ip");
    expect((await probe(annotations["alb.ingress.kubernetes.io/healthcheck-path"]!)).status).toBe(200);
  });
});

describe("docker compose", () => {
  it("keeps data on a named volume at DATABASE_PATH's folder, with a tmpfs /tmp under a read-only root", () => {
    const volumes = app.volumes as Array<string | { type: string; target: string }>;
    const named = volumes.filter((v): v is string => typeof v === "string").map((v) => v.split(":"));
    expect(named).toContainEqual([expect.any(String), path.posix.dirname(composeEnv.DATABASE_PATH!)]);
    for (const [name] of named) expect(compose.volumes, `volume ${name} is declared`).toHaveProperty(name!);
    expect(app.read_only).toBe(true);
    expect(volumes).toContainEqual(expect.objectContaining({ type: "tmpfs", target: "/tmp" }));
    expect(app.cap_drop).toEqual(["ALL"]);
  });

  it("publishes and health-checks the port the server listens on, and restarts it", async () => {
    const port = Number(parseEnv(composeEnv as NodeJS.ProcessEnv).PORT);
    const published = (app.ports as string[]).map((p) => Number(p.split(":").pop()));
    expect(published).toEqual([port]);
    const test = (app.healthcheck.test as string[]).join(" ");
    const url = /http:\/\/[\w.]+:(\d+)(\/\w+)/.exec(test);
    expect(url, "the healthcheck fetches a URL").not.toBeNull();
    expect(Number(url![1])).toBe(port);
    expect(url![2]).toBe("/healthz");
    expect((await probe(url![2]!)).status).toBe(200);
    expect(app.restart).toMatch(/^(always|unless-stopped|on-failure)/);
  });

  it("gives SIGTERM longer than SHUTDOWN_TIMEOUT_MS to drain", () => {
    const grace = /^(\d+)s$/.exec(app.stop_grace_period as string);
    expect(grace).not.toBeNull();
    expect(Number(grace![1]) * 1000).toBeGreaterThan(parseEnv(composeEnv as NodeJS.ProcessEnv).SHUTDOWN_TIMEOUT_MS);
  });
});

describe("configuration in the deployment files", () => {
  const schemaKeys = Object.keys(envSchema.shape);
  const example = readFileSync("deploy/groundwork.env.example", "utf8");
  const exampleKeys = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

  it("names only variables the app reads", () => {
    expect(exampleKeys.length).toBeGreaterThan(0);
    const sets = { ConfigMap: Object.keys(configMap.data), Secret: Object.keys(secretEnv), compose: Object.keys(composeEnv), "groundwork.env.example": exampleKeys, Dockerfile: Object.keys(imageEnv).filter((k) => !k.startsWith("NPM_CONFIG_")) };
    for (const [where, keys] of Object.entries(sets)) {
      expect(keys.filter((k) => !schemaKeys.includes(k)), `${where}: names envSchema does not know`).toEqual([]);
    }
  });

  it("holds values the app accepts (ConfigMap with Secret, and compose), and a production mode", () => {
    const pod = parseEnv(podEnv as NodeJS.ProcessEnv);
    expect(pod.NODE_ENV).toBe("production");
    expect(pod.SESSION_COOKIE_SECURE, "HTTPS at the Ingress: Secure cookies").toBe(true);
    expect(pod.TEST_CLOCK).toBe(false);
    expect(parseEnv(composeEnv as NodeJS.ProcessEnv).NODE_ENV).toBe("production");
  });

  it("keeps secrets in the Secret: every variable the README marks secret, and nothing else", () => {
    const readme = readFileSync("README.md", "utf8");
    const table = readme.slice(readme.indexOf("## Configuration"));
    const rows = [...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]*) \| ([^|]*) \|/gm)].map((m) => ({ name: m[1]!, secret: /yes/.test(m[3]!) }));
    expect(rows.map((r) => r.name).sort(), "the README's configuration table lists every variable of envSchema").toEqual([...schemaKeys].sort());
    const secretNames = rows.filter((r) => r.secret).map((r) => r.name);
    expect(Object.keys(secretEnv).sort()).toEqual([...secretNames].sort());
    for (const name of secretNames) {
      expect(Object.keys(configMap.data), `${name} is not in the ConfigMap`).not.toContain(name);
      expect(Object.keys(composeEnv), `${name} is not written into docker-compose.yml`).not.toContain(name);
    }
  });
});
