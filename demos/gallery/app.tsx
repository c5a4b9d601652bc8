import {
  Blocks,
  Button,
  DownloadButton,
  Gallery,
  listener,
  NumberBox,
  on,
  Row,
  Slider,
  Textbox,
  UploadButton,
  type FileValue,
  type GalleryItem,
  type GalleryOutputItem,
  type HandlerContext,
} from "@blockwork/core";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paint } from "./paint.ts";

const prompt = Textbox({ label: "Prompt", value: "hills at dusk" });
const seed = NumberBox({ label: "Seed", value: 7 });
const count = Slider({ label: "Images", minimum: 1, maximum: 9, step: 1, value: 6 });
const gallery = Gallery({ label: "Generated images", columns: 4 });
const status = Textbox({ label: "Status" });
const upload = UploadButton({ label: "Add your own images", fileCount: "multiple", fileTypes: ["image/*"] });
const manifest = DownloadButton({ label: "Download manifest" });

/** Stands in for an image model: `count` pictures of the prompt, each with its caption. */
function generate(text: string, seedValue: number | null, howMany: number): GalleryOutputItem[] {
  const subject = text.trim() || "untitled";
  return Array.from({ length: howMany }, (_, i) => [paint(subject, seedValue ?? 0, i), `${subject} #${i + 1}`] as const);
}

/** Uploaded images join the gallery, captioned with their file names. */
function addImages(files: FileValue[] | null, current: GalleryItem[] | null): GalleryOutputItem[] {
  return [...(current ?? []), ...(files ?? []).map((file) => ({ image: file, caption: file.name }))];
}

/** Tells what was clicked: the Gallery's `select` carries the image's index and its item. */
function describePick(ctx: HandlerContext): string {
  const selected = ctx.eventData;
  if (selected?.kind !== "image") return "";
  return `You picked index ${selected.index}: ${selected.value.caption ?? "(no caption)"}`;
}

/** A text manifest of the gallery, one line per image, written to the temp dir for the DownloadButton. */
async function writeManifest(items: GalleryItem[] | null): Promise<string | null> {
  if (items === null || items.length === 0) return null;
  const lines = items.map((item, i) => {
    const image = typeof item.image === "string" ? item.image : `${item.image.name}, ${item.image.size} bytes, ${item.image.mimeType}`;
    return `${i}\t${item.caption ?? ""}\t${image}`;
  });
  const path = join(await mkdtemp(join(tmpdir(), "gallery-")), "gallery-manifest.txt");
  await writeFile(path, `index\tcaption\timage\n${lines.join("\n")}\n`);
  return path;
}

on(gallery, "select", listener(describePick, { outputs: [status] }));
on(gallery, "change", listener(writeManifest, { inputs: [gallery], outputs: [manifest] }));
on(manifest, "click", listener((items: GalleryItem[] | null) => `Downloaded the manifest of ${items?.length ?? 0} images`, { inputs: [gallery], outputs: [status] }));
on(upload, "upload", listener(addImages, { inputs: [upload, gallery], outputs: [gallery] }));

export default (
  <Blocks title="Gallery">
    {"# Gallery\nGenerate a set of pictures from a prompt, click one to see it large, add your own, and download the list."}
    <Row>
      {prompt}
      {seed}
      {count}
    </Row>
    <Button variant="primary" onClick={listener(generate, { inputs: [prompt, seed, count], outputs: [gallery] })}>
      Generate
    </Button>
    {gallery}
    {status}
    <Row>
      {upload}
      {manifest}
    </Row>
  </Blocks>
);
