import { fileSlotOf, type AppConfig, type ComponentConfig, type FileValue } from "@blockwork/core";
import { createReadStream, statSync } from "node:fs";
import { basename, resolve } from "node:path";
import type { FileStore } from "./file-store.ts";

/** One Examples cell that names a file on disk: where it is in the config, and the file. */
interface ExampleFile {
  readonly examples: number;
  readonly row: number;
  readonly column: number;
  /** Its place in a cell of several files; `null` for a cell of one. */
  readonly item: number | null;
  readonly path: string;
}

/**
 * Gradio's `Examples(examples=[["cat.jpg"]], inputs=[image])`: an Examples cell of a file input (an Image, a FileBox,
 * an UploadButton) may name a file on disk, relative to `baseDir` (the working directory, as in Gradio) or absolute.
 * Each such file must exist when the app starts (a missing one is a config error naming it); the files are then put
 * in the cache and each cell becomes the file value, so that a click on the row fills the input with a file this
 * server issued, as an upload would. URLs, data URIs and cells of other inputs stay as they are.
 */
export class ExampleFiles {
  readonly #files: readonly ExampleFile[];

  constructor(config: AppConfig, baseDir: string) {
    this.#files = findExampleFiles(config, baseDir);
    for (const file of this.#files) {
      let isFile = false;
      try {
        isFile = statSync(file.path).isFile();
      } catch {
        // Reported below.
      }
      if (!isFile) throw new Error(`Examples: row ${file.row + 1}, column ${file.column + 1} names the file ${file.path}, which does not exist (paths are relative to the working directory)`);
    }
  }

  get size(): number {
    return this.#files.length;
  }

  /** Stores the files (each path once) and answers `config` with their values in its Examples. */
  async store(config: AppConfig, store: FileStore): Promise<AppConfig> {
    if (this.#files.length === 0) return config;
    const stored = new Map<string, Promise<FileValue>>();
    const valueOf = (path: string): Promise<FileValue> => {
      let value = stored.get(path);
      if (!value) stored.set(path, (value = store.put(createReadStream(path), { name: basename(path) }).then((file) => file.value)));
      return value;
    };
    const values = await Promise.all(this.#files.map((file) => valueOf(file.path)));
    const components = config.components.map((component) => ({ ...component, props: { ...component.props } }));
    this.#files.forEach((file, i) => {
      const props = components[file.examples]!.props as { examples: unknown[][] };
      props.examples = props.examples.map((row) => [...row]);
      const cell = props.examples[file.row]!;
      if (file.item === null) cell[file.column] = values[i];
      else cell[file.column] = (cell[file.column] as unknown[]).map((entry, j) => (j === file.item ? values[i] : entry));
    });
    return { ...config, components };
  }
}

function findExampleFiles(config: AppConfig, baseDir: string): ExampleFile[] {
  const byId = new Map(config.components.map((c) => [c.id, c]));
  const files: ExampleFile[] = [];
  config.components.forEach((component, examples) => {
    if (component.type !== "examples") return;
    const inputs = Array.isArray(component.props.inputs) ? (component.props.inputs as number[]) : [];
    const rows = Array.isArray(component.props.examples) ? (component.props.examples as unknown[][]) : [];
    inputs.forEach((inputId, column) => {
      const input = byId.get(inputId);
      if (!input || !takesFiles(input)) return;
      rows.forEach((row, r) => {
        const cell = Array.isArray(row) ? row[column] : undefined;
        if (isLocalPath(cell)) files.push({ examples, row: r, column, item: null, path: resolve(baseDir, cell) });
        else if (Array.isArray(cell)) cell.forEach((entry, item) => isLocalPath(entry) && files.push({ examples, row: r, column, item, path: resolve(baseDir, entry) }));
      });
    });
  });
  return files;
}

/** An input whose values are files this server issued (not URLs, not a gallery's items). */
function takesFiles(component: ComponentConfig): boolean {
  const slot = fileSlotOf(component);
  return slot !== undefined && !slot.urlInput && !slot.captioned;
}

function isLocalPath(value: unknown): value is string {
  return typeof value === "string" && value !== "" && !/^(https?:|data:)/i.test(value);
}
