import { Blocks, Textbox } from "@blockwork/core";
import { io } from "socket.io-client";
import { describe, expect, test } from "vitest";
import { later, serve } from "./harness.ts";

const app = () => <Blocks>{Textbox()}</Blocks>;

/** Connects a raw socket with these handshake headers: "hello" if let in, else the connect error. */
function handshake(url: string, headers: Record<string, string>): Promise<string> {
  const raw = io(url, { path: "/socket.io", transports: ["websocket"], reconnection: false, extraHeaders: headers });
  later(() => raw.disconnect());
  return new Promise((resolve) => {
    raw.once("connect_error", (error) => resolve(`refused: ${error.message}`));
    raw.once("hello", () => resolve("hello"));
  });
}

const configStatus = async (url: string, headers: Record<string, string>): Promise<number> => (await fetch(`${url}config`, { headers })).status;

describe("origins: another site's pages can't use the app", () => {
  test("HTTP and Socket.IO refuse a foreign Origin; the app's own origin and requests without one pass", async () => {
    const { url } = await serve(app());
    const own = new URL(url).origin;
    expect(await configStatus(url, {})).toBe(200);
    expect(await configStatus(url, { origin: own })).toBe(200);
    expect(await configStatus(url, { origin: "http://evil.example" })).toBe(403);
    expect(await configStatus(url, { origin: own.replace("127.0.0.1", "localhost") })).toBe(403);
    expect(await configStatus(url, { origin: "null" })).toBe(403);
    expect((await fetch(url, { headers: { origin: "http://evil.example" } })).status).toBe(403);

    expect(await handshake(url, {})).toBe("hello");
    expect(await handshake(url, { origin: own })).toBe("hello");
    expect(await handshake(url, { origin: "http://evil.example" })).toMatch(/^refused/);
    // Behind a proxy that rewrites Host, the forwarded host is the app's own.
    expect(await configStatus(url, { origin: "https://app.example.com", "x-forwarded-host": "app.example.com" })).toBe(200);
  });

  test("allowedOrigins lets listed origins in, with CORS headers; '*' lets every origin in", async () => {
    const { url } = await serve(app(), { allowedOrigins: ["https://friend.example"] });
    const friend = await fetch(`${url}config`, { headers: { origin: "https://friend.example" } });
    expect(friend.status).toBe(200);
    expect(friend.headers.get("access-control-allow-origin")).toBe("https://friend.example");
    expect(friend.headers.get("vary")).toBe("Origin");
    expect(await configStatus(url, { origin: "https://foe.example" })).toBe(403);
    expect(await handshake(url, { origin: "https://friend.example" })).toBe("hello");
    expect(await handshake(url, { origin: "https://foe.example" })).toMatch(/^refused/);
    const preflight = await fetch(`${url}login`, { method: "OPTIONS", headers: { origin: "https://friend.example" } });
    expect(preflight.status).toBe(204);

    const open = await serve(app(), { allowedOrigins: ["*"] });
    expect(await configStatus(open.url, { origin: "https://anyone.example" })).toBe(200);
    expect(await handshake(open.url, { origin: "https://anyone.example" })).toBe("hello");
  });

  test("a foreign page can't post the login form (login CSRF) even with the right password", async () => {
    const { url } = await serve(app(), { auth: [["admin", "s3cret"]] });
    const forged = await fetch(`${url}login`, {
      method: "POST",
      redirect: "manual",
      headers: { origin: "http://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "username=admin&password=s3cret",
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
  });
});
