import { randomBytes } from "node:crypto";

/**
 * A file's id: 128 random bits from the system's CSPRNG, as 32 lowercase hex digits. Knowing it is what lets a
 * client fetch or reuse the file, so it must be unguessable; hex (not base64) so that it stays one name on a
 * case-insensitive file system.
 */
export function newFileId(): string {
  return randomBytes(16).toString("hex");
}

const FILE_ID = /^[0-9a-f]{32}$/;

export function isFileId(value: string): boolean {
  return FILE_ID.test(value);
}
