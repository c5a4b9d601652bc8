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

  it("upload a file parameter first: handleFile, handle_file of a named File, Python's handle_file, curl's gradio_api/upload", () => {
    const fileData = { title: "FileData", type: "object" };
    const shout: EndpointInfo = {
      parameters: [
        { label: "Docs", parameter_name: "docs", component: "FileBox", type: { type: "array", items: fileData }, python_type: { type: "List[filepath]" } },
        { label: "Photo", parameter_name: "photo", component: "Image", type: fileData, python_type: { type: "filepath" } },
        { label: "Note", parameter_name: "note", component: "Textbox", type: { type: "string" }, python_type: { type: "string" } },
      ],
      returns: [],
    };
    const s = snippetsFor("http://127.0.0.1:7860/", "shout", shout);
    expect(s.blockwork).toContain(`import { Client, handleFile } from "blockwork/client";`);
    expect(s.blockwork).toContain(`client.predict("shout", [[handleFile("file.txt")],handleFile("image.png"),"Hello!!"])`);
    expect(s.gradioJs).toContain(`import { Client, handle_file } from "@gradio/client";`);
    expect(s.gradioJs).toContain(`[[handle_file(new File([await readFile("file.txt")], "file.txt"))],handle_file(new File([await readFile("image.png")], "image.png")),"Hello!!"]`);
    expect(s.python).toContain(`from gradio_client import Client, handle_file`);
    expect(s.python).toContain(`    docs=[handle_file("file.txt")],\n    photo=handle_file("image.png"),\n    note="Hello!!",`);
    expect(s.curl.split("\n")).toEqual([
      `FILE_1=$(curl -s -F "files=@file.txt" http://127.0.0.1:7860/gradio_api/upload | awk -F'"' '{ print $2 }')`,
      `FILE_2=$(curl -s -F "files=@image.png" http://127.0.0.1:7860/gradio_api/upload | awk -F'"' '{ print $2 }')`,
      `EVENT_ID=$(curl -s -X POST http://127.0.0.1:7860/gradio_api/call/shout -H "Content-Type: application/json" -d '{"data":[[{"path": "'"$FILE_1"'", "meta": {"_type": "gradio.FileData"}}],{"path": "'"$FILE_2"'", "meta": {"_type": "gradio.FileData"}},"Hello!!"]}' | awk -F'"' '{ print $4 }')`,
      "curl -sN http://127.0.0.1:7860/gradio_api/call/shout/$EVENT_ID",
    ]);
  });
});
