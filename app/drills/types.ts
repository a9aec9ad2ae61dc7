/** What the `drills.data` column holds. Hidden tests are in here: server only, never sent to the browser. */
import type { SqlSpec } from "./sql/run";

export type SchemaTable = { table: string; columns: Array<{ name: string; type: string }>; rows: number };

export type DrillData = {
  /** "code" or one of the SQL kinds; missing on drills synced before SQL drills existed. */
  kind?: string;
  /** SQL drills: dataset SQL, grading spec and the reference solution (server only), and the public schema. */
  datasetSql?: string;
  sql?: SqlSpec;
  referenceSql?: string;
  schema?: SchemaTable[];
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
