import { Blocks, Button, listener, on, Row, State, Textbox, Timer, update } from "@blockwork/core";

const name = Textbox({ label: "Name", value: "tick" });
const ticks = Textbox({ label: "Ticks" });
const count = State(0);
const timer = Timer({ intervalMs: 250 });

// Each tick runs with the tab's current values: change the Name and the next tick uses it.
on(
  timer,
  "tick",
  listener(
    function onTick(label: string, n: number) {
      const next = n + 1;
      return [next, `${label} ${next}`] as [number, string];
    },
    { inputs: [name, count], outputs: [count, ticks] },
  ),
);

const stopTimer = listener(() => update({ active: false }), { outputs: [timer], apiName: "stop_timer" });
const startTimer = listener(() => update({ active: true }), { outputs: [timer], apiName: "start_timer" });

export default (
  <Blocks title="Timer">
    {"# Timer\nThe server paces the ticks (every 250 ms) for this tab and skips one while the previous is still running."}
    {timer}
    {name}
    {ticks}
    <Row>
      <Button onClick={stopTimer}>Stop timer</Button>
      <Button onClick={startTimer}>Start timer</Button>
    </Row>
  </Blocks>
);
