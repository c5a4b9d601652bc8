import { handleFile, JobError } from "@blockwork/client";
import { Blocks, Button, Examples, FileBox, Image, listener, Textbox, type FileValue } from "@blockwork/core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { connect, serve } from "./harness.ts";

/** A FileBox in and out: the handler reports what it got, and returns whatever `give` makes of its text. */
function fileApp(give: (text: string) => unknown, ran: string[] = []) {
  const docs = FileBox({ label: "Docs", fileCount: "multiple", fileTypes: [".txt"] });
  const report = Textbox();
  const single = FileBox({ label: "Result" });
  const read = listener(
    async (files: FileValue[] | null) => {
      ran.push("read");
      const parts = await Promise.all((files ?? []).map(async (f) => `${f.name}=${await readFile(f.path, "utf8")}`));
      return parts.join(",");
    },
    { inputs: [docs], outputs: [report], apiName: "read" },
  );
  const make = listener((text: string) => give(text) as FileValue, { inputs: [report], outputs: [single], apiName: "make" });
  return (
    <Blocks>
      {docs}
      {report}
      {single}
      <Button onClick={read}>Read</Button>
      <Button onClick={make}>Make</Button>
    </Blocks>
  );
}

describe("file components at the edge: inputs resolved before the handler, outputs stored after it", () => {
  test("a forged file value (/etc/passwd) and a file of a refused type are answered with validation; the handler never runs", async () => {
    const ran: string[] = [];
    const { url } = await serve(fileApp(() => null, ran));
    const client = await connect(url);
    const forged = { path: "/etc/passwd", url: "files/0123456789abcdef0123456789abcdef", name: "passwd", size: 10, mimeType: "text/plain" };
    const error = (await client.predict("read", [[forged]]).catch((e: unknown) => e)) as JobError;
    expect(error).toBeInstanceOf(JobError);
    expect([error.code, error.message]).toEqual(["validation", expect.stringMatching(/^read: input 1 \("Docs", a FileBox\) \(file 1\) expects a file this server issued/)]);
    const png = (await client.predict("read", [[handleFile(new File(["x"], "a.png"))]]).catch((e: unknown) => e)) as JobError;
    expect([png.code, png.message]).toEqual(["validation", expect.stringContaining("expects a file of type .txt")]);
    expect(ran).toEqual([]);
  });

  test("two uploaded files reach the handler as the issued values", async () => {
    const { url } = await serve(fileApp(() => null));
    const client = await connect(url);
    const files = [handleFile(new File(["one"], "a.txt")), handleFile(new File(["two"], "b.txt"))];
    expect(await client.predict("read", [files])).toEqual(["a.txt=one,b.txt=two"]);
  });

  test("bytes, a data: URI and a temp-dir path returned for a file output arrive as file values whose URL serves them", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "blockwork-out-")), "report.txt");
    writeFileSync(path, "from a path");
    const give = (text: string): unknown => (text === "bytes" ? new TextEncoder().encode("%PDF-1.4 bytes") : text === "uri" ? "data:text/plain,from%20a%20URI" : path);
    const { url } = await serve(fileApp(give));
    const client = await connect(url);
    for (const [text, name, body] of [["bytes", "file.pdf", "%PDF-1.4 bytes"], ["uri", "file.txt", "from a URI"], ["path", "report.txt", "from a path"]] as const) {
      const [file] = (await client.predict("make", [text])) as [FileValue];
      expect(file).toMatchObject({ name, url: expect.stringMatching(/^files\/[0-9a-f]{32}$/) });
      expect(await (await fetch(new URL(file.url, url))).text()).toBe(body);
    }
  });

  test("a path outside the allowed folders fails the job with a handler error naming the output", async () => {
    const { url } = await serve(fileApp(() => "/etc/passwd"), { showError: true });
    const client = await connect(url);
    const error = (await client.predict("make", ["x"]).catch((e: unknown) => e)) as JobError;
    expect([error.code, error.message]).toEqual(["handler", expect.stringContaining('output "Result", a FileBox: the path "/etc/passwd" is outside the folders')]);
  });

  test("the HTTP doors run the same file step: REST refuses a forged value with 422 and accepts an uploaded one", async () => {
    const ran: string[] = [];
    const { url } = await serve(fileApp(() => null, ran));
    const call = async (data: unknown[]) => {
      const res = await fetch(new URL("gradio_api/call/read", url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ data }) });
      return { status: res.status, body: (await res.json()) as { event_id?: string; error?: string; code?: string } };
    };
    const forged = { path: "/etc/passwd", url: "files/0123456789abcdef0123456789abcdef", name: "passwd.txt", size: 10, mimeType: "text/plain" };
    expect(await call([[forged]])).toEqual({ status: 422, body: { code: "validation", error: expect.stringContaining("expects a file this server issued") } });
    const form = new FormData();
    form.append("files", new Blob(["via rest"]), "r.txt");
    const issued = (await (await fetch(new URL("upload", url), { method: "POST", body: form })).json()) as FileValue[];
    expect(await call([issued])).toEqual({ status: 200, body: { event_id: expect.any(String) } });
  });
});

