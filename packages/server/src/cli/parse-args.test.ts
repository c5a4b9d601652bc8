import { describe, expect, test } from "vitest";
import { parseArgs } from "./parse-args.ts";

describe("parseArgs", () => {
  test("reads run with a file, port, host and Redis in either flag form", () => {
    expect(parseArgs(["run", "app.tsx", "--port", "8000", "--host=0.0.0.0", "--redis", "redis://127.0.0.1:6379"])).toEqual({
      kind: "run",
      file: "app.tsx",
      port: 8000,
      host: "0.0.0.0",
      redis: "redis://127.0.0.1:6379",
      role: undefined,
    });
    expect(parseArgs(["run", "app.tsx", "--redis", "redis://r:6379", "--role", "worker"])).toMatchObject({ role: "worker" });
    expect(parseArgs(["run", "app.tsx"])).toEqual({ kind: "run", file: "app.tsx", port: undefined, host: undefined, redis: undefined, role: undefined });
  });

  test("reads dev with a file, port and host; dev keeps the queue in one process", () => {
    expect(parseArgs(["dev", "app.tsx", "--port", "0"])).toEqual({ kind: "dev", file: "app.tsx", port: 0, host: undefined });
    expect(parseArgs(["dev"])).toMatchObject({ kind: "error", message: expect.stringMatching(/dev needs an app file/) });
    expect(parseArgs(["dev", "app.tsx", "--redis", "redis://r:1"])).toMatchObject({ kind: "error", message: expect.stringMatching(/drop --redis/) });
  });

  test("gallery defaults to demos", () => {
    expect(parseArgs(["gallery"])).toMatchObject({ kind: "gallery", dir: "demos" });
    expect(parseArgs(["gallery", "apps", "--port", "0"])).toMatchObject({ kind: "gallery", dir: "apps", port: 0 });
  });

  test("says what is wrong with a bad command line", () => {
    expect(parseArgs(["run"])).toMatchObject({ kind: "error", message: expect.stringMatching(/needs an app file/) });
    expect(parseArgs(["run", "a.tsx", "--port", "http"])).toMatchObject({ kind: "error", message: expect.stringMatching(/port number/) });
    expect(parseArgs(["run", "a.tsx", "--port", "70000"])).toMatchObject({ kind: "error" });
    expect(parseArgs(["run", "a.tsx", "--redis", "127.0.0.1:6379"])).toMatchObject({ kind: "error", message: expect.stringMatching(/redis:\/\//) });
    expect(parseArgs(["run", "a.tsx", "--role", "gpu", "--redis", "redis://r:1"])).toMatchObject({ kind: "error", message: expect.stringMatching(/both, web or worker/) });
    expect(parseArgs(["serve"])).toMatchObject({ kind: "error", message: "unknown command serve" });
    expect(parseArgs(["run", "a.tsx", "--verbose"])).toMatchObject({ kind: "error", message: "unknown option --verbose" });
    expect(parseArgs([])).toEqual({ kind: "help" });
  });
});
