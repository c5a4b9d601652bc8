import { expect, test } from "./fixtures/test.ts";

test.use({ demoName: "typing", gates: true });

test("always_last: keystrokes while a job runs coalesce into one more run on the latest text", async ({ page, demo }) => {
  await page.goto(demo.url);
  const text = page.getByLabel("Text");
  await text.pressSequentially("o");
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await text.pressSequentially("ne two three");
  await page.waitForTimeout(200);
  // Still one job: the others wait as one re-run.
  expect((await demo.record()).events.filter((e) => e.type === "start")).toHaveLength(1);

  await demo.release(1);
  await expect.poll(async () => (await demo.record()).events.filter((e) => e.type === "start").length).toBe(2);
  await expect.poll(async () => (await demo.record()).held).toBe(1);
  await demo.release(1);
  await expect(page.getByLabel("Stats")).toHaveValue('3 words, 13 characters: "one two three"');
  await page.waitForTimeout(300);
  const record = await demo.record();
  expect(record.events.filter((e) => e.type === "start")).toHaveLength(2);
  expect(record.running).toBe(0);
});
