import { Blocks, BlockworkError, Button, Examples, listener, on, Row, Textbox } from "@blockwork/core";

const name = Textbox({ label: "Name", placeholder: "Type a name and press Enter" });
const greeting = Textbox({ label: "Greeting" });

function greet(who: string): string {
  if (who.trim() === "") throw new BlockworkError("Please enter a name first.");
  return `Hello, ${who.trim()}!`;
}

// One listener on two triggers: Enter in the Textbox and the button share one queue and one API name.
const greetListener = on(name, "submit", listener(greet, { inputs: [name], outputs: [greeting] }));

export default (
  <Blocks title="Hello">
    {"# Hello\nType a name, then press **Enter** or the button."}
    <Row>
      {name}
      {greeting}
    </Row>
    <Button variant="primary" onClick={greetListener}>
      Greet
    </Button>
    <Examples inputs={[name]} examples={[["Ada"], ["Grace"], ["Linus"]]} />
  </Blocks>
);
