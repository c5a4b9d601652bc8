import type { FileValue } from "./file-value.ts";

/**
 * Whether a file is of one of `fileTypes`, as a component's `fileTypes` lists them (the browser's `accept`):
 * an extension (`".png"`, matched against the name, any case), a media type (`"image/png"`), a family
 * (`"image/*"`) or, as in Gradio, a family's bare name (`"image"`, `"audio"`, `"video"`, `"text"`). An empty list
 * accepts everything.
 */
export function matchesFileTypes(file: Pick<FileValue, "name" | "mimeType">, fileTypes: readonly string[]): boolean {
  if (fileTypes.length === 0) return true;
  const name = file.name.toLowerCase();
  const mimeType = file.mimeType.toLowerCase();
  const family = mimeType.slice(0, mimeType.indexOf("/") + 1);
  return fileTypes.some((raw) => {
    const type = raw.trim().toLowerCase();
    if (type.startsWith(".")) return type.length > 1 && name.endsWith(type);
    if (type.endsWith("/*")) return family !== "" && family === type.slice(0, -1);
    if (type.includes("/")) return mimeType === type;
    return family === `${type}/`;
  });
}

/** The phrase for a file that `matchesFileTypes` refused: "expects a file of type .png or image/*; got a.gif (image/gif)". */
export function checkFileTypes(file: Pick<FileValue, "name" | "mimeType">, fileTypes: readonly string[]): string | undefined {
  if (matchesFileTypes(file, fileTypes)) return undefined;
  const listed = fileTypes.length <= 1 ? fileTypes.join("") : `${fileTypes.slice(0, -1).join(", ")} or ${fileTypes[fileTypes.length - 1]}`;
  return `expects a file of type ${listed}; got ${JSON.stringify(file.name.slice(0, 80))} (${file.mimeType})`;
}
