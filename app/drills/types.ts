/** What the `drills.data` column holds. Hidden tests are in here: server only, never sent to the browser. */
export type DrillData = {
  promptHtml: string;
  starter: string;
  /** Source of the visible tests, shown to the learner. */
  visibleTests: string;
  visibleJs: string;
  hiddenJs: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  concepts: string[];
  dimensions: string[];
  references: Array<{ title: string; url: string }>;
};
