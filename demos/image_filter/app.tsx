import { Blocks, BlockworkError, Button, Examples, Image, listener, Radio, Row, Textbox, type FileValue } from "@blockwork/core";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const photo = Image({ label: "Photo" });
const filter = Radio({ label: "Filter", choices: ["grayscale", "sepia", "invert"], value: "grayscale" });
const filtered = Image({ label: "Filtered" });
const info = Textbox({ label: "Info" });

const MATRICES: Record<string, string> = {
  grayscale: "0.33 0.33 0.33 0 0 0.33 0.33 0.33 0 0 0.33 0.33 0.33 0 0 0 0 0 1 0",
  sepia: "0.39 0.77 0.19 0 0 0.35 0.69 0.17 0 0 0.27 0.53 0.13 0 0 0 0 0 1 0",
  invert: "-1 0 0 0 1 0 -1 0 0 1 0 0 -1 0 1 0 0 0 1 0",
};

/** A PNG's size from its header; other formats are drawn at 640×480 (the SVG keeps their aspect ratio). */
function pngSize(bytes: Buffer): [number, number] | null {
  const png = bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47;
  return png ? [bytes.readUInt32BE(16), bytes.readUInt32BE(20)] : null;
}

/**
 * Applies a colour filter without an image library: the photo is wrapped in an SVG with an feColorMatrix, returned
 * as a data: URI, which the server stores as a file.
 */
async function applyFilter(image: FileValue | null, name: string | null): Promise<[string, string]> {
  if (image === null) throw new BlockworkError("Upload, drop, paste or capture a photo first.");
  const bytes = await readFile(image.path);
  const [width, height] = pngSize(bytes) ?? [640, 480];
  const matrix = MATRICES[name ?? "grayscale"] ?? MATRICES.grayscale!;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<filter id="f"><feColorMatrix type="matrix" values="${matrix}"/></filter>` +
    `<image width="100%" height="100%" filter="url(#f)" href="data:${image.mimeType};base64,${bytes.toString("base64")}"/></svg>`;
  return [`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, `${image.name}: ${width}×${height}, ${image.size} bytes, ${name ?? "grayscale"}`];
}

function example(name: string): string {
  return fileURLToPath(new URL(`./examples/${name}`, import.meta.url));
}

export default (
  <Blocks title="Image filter">
    {"# Image filter\nUpload, drop, paste or capture a photo, pick a filter, and apply it."}
    <Row>
      {photo}
      {filtered}
    </Row>
    <Row>
      {filter}
      {info}
    </Row>
    <Button variant="primary" onClick={listener(applyFilter, { inputs: [photo, filter], outputs: [filtered, info] })}>
      Apply
    </Button>
    <Examples
      inputs={[photo, filter]}
      examples={[
        // Files beside this app (a path relative to the working directory works too, as in Gradio).
        [example("sunset.png"), "sepia"],
        [example("stripes.png"), "invert"],
      ]}
    />
  </Blocks>
);
