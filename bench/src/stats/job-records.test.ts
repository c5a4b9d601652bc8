import { expect, test } from "vitest";
import type { JobRecord } from "../servers/job-recorder.ts";
import { dispatchGaps, maxConcurrency, occupancy, throughput } from "./job-records.ts";

const job = (id: string, start: number, end: number): JobRecord => ({ id, api: "run", start, end });

test("concurrency counts overlapping runs; an end and a start at the same instant do not overlap", () => {
  expect(maxConcurrency([job("a", 0, 100), job("b", 100, 200), job("c", 50, 150)])).toBe(2);
});

test("throughput: limit over mean run time, against jobs over first start to last end", () => {
  const rate = throughput([job("a", 0, 100), job("b", 0, 100), job("c", 100, 200), job("d", 101, 201)], 2);
  expect(rate.ideal).toBeCloseTo(20);
  expect(rate.achieved).toBeCloseTo((4 * 1000) / 201);
});

test("a dispatch gap counts only when the next job was already waiting", () => {
  const records = [job("a", 0, 100), job("b", 103, 200), job("c", 250, 300)];
  const waiting = new Map([
    ["b", 10],
    ["c", 240],
  ]);
  expect(dispatchGaps(records, 1, (id) => waiting.get(id) ?? null)).toEqual([3]);
});

test("occupancy is the share of the slots' time in a window that handlers held, counting the parts of runs inside it", () => {
  const records = [
    { id: "a", api: "run", start: 0, end: 100 },
    { id: "b", api: "run", start: 50, end: 150 },
    { id: "c", api: "run", start: 110, end: 200 },
  ];
  // Window [50, 150) with 2 slots: a holds 50, b 100, c 40 of the 200 slot-ms.
  expect(occupancy(records, 2, 50, 150)).toBeCloseTo(190 / 200);
});
