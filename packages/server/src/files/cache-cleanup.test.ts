import { expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { CacheCleanup } from "./cache-cleanup.ts";
import { DiskFileStore } from "./disk-file-store.ts";
import { chunks } from "./file-store.contract.ts";

test("deleteCache [60, 300]: every minute, files older than five minutes go; the timer stops with it", async () => {
  const clock = new FakeClock();
  const store = new DiskFileStore({ shared: false, clock, maxCacheBytes: 1_000 });
  const cleanup = new CacheCleanup(store, { everyMs: 60_000, olderThanMs: 300_000, clock, onError: (error) => expect.fail(String(error)) });
  try {
    const first = await store.put(chunks("first"), { name: "first.txt" });
    clock.advance(240_000);
    const second = await store.put(chunks("second"), { name: "second.txt" });
    // The sweep at 1 minute found nothing old enough; the next one is timed from its end.
    await cleanup.whenIdle();
    expect(await store.get(first.id)).not.toBeNull();
    clock.advance(60_000);
    await cleanup.whenIdle();
    // At 5 minutes the first file is 300 s old, not older: it stays until the sweep at 6.
    expect(await store.get(first.id)).not.toBeNull();
    clock.advance(60_000);
    await cleanup.whenIdle();
    expect(await store.get(first.id)).toBeNull();
    expect(await store.get(second.id)).not.toBeNull();
    expect(clock.pendingTimers).toBe(1);
    await cleanup.stop();
    expect(clock.pendingTimers).toBe(0);
  } finally {
    await store.close();
  }
});
