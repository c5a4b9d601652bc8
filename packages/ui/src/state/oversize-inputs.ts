import type { JoinRequest } from "@blockwork/core";

/**
 * Why `request` can't be sent, when it is larger than the server's `maxPayloadBytes` (its JSON encoding, as
 * Socket.IO sends it); undefined when it fits or the server set no limit. Checked before sending: past twice the
 * limit the server closes the connection instead of answering, and an edited table can get that big.
 */
export function oversizeInputs(request: JoinRequest, limit: number | undefined): string | undefined {
  if (limit === undefined) return undefined;
  const bytes = new TextEncoder().encode(JSON.stringify(request)).byteLength;
  if (bytes <= limit) return undefined;
  const kb = (n: number): string => `${Math.ceil(n / 1000).toLocaleString("en-US")} kB`;
  return `Too much to send: the inputs of "${request.apiName}" take ${kb(bytes)}, and this server accepts at most ${kb(limit)} per message.`;
}
