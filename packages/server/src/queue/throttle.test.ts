import { expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { Throttle } from "./throttle.ts";

test("fires on the leading edge of a burst, then at most once per interval on the trailing edge", () => {
  const clock = new FakeClock();
  const fired: number[] = [];
  const throttle = new Throttle(clock, 250, () => fired.push(clock.now()));
  throttle.trigger();
  throttle.trigger();
  clock.advance(0);
  expect(fired).toEqual([0]);
  clock.advance(10);
  throttle.trigger();
  throttle.trigger();
  clock.advance(100);
  expect(fired).toEqual([0]);
  clock.advance(200);
  expect(fired).toEqual([0, 250]);
  clock.advance(1000);
  throttle.trigger();
  clock.advance(0);
  expect(fired).toEqual([0, 250, 1310]);
  throttle.trigger();
  throttle.cancel();
  clock.advance(1000);
  expect(fired).toEqual([0, 250, 1310]);
});
