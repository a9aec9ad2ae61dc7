/**
 * A code field that is a plain <textarea> on the server and without JavaScript, and becomes Monaco
 * in the browser. Monaco is loaded from our own origin (/monaco, copied from node_modules at build
 * time) and only by pages that render this component. The textarea stays in the form, kept in sync,
 * so submitting works the same either way.
 */
import { useEffect, useRef, useState } from "react";

type Monaco = {
  editor: {
    create(el: HTMLElement, options: Record<string, unknown>): MonacoEditor;
    setModelLanguage(model: unknown, language: string): void;
    setTheme(theme: string): void;
    defineTheme(name: string, theme: Record<string, unknown>): void;
  };
  KeyMod: { CtrlCmd: number };
  KeyCode: { Enter: number };
};
type MonacoEditor = {
  getValue(): string;
  getModel(): unknown;
  onDidChangeModelContent(fn: () => void): void;
  addCommand(keybinding: number, fn: () => void): void;
  dispose(): void;
};

declare global {
  interface Window {
    require?: { (deps: string[], ok: (m: Monaco) => void, fail: (e: unknown) => void): void; config(c: unknown): void };
    MonacoEnvironment?: unknown;
  }
}

let loading: Promise<Monaco> | null = null;

function loadMonaco(): Promise<Monaco> {
  loading ??= new Promise<Monaco>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "/monaco/vs/loader.js";
    script.onerror = () => reject(new Error("Monaco could not be loaded"));
    script.onload = () => {
      window.require!.config({ paths: { vs: "/monaco/vs" } });
      window.require!(
        ["vs/editor/editor.main"],
        (monaco) => {
          // editor.main installs a worker factory that uses blob: URLs, which our CSP refuses
          // (worker-src 'self'); these bootstraps load the same workers from our origin.
          window.MonacoEnvironment = { getWorker: (_id: string, label: string) => new Worker(`/monaco/workers/${workerKind(label)}.js`, { name: label }) };
          resolve(monaco);
        },
        reject,
      );
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** Which of scripts/copy-monaco.mjs's worker bootstraps serves a language (Monaco's own mapping). */
function workerKind(label: string): string {
  if (label === "typescript" || label === "javascript") return "ts";
  if (label === "json") return "json";
  if (label === "css" || label === "scss" || label === "less") return "css";
  if (label === "html" || label === "handlebars" || label === "razor") return "html";
  return "editor";
}

function themeNow(): string {
  const t = document.documentElement.getAttribute("data-theme");
  const dark = t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  return dark ? "gw-dark" : "gw-light";
}

/** Monaco's stock themes dim line numbers below WCAG AA contrast; ours keep them readable. */
function defineThemes(monaco: Monaco) {
  monaco.editor.defineTheme("gw-light", {
    base: "vs",
    inherit: true,
    rules: [],
    colors: { "editorLineNumber.foreground": "#5b616e", "editorLineNumber.activeForeground": "#1b1d21" },
  });
  monaco.editor.defineTheme("gw-dark", {
    base: "vs-dark",
    inherit: true,
    rules: [],
    colors: { "editorLineNumber.foreground": "#a3a9b6", "editorLineNumber.activeForeground": "#e7e9ee" },
  });
}

export function CodeEditor({
  id,
  name,
  label,
  defaultValue,
  language,
  describedBy,
  onChange,
  onRunShortcut,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  language: "typescript" | "javascript" | "sql";
  describedBy?: string;
  onChange?: (value: string) => void;
  onRunShortcut?: () => void;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<{ ed: MonacoEditor; monaco: Monaco } | null>(null);
  const [state, setState] = useState<"plain" | "loading" | "monaco">("plain");
  const callbacks = useRef({ onChange, onRunShortcut });
  callbacks.current = { onChange, onRunShortcut };

  useEffect(() => {
    let disposed = false;
    setState("loading");
    loadMonaco().then(
      (monaco) => {
        if (disposed || !host.current || !textarea.current) return;
        defineThemes(monaco);
        const ed = monaco.editor.create(host.current, {
          value: textarea.current.value,
          language,
          theme: themeNow(),
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 14,
          tabSize: 2,
          scrollBeyondLastLine: false,
          renderFinalNewline: "on",
          // Faded "unused" code fails colour contrast (WCAG 1.4.3); the diagnostics still show as squiggles.
          showUnused: false,
          ariaLabel: `${label}. Press Control+M to let Tab move focus out of the editor.`,
        });
        ed.onDidChangeModelContent(() => {
          const value = ed.getValue();
          if (textarea.current) textarea.current.value = value;
          callbacks.current.onChange?.(value);
        });
        ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => callbacks.current.onRunShortcut?.());
        editor.current = { ed, monaco };
        setState("monaco");
      },
      () => !disposed && setState("plain"),
    );
    return () => {
      disposed = true;
      editor.current?.ed.dispose();
      editor.current = null;
    };
    // The editor is created once; language changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const e = editor.current;
    if (e) e.monaco.editor.setModelLanguage(e.ed.getModel(), language);
  }, [language, state]);

  return (
    <div className="code-editor" data-editor={state}>
      <label htmlFor={id} className={state === "monaco" ? "visually-hidden" : undefined}>
        {label}
      </label>
      <textarea
        id={id}
        ref={textarea}
        name={name}
        className="input code-input"
        defaultValue={defaultValue}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        hidden={state === "monaco"}
        aria-describedby={describedBy}
        onChange={(e) => callbacks.current.onChange?.(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            callbacks.current.onRunShortcut?.();
          }
        }}
      />
      <div ref={host} className="monaco-host" hidden={state !== "monaco"} />
      {state === "loading" ? (
        <p className="hint" role="status">
          Loading the editor…
        </p>
      ) : null}
    </div>
  );
}
