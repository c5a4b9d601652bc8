import { Blocks, Button, listener, Row, Textbox } from "@blockwork/core";

const note = Textbox({ label: "Note", placeholder: "Something only logged-in users should see" });
const saved = Textbox({ label: "Saved" });

const save = listener((text: string, ctx) => `Saved for session ${ctx.session.id.slice(0, 8)}: ${text}`, { inputs: [note], outputs: [saved] });

export default (
  <Blocks title="Private notes">
    {"# Private notes\nThis app is behind a login page: try **admin** / **blockwork**."}
    <Row>
      {note}
      {saved}
    </Row>
    <Button variant="primary" onClick={save}>
      Save
    </Button>
  </Blocks>
);

// `blockwork run` and `blockwork gallery` pass these to the server. A real app reads its passwords from the
// environment or a user store: `auth: (user, pass) => check(user, pass)`.
export const launchOptions = { auth: [["admin", "blockwork"]] as const, authMessage: "Demo account: admin / blockwork" };
