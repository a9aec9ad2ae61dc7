/**
 * Splitting a learner's SQL into statements and deciding which may run. Pure: no database here.
 * The splitter understands quotes ('…', "…", `…`, […]) and comments (line and block), so a semicolon
 * inside a string never splits. CREATE TRIGGER is not supported (its body holds semicolons).
 */

export type StatementKind = "select" | "with" | "insert" | "update" | "delete" | "create-index" | "create-table" | "create-view" | "drop" | "begin" | "commit" | "rollback" | "savepoint" | "release" | "pragma" | "attach" | "detach" | "vacuum" | "other";

export type SqlDrillKind = "sql-query" | "sql-index" | "sql-rewrite" | "sql-schema" | "sql-transaction";

/** Splits on top-level semicolons; returns trimmed, non-empty statements without the semicolon. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === "`") {
      const close = c;
      i++;
      while (i < n) {
        if (sql[i] === close) {
          if (sql[i + 1] === close) i += 2; // doubled quote
          else break;
        } else i++;
      }
      i++;
    } else if (c === "[") {
      while (i < n && sql[i] !== "]") i++;
      i++;
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < n && sql[i] !== "\n") i++;
    } else if (c === "/" && sql[i + 1] === "*") {
      i += 2;
      while (i < n && !(sql[i] === "*" && sql[i + 1] === "/")) i++;
      i += 2;
    } else if (c === ";") {
      const s = sql.slice(start, i).trim();
      if (stripComments(s)) out.push(s);
      start = ++i;
    } else i++;
  }
  const last = sql.slice(start).trim();
  if (stripComments(last)) out.push(last);
  return out;
}

export function stripComments(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .trim();
}

export function classify(statement: string): StatementKind {
  const words = stripComments(statement).toLowerCase().split(/\s+/).slice(0, 4);
  const [a, b, c, d] = words;
  switch (a) {
    case "select":
    case "values":
      return "select";
    case "with":
      return "with";
    case "insert":
    case "replace":
      return "insert";
    case "update":
      return "update";
    case "delete":
      return "delete";
    case "begin":
      return "begin";
    case "commit":
    case "end":
      return "commit";
    case "rollback":
      return "rollback";
    case "savepoint":
      return "savepoint";
    case "release":
      return "release";
    case "pragma":
      return "pragma";
    case "attach":
      return "attach";
    case "detach":
      return "detach";
    case "vacuum":
      return "vacuum";
    case "drop":
      return "drop";
    case "create": {
      const what = [b, c, d].filter((w) => w !== "unique" && w !== "temp" && w !== "temporary");
      if (what[0] === "index") return "create-index";
      if (what[0] === "table") return "create-table";
      if (what[0] === "view") return "create-view";
      return "other";
    }
    default:
      return "other";
  }
}

const ALLOWED: Record<SqlDrillKind, StatementKind[]> = {
  "sql-query": ["select", "with"],
  "sql-rewrite": ["select", "with"],
  "sql-index": ["create-index"],
  "sql-schema": ["create-table", "create-index", "create-view"],
  "sql-transaction": ["begin", "commit", "rollback", "savepoint", "release", "insert", "update", "delete", "select", "with"],
};

const MAX_STATEMENTS: Record<SqlDrillKind, number> = {
  "sql-query": 1,
  "sql-rewrite": 1,
  "sql-index": 10,
  "sql-schema": 30,
  "sql-transaction": 30,
};

const REFUSED_MESSAGE: Partial<Record<StatementKind, string>> = {
  attach: "ATTACH is not allowed: a drill works on its own database only.",
  detach: "DETACH is not allowed.",
  vacuum: "VACUUM is not allowed (VACUUM INTO would write a file).",
  pragma: "PRAGMA statements are not allowed in drills.",
};

export type Checked = { ok: true; statements: string[] } | { ok: false; message: string };

/**
 * The statements a submission may run for this kind of drill, or the reason it may not. Functions
 * that reach outside the database (load_extension, readfile, writefile) are refused anywhere.
 */
export function checkSubmission(kind: SqlDrillKind, sql: string): Checked {
  const statements = splitStatements(sql);
  if (statements.length === 0) return { ok: false, message: "Write a statement first." };
  if (statements.length > MAX_STATEMENTS[kind]) {
    return {
      ok: false,
      message:
        MAX_STATEMENTS[kind] === 1
          ? "Write exactly one statement: this drill grades a single query (found " + statements.length + ")."
          : `At most ${MAX_STATEMENTS[kind]} statements (found ${statements.length}).`,
    };
  }
  for (const [i, s] of statements.entries()) {
    if (/\b(load_extension|readfile|writefile|edit|fts3_tokenizer)\s*\(/i.test(stripComments(s))) {
      return { ok: false, message: `Statement ${i + 1} calls a function that reaches outside the database; that is not allowed.` };
    }
    const k = classify(s);
    const refused = REFUSED_MESSAGE[k];
    if (refused) return { ok: false, message: `Statement ${i + 1}: ${refused}` };
    if (!ALLOWED[kind].includes(k)) {
      return { ok: false, message: `Statement ${i + 1} is not allowed here: this drill accepts ${ALLOWED[kind].join(", ").replace(/-/g, " ").toUpperCase()} only.` };
    }
  }
  return { ok: true, statements };
}
