import { describe, expect, it } from "vitest";
import { exampleValue, snippetsFor, type EndpointInfo } from "./snippets.ts";

const greet: EndpointInfo = {
  parameters: [
    { label: "Name", parameter_name: "name", component: "Textbox", type: { type: "string" } },
    { label: "Loud", parameter_name: "loud", component: "Checkbox", type: { type: "boolean" } },
  ],
  returns: [{ label: "Greeting", component: "Textbox", type: { type: "string" } }],
};

describe("API page snippets", () => {
  it("pick an example each schema accepts: a first choice, a minimum, a sample", () => {
    expect(exampleValue({ anyOf: [{ enum: ["cat", "dog"] }, { type: "null" }] })).toBe("cat");
    expect(exampleValue({ type: "number", minimum: 5, maximum: 9 })).toBe(5);
    expect(exampleValue({ type: "string" })).toBe("Hello!!");
    expect(exampleValue({})).toBeNull();
  });

  it("call the endpoint with those examples from each client, curl in Gradio's two steps", () => {
    const s = snippetsFor("http://127.0.0.1:7860/", "greet", greet);
    expect(s.curl).toBe(
      `EVENT_ID=$(curl -s -X POST http://127.0.0.1:7860/gradio_api/call/greet -H "Content-Type: application/json" -d '{"data":["Hello!!",true]}' | awk -F'"' '{ print $4 }')\n` +
        "curl -sN http://127.0.0.1:7860/gradio_api/call/greet/$EVENT_ID",
    );
    expect(s.blockwork).toContain(`client.predict("greet", ["Hello!!",true])`);
    expect(s.gradioJs).toContain(`client.predict("/greet", ["Hello!!",true])`);
    expect(s.python).toContain(`    name="Hello!!",\n    loud=True,\n    api_name="/greet",`);
  });
});
