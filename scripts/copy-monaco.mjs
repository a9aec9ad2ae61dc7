// Copies Monaco's prebuilt AMD bundle into public/monaco so the editor is served from our own
// origin (never a CDN). Skips the copy when the right version is already in place.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync("node_modules/monaco-editor/package.json", "utf8"));
const marker = "public/monaco/VERSION";
if (existsSync(marker) && readFileSync(marker, "utf8").trim() === pkg.version) process.exit(0);
rmSync("public/monaco", { recursive: true, force: true });
mkdirSync("public/monaco", { recursive: true });
cpSync("node_modules/monaco-editor/min/vs", "public/monaco/vs", { recursive: true });
writeFileSync(marker, `${pkg.version}\n`);
console.log(`monaco-editor ${pkg.version} copied to public/monaco`);
