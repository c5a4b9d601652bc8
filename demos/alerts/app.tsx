import { Blocks, BlockworkError, Button, listener, Markdown, Row, Textbox, update } from "@blockwork/core";

const welcome = Markdown({});
const details = Textbox({ label: "Details", visible: false });

// onLoad runs once per page, when the tab connects.
const greet = listener(() => "Welcome! Your session is ready.", { outputs: [welcome], apiName: "greet" });

// Toasts while the job runs, then an update that makes a hidden component appear with a new label and value.
const check = listener(
  async function check(_details: string, ctx) {
    ctx.info("Checking the inputs");
    ctx.warning("The cache is cold; this may take a moment");
    ctx.success("All checks passed");
    return update({ visible: true, label: "Check report", value: "3 of 3 checks passed" });
  },
  { inputs: [details], outputs: [details] },
);

const fail = listener(
  function fail() {
    throw new BlockworkError("Something went wrong, on purpose.");
  },
  { outputs: [details] },
);

const hide = listener(() => update({ visible: false }), { outputs: [details], queue: false, apiName: "hide" });

export default (
  <Blocks title="Alerts and updates" onLoad={greet}>
    {"# Alerts and updates\n`ctx.info`, `ctx.warning` and `ctx.success` show toasts while a job runs; `update({ visible: true })` shows a hidden component."}
    {welcome}
    <Row>
      <Button variant="primary" onClick={check}>
        Run checks
      </Button>
      <Button onClick={fail}>Fail</Button>
      <Button onClick={hide}>Hide report</Button>
    </Row>
    {details}
  </Blocks>
);
