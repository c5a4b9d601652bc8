import { expect, test } from "@playwright/test";
import { startRedisServer, type RedisServer } from "../packages/server/src/testing/redis-server.ts";
import { startDemo, type DemoServer } from "./fixtures/demo-server.ts";
import { maxConcurrency, screenshotDemo } from "./fixtures/helpers.ts";

let redis: RedisServer;
let processes: DemoServer[];

test.beforeAll(async () => {
  redis = await startRedisServer();
  processes = [await startDemo("cluster", { gates: true, redis: redis.url }), await startDemo("cluster", { gates: true, redis: redis.url })];
});

test.afterAll(async () => {
  for (const demo of processes) await demo.stop();
  await redis.stop();
});

test("two pages on two processes of one app share its queue of 1: the second waits at 1/1, then gets its result", async ({ browser }) => {
  const [first, second] = processes as [DemoServer, DemoServer];
  const pageA = await (await browser.newContext()).newPage();
  const pageB = await (await browser.newContext()).newPage();
  await pageA.goto(first.url);
  await pageB.goto(second.url);
  const status = (page: typeof pageA) => page.getByTestId("status");

  await pageA.getByLabel("Prompt").fill("a lighthouse");
  await pageA.getByRole("button", { name: "Generate" }).click();
  await expect(status(pageA)).toHaveText(/^processing/);
  await pageB.getByLabel("Prompt").fill("a harbour");
  await pageB.getByRole("button", { name: "Generate" }).click();
  // Its own process has nothing running, yet it waits: the queue is the cluster's.
  await expect(status(pageB)).toHaveText(/^queue: 1\/1/);
  await screenshotDemo(pageB, "cluster-waiting");

  await expect.poll(async () => (await first.record()).held).toBe(1);
  await first.release(1);
  await expect(pageA.getByLabel("Result")).toHaveValue(/^a lighthouse, made by process \d+ on GPU 0$/);
  await expect(status(pageB)).toHaveText(/^processing/);
  // The first process freed the slot and handed it to the process that took the next job in line: the second one.
  await expect.poll(async () => (await second.record()).held).toBe(1);
  await second.release(1);
  await expect(pageB.getByLabel("Result")).toHaveValue(/^a harbour, made by process \d+ on GPU 0$/);
  await screenshotDemo(pageB, "cluster");

  const events = [...(await first.record()).events, ...(await second.record()).events];
  expect(events.filter((e) => e.type === "end")).toHaveLength(2);
  expect(maxConcurrency(events)).toBe(1);
  for (const page of [pageA, pageB]) await page.context().close();
});
