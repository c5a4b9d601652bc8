import { Blocks, Button, FileBox, listener, Row, Textbox, type FileValue } from "@blockwork/core";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";

const documents = FileBox({ label: "Text files", fileCount: "multiple", fileTypes: [".txt", ".md", ".csv"] });
const shouted = FileBox({ label: "Shouted files", fileCount: "multiple" });
const summary = Textbox({ label: "Summary" });

/** Upper-cases every file: each result is written to the OS temp dir, and the server stores it for download. */
async function shout(files: FileValue[] | null): Promise<[string[], string]> {
  if (files === null || files.length === 0) return [[], "No files."];
  const dir = await mkdtemp(join(tmpdir(), "shout-"));
  const outputs = await Promise.all(
    files.map(async (file) => {
      const text = await readFile(file.path, "utf8");
      const out = join(dir, `${basename(file.name, extname(file.name))}.shouted${extname(file.name)}`);
      await writeFile(out, text.toUpperCase());
      return out;
    }),
  );
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  return [outputs, `${files.length} file${files.length === 1 ? "" : "s"}, ${bytes} bytes: ${files.map((f) => f.name).join(", ")}`];
}

export default (
  <Blocks title="Files">
    {"# Files\nDrop text files (or choose them); each comes back upper-cased, ready to download."}
    <Row>
      {documents}
      {shouted}
    </Row>
    {summary}
    <Button variant="primary" onClick={listener(shout, { inputs: [documents], outputs: [shouted, summary] })}>
      Shout
    </Button>
  </Blocks>
);
