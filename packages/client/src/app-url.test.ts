import { expect, test } from "vitest";
import { parseAppUrl } from "./app-url.ts";

test("splits an app URL into origin, base path, config URL and Socket.IO path", () => {
  expect(parseAppUrl("http://127.0.0.1:7860")).toEqual({
    origin: "http://127.0.0.1:7860",
    basePath: "/",
    configUrl: "http://127.0.0.1:7860/config",
    socketPath: "/socket.io",
  });
  expect(parseAppUrl("https://example.com/apps/hello?x=1")).toMatchObject({
    basePath: "/apps/hello/",
    configUrl: "https://example.com/apps/hello/config",
    socketPath: "/apps/hello/socket.io",
  });
  expect(() => parseAppUrl("ftp://example.com/")).toThrow(/http/);
});
