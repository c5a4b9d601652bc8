import { encodePng } from "./png.ts";

/** A small deterministic generator (mulberry32), so that a prompt and seed always give the same pictures. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

const SIZE = 160;

/**
 * Stands in for an image model: a landscape of sky, sun and hills whose colours and shapes follow the prompt, the
 * seed and the image's number. Gives the PNG's bytes, which the server stores as a file.
 */
export function paint(prompt: string, seed: number, index: number): Uint8Array {
  const next = random(hash(prompt) ^ Math.imul(seed + 1, 2654435761) ^ Math.imul(index + 1, 40503));
  const hue = next();
  const sky = [hsl(hue, 0.7, 0.78), hsl((hue + 0.08) % 1, 0.65, 0.58)] as const;
  const sun = { x: 30 + next() * 100, y: 25 + next() * 45, r: 12 + next() * 16, color: hsl((hue + 0.5) % 1, 0.9, 0.62) };
  const hills = [0, 1, 2].map((layer) => ({
    base: 95 + layer * 22,
    amplitude: 8 + next() * 14,
    phase: next() * Math.PI * 2,
    frequency: 0.02 + next() * 0.04,
    color: hsl((hue + 0.3 + layer * 0.04) % 1, 0.45, 0.42 - layer * 0.1),
  }));
  return encodePng(SIZE, SIZE, (x, y) => {
    for (let layer = hills.length - 1; layer >= 0; layer--) {
      const hill = hills[layer]!;
      if (y > hill.base + Math.sin(x * hill.frequency + hill.phase) * hill.amplitude) return hill.color;
    }
    if ((x - sun.x) ** 2 + (y - sun.y) ** 2 < sun.r ** 2) return sun.color;
    const t = y / SIZE;
    const mix = (c: 0 | 1 | 2) => Math.round(sky[0][c] * (1 - t) + sky[1][c] * t);
    return [mix(0), mix(1), mix(2)];
  });
}
