import { expect, it } from "vitest";
import { safeRedirect } from "./redirect";

it("follows only same-site relative paths", () => {
  expect(safeRedirect("/topics/indexing?x=1")).toBe("/topics/indexing?x=1");
  expect(safeRedirect("//evil.example/")).toBe("/");
  expect(safeRedirect("/\\evil.example")).toBe("/");
  expect(safeRedirect("https://evil.example/", "/topics")).toBe("/topics");
  expect(safeRedirect(null, "/topics")).toBe("/topics");
});
