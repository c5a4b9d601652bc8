/** A deterministic picture of a prompt: a gradient chosen by the prompt's hash, with the prompt written on it. */
export function drawPrompt(text: string): string {
  let hash = 2166136261;
  for (const ch of text) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  const hue = hash % 360;
  const hue2 = (hue + 60 + ((hash >>> 9) % 120)) % 360;
  const escaped = text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).slice(0, 80) || "(empty prompt)";
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="320" viewBox="0 0 512 320">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">` +
    `<stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${hue2},70%,35%)"/>` +
    `</linearGradient></defs><rect width="512" height="320" fill="url(#g)"/>` +
    `<circle cx="${80 + (hash % 350)}" cy="${60 + ((hash >>> 5) % 200)}" r="${30 + ((hash >>> 3) % 50)}" fill="rgba(255,255,255,0.25)"/>` +
    `<text x="256" y="170" font-family="sans-serif" font-size="22" fill="white" text-anchor="middle">${escaped}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
