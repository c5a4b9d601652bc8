import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Progress } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, test } from "vitest";
import cluster from "../../../../demos/cluster/app.tsx";
import hello from "../../../../demos/hello/app.tsx";
import { redisForTest } from "../integration/cluster-harness.ts";
import { connect, serve } from "../integration/harness.ts";

const gates = (url: string) => ({
  release: () => fetch(new URL("__test/release", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: 1 }) }),
  held: async () => ((await (await fetch(new URL("__test/record", url))).json()) as { held: number }).held,
});

async function mcpClient(url: string): Promise<Client> {
  const client = new Client({ name: "blockwork-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL("mcp", url)));
  return client;
}

describe("MCP (mcpServer: true)", () => {
  test("the SDK's client lists each public listener as a tool with its inputs' JSON Schema", async () => {
    const { url } = await serve(cluster, { mcpServer: true });
    const client = await mcpClient(url);
    const { tools } = await client.listTools();
    expect(tools).toEqual([{ name: "generate", description: "Makes the prompt on the app's one GPU, whichever process serves the caller", inputSchema: { type: "object", properties: { prompt: { type: "string" } }, required: ["prompt"] } }]);
    await client.close();
  });

  test("a tool call waits in a limit-1 queue behind a page's user, hearing its place and its start as progress, then answers", async () => {
    const { url } = await serve(cluster, { mcpServer: true, testGates: true });
    const gate = gates(url);
    const user = await connect(url);
    const usersJob = user.predict("generate", ["the user's"]);
    await expect.poll(gate.held).toBe(1);

    const client = await mcpClient(url);
    const progress: Progress[] = [];
    let heard: (() => void) | null = null;
    const call = client.callTool({ name: "generate", arguments: { prompt: "the agent's" } }, undefined, {
      onprogress: (p) => {
        progress.push(p);
        heard?.();
      },
      resetTimeoutOnProgress: true,
    });
    await new Promise<void>((resolve) => (heard = resolve));
    expect(progress[0]).toMatchObject({ progress: 0.001, total: 100, message: "Waiting in the queue: 0 ahead of 1 waiting" });

    await gate.release();
    expect(await usersJob).toEqual([expect.stringMatching(/^the user's, made by process \d+ on GPU 0$/)]);
    await expect.poll(gate.held, { timeout: 10_000 }).toBe(1);
    await gate.release();
    const result = await call;
    expect(result).toEqual({ content: [{ type: "text", text: expect.stringMatching(/^"the agent's, made by process \d+ on GPU 0"$/) }] });
    expect(progress.map((p) => p.message)).toContain("Running");
    const values = progress.map((p) => p.progress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(new Set(values).size).toBe(values.length);
    await client.close();
  });

  test("with the Redis queue, a tool called on a web process runs on a worker and answers", async () => {
    const redis = await redisForTest();
    const web = await serve(hello, { redis: redis.url, role: "web", mcpServer: true });
    await serve(hello, { redis: redis.url, role: "worker" });
    const client = await mcpClient(web.url);
    expect(await client.callTool({ name: "greet", arguments: { name: "Ada" } })).toEqual({ content: [{ type: "text", text: '"Hello, Ada!"' }] });
    await client.close();
  });

  test("a bad argument is a tool error naming the input; without mcpServer there is no /mcp", async () => {
    const { url } = await serve(cluster, { mcpServer: true });
    const client = await mcpClient(url);
    expect(await client.callTool({ name: "generate", arguments: { prompt: 42 } })).toEqual({
      content: [{ type: "text", text: 'generate: input 1 ("Prompt", a Textbox) expects a string; got the number 42.' }],
      isError: true,
    });
    await client.close();
    const plain = await serve(cluster);
    const res = await fetch(new URL("mcp", plain.url), { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.headers.get("content-type")).not.toMatch(/json|event-stream/);
  });
});
