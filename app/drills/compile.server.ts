/**
 * TypeScript/JavaScript → the CommonJS-shaped body the sandbox evaluates. Syntax errors come back
 * with line and column. Imports are refused: everything a drill needs is passed in by its tests.
 */
import { transformSync, type Message } from "esbuild";
import type { SubmissionLanguage } from "./schema";

export type Compiled = { ok: true; js: string } | { ok: false; message: string };

function describe(m: Message): string {
  const where = m.location ? `Line ${m.location.line}, column ${m.location.column + 1}: ` : "";
  return `${where}${m.text}`;
}

export function compileModule(source: string, language: SubmissionLanguage | "typescript" = "typescript"): Compiled {
  try {
    const out = transformSync(source, {
      loader: language === "javascript" ? "js" : "ts",
      format: "cjs",
      target: "es2022",
      sourcefile: language === "javascript" ? "solution.js" : "solution.ts",
      logLevel: "silent",
    });
    if (/\brequire\s*\(|\bimport\s*\(/.test(out.code)) {
      return { ok: false, message: "Imports are not available in the sandbox: use only what the tests pass in and JavaScript's built-ins." };
    }
    return { ok: true, js: out.code };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (errors?.length) return { ok: false, message: errors.slice(0, 3).map(describe).join("\n") };
    return { ok: false, message: (error as Error).message };
  }
}

/** Test files are plain scripts calling `test(...)`; they are trusted content, compiled the same way. */
export function compileTests(source: string, file: string): Compiled {
  try {
    const out = transformSync(source, { loader: "ts", format: "esm", target: "es2022", sourcefile: file, logLevel: "silent" });
    return { ok: true, js: out.code };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    return { ok: false, message: errors?.length ? errors.map(describe).join("\n") : (error as Error).message };
  }
}
