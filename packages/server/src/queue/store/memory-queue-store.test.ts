import { FakeClock } from "../../testing/fake-clock.ts";
import { MemoryQueueStore } from "./memory-queue-store.ts";
import { describeQueueStore } from "./queue-store.contract.ts";

describeQueueStore("memory", async (setup) => ({ store: new MemoryQueueStore(setup, new FakeClock()), settle: async () => {} }));
