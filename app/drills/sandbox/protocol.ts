/** Messages between the drill pool (parent) and a sandbox child process. */

export type SandboxJob = {
  /** The compiled visible tests, as the body of `function (test) { … }`. */
  testsJs: string;
  /** The compiled hidden tests (submissions only). Never sent for a plain run. */
  hiddenTestsJs?: string;
  /** The learner's compiled module, as the body of `function (exports, module) { … }`. */
  solutionJs: string;
  /** Indices of the tests to run; all when absent. */
  only?: number[];
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes: number;
};

export type SandboxTestResult = {
  index: number;
  name: string;
  category: string | null;
  hidden: boolean;
  status: "pass" | "fail" | "error";
  message: string | null;
  output: string;
};

export type SandboxReply =
  | {
      ok: true;
      status: "pass" | "fail" | "error";
      message: string | null;
      tests: SandboxTestResult[];
      output: string;
      outputTruncated: boolean;
      durationMs: number;
      /** The run was stopped for time: by the isolate's CPU limit, or by the pool's watchdog. */
      timedOut?: boolean;
    }
  | { ok: false; message: string };
