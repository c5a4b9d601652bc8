import { expect, test } from "vitest";
import { EtaEstimator } from "./eta-estimator.ts";

test("unknown until the first sample, then an exponentially weighted average", () => {
  const eta = new EtaEstimator<string>(0.5);
  expect(eta.get("a")).toBeNull();
  eta.record("a", 100);
  expect(eta.get("a")).toBe(100);
  eta.record("a", 200);
  expect(eta.get("a")).toBe(150);
  expect(eta.get("b")).toBeNull();
});
