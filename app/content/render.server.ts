/**
 * Markdown → HTML for content, done once at sync time (not per request). Content is authored in
 * this repository and reviewed like code, so it is trusted; code blocks are highlighted here.
 */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import plaintext from "highlight.js/lib/languages/plaintext";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import yaml from "highlight.js/lib/languages/yaml";
import http from "highlight.js/lib/languages/http";
import { Marked } from "marked";

const languages = { bash, go, java, javascript, json, plaintext, python, rust, sql, typescript, yaml, http };
for (const [name, lang] of Object.entries(languages)) hljs.registerLanguage(name, lang);
hljs.registerAliases(["sh", "shell", "console"], { languageName: "bash" });
hljs.registerAliases(["ts", "tsx", "node"], { languageName: "typescript" });
hljs.registerAliases(["js"], { languageName: "javascript" });
hljs.registerAliases(["text", "txt", "log", "plain"], { languageName: "plaintext" });
hljs.registerAliases(["py"], { languageName: "python" });
hljs.registerAliases(["yml"], { languageName: "yaml" });

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const marked = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      const name = (lang ?? "").trim().split(/\s+/)[0] ?? "";
      const known = name && hljs.getLanguage(name);
      const body = known ? hljs.highlight(text, { language: name }).value : escapeHtml(text);
      const label = name ? ` data-lang="${escapeHtml(name)}"` : "";
      return `<pre class="code"${label} tabindex="0"><code class="hljs">${body}</code></pre>\n`;
    },
    link({ href, title, tokens }) {
      const inner = this.parser.parseInline(tokens);
      const external = /^https?:\/\//.test(href);
      const t = title ? ` title="${escapeHtml(title)}"` : "";
      return external
        ? `<a href="${escapeHtml(href)}"${t} rel="noreferrer noopener" target="_blank">${inner}</a>`
        : `<a href="${escapeHtml(href)}"${t}>${inner}</a>`;
    },
  },
});

export function renderMarkdown(md: string): string {
  return marked.parse(md, { async: false });
}

export function renderInline(md: string): string {
  return marked.parseInline(md, { async: false });
}
