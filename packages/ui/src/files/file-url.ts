import { isFileValue } from "@blockwork/core";
import { basePath } from "../connection/base-path.ts";

/** Where the page fetches a file output: a file value's `files/<id>` under the app's base, or an http(s) URL as is. */
export function fileHref(value: unknown): string | null {
  if (isFileValue(value)) return `${basePath(location.pathname)}${value.url}`;
  return typeof value === "string" && /^https?:\/\//i.test(value) ? value : null;
}

/** The name to show for a file output. */
export function fileName(value: unknown): string {
  if (isFileValue(value)) return value.name;
  if (typeof value !== "string") return "file";
  const last = value.split(/[?#]/)[0]!.split("/").pop();
  if (!last) return value;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
