import { describe, expect, it } from "vitest";
import { basePath } from "./base-path.ts";

describe("basePath", () => {
  it("is the page URL's directory", () => {
    expect(basePath("/")).toBe("/");
    expect(basePath("/hello/")).toBe("/hello/");
    expect(basePath("/hello/index.html")).toBe("/hello/");
    expect(basePath("/a/b")).toBe("/a/");
    expect(basePath("")).toBe("/");
  });
});
