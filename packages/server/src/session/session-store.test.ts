import { expect, test } from "vitest";
import { FakeClock } from "../testing/fake-clock.ts";
import { SessionStore } from "./session-store.ts";

function store(clock: FakeClock): SessionStore {
  let n = 0;
  return new SessionStore({ clock, stateInitials: new Map([[7, { n: 0 }]]), ttlMs: 1000, newId: () => `s${n++}` });
}

test("a session outlives its connection by the TTL, and a reconnect within it resumes it", () => {
  const clock = new FakeClock();
  const sessions = store(clock);
  const first = sessions.connect(undefined);
  expect(first.resumed).toBe(false);
  (first.session.state.get(7) as { n: number }).n = 5;
  sessions.disconnect(first.session);
  clock.advance(999);
  const again = sessions.connect(first.session.id);
  expect(again).toEqual({ session: first.session, resumed: true });
  sessions.disconnect(again.session);
  clock.advance(1000);
  const late = sessions.connect(first.session.id);
  expect(late.resumed).toBe(false);
  expect(late.session.id).not.toBe(first.session.id);
  expect(late.session.state.get(7)).toEqual({ n: 0 });
});

test("each session starts from its own copy of State initials; unknown ids get a new session", () => {
  const clock = new FakeClock();
  const sessions = store(clock);
  const a = sessions.connect("made-up").session;
  const b = sessions.connect(undefined).session;
  expect(a.id).not.toBe("made-up");
  expect(a.state.get(7)).not.toBe(b.state.get(7));
});

test("a session with two connections expires only after both close", () => {
  const clock = new FakeClock();
  const sessions = store(clock);
  const { session } = sessions.connect(undefined);
  sessions.connect(session.id);
  sessions.disconnect(session);
  clock.advance(5000);
  expect(sessions.size).toBe(1);
  sessions.disconnect(session);
  clock.advance(1000);
  expect(sessions.size).toBe(0);
});

test("a reload keeps each session's State by its new id, starts new States from their initial value, and drops choices", () => {
  const clock = new FakeClock();
  const sessions = store(clock);
  const { session } = sessions.connect(undefined);
  (session.state.get(7) as { n: number }).n = 5;
  session.choices = new Map([[3, ["a"]]]);
  // State 7 is now component 8, and a new State 9 follows it.
  sessions.reload(
    new Map<number, unknown>([
      [8, { n: 0 }],
      [9, "fresh"],
    ]),
    new Map([[7, 8]]),
  );
  expect([...session.state]).toEqual([
    [8, { n: 5 }],
    [9, "fresh"],
  ]);
  expect(session.choices).toBeUndefined();
  expect(sessions.connect(undefined).session.state.get(9)).toBe("fresh");
});