describe("Examples that name files on disk, as Gradio's do", () => {
  /** An Image and a multiple FileBox with one Examples row naming files; the handler reads what it gets. */
  function examplesApp(photo: string, notes: readonly string[]) {
    const image = Image({ label: "Photo" });
    const docs = FileBox({ label: "Notes", fileCount: "multiple" });
    const report = Textbox();
    const read = listener(
      async (picture: FileValue | null, files: FileValue[] | null) => {
        const texts = await Promise.all((files ?? []).map((f) => readFile(f.path, "utf8")));
        return `${picture?.name} (${picture?.size} bytes); ${texts.join(" + ")}`;
      },
      { inputs: [image, docs], outputs: [report], apiName: "read" },
    );
    return (
      <Blocks>
        {image}
        {docs}
        {report}
        <Examples inputs={[image, docs]} examples={[[photo, [...notes]], ["https://example.com/cat.png", null]]} />
        <Button onClick={read}>Read</Button>
      </Blocks>
    );
  }

  test("each named file is in the cache when the app is ready, and the served row holds its file value, which a join may pass", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bw-examples-"));
    writeFileSync(join(dir, "cat.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    writeFileSync(join(dir, "a.txt"), "first");
    writeFileSync(join(dir, "b.txt"), "second");
    // One path relative to the working directory (as Gradio resolves them), the others absolute.
    const { url } = await serve(examplesApp(relative(process.cwd(), join(dir, "cat.png")), [join(dir, "a.txt"), join(dir, "b.txt")]));
    const config = (await (await fetch(`${url}config`)).json()) as { components: { type: string; props: { examples?: unknown[][] } }[] };
    const [row, urlRow] = config.components.find((c) => c.type === "examples")!.props.examples!;
    const [photo, notes] = row as [FileValue, FileValue[]];
    expect(photo).toMatchObject({ name: "cat.png", size: 12, mimeType: "image/png", url: expect.stringMatching(/^files\/[0-9a-f]{32}$/) });
    expect(notes.map((n) => n.name)).toEqual(["a.txt", "b.txt"]);
    // A URL is not a file on disk: it stays as it is.
    expect(urlRow).toEqual(["https://example.com/cat.png", null]);
    expect(await (await fetch(new URL(notes[1]!.url, url))).text()).toBe("second");
    const client = await connect(url);
    expect(await client.predict("read", [photo, notes])).toEqual(["cat.png (12 bytes); first + second"]);
  });

  test("an Examples row naming a file that does not exist is a config error naming it", async () => {
    const missing = join(tmpdir(), "bw-no-such-example.png");
    await expect(serve(examplesApp(missing, []))).rejects.toThrow(`Examples: row 1, column 1 names the file ${missing}, which does not exist`);
  });
});
