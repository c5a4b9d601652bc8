/**
 * `node --import tsx src/profile/top-frames.ts <file.cpuprofile> [count] [focus]`: the functions with the most
 * self time in a `--cpu-prof` profile (as `pnpm bench --cpu-prof DIR` writes for each server child), and the
 * share of samples whose stack passes through each Blockwork source file. With `focus` (part of a frame's
 * "function url:line" label), only samples whose stack passes through a matching frame count: where the time
 * under that function goes. Enough to see where the server's time goes without opening DevTools.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, countArg, focus] = process.argv.slice(2);
if (!file) throw new Error("usage: top-frames.ts <file.cpuprofile> [count] [focus]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (n: ProfileNode) => {
  const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|(?=packages\/))/, "");
  return `${n.callFrame.functionName || "(anonymous)"} ${url ? `${url}:${n.callFrame.lineNumber + 1}` : ""}`.trim();
};
const inFocus = (id: number) => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (label(byId.get(at)!).includes(focus!)) return true;
  return false;
};

const allUs = profile.timeDeltas.reduce((a, b) => a + b, 0);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (focus === undefined || inFocus(id)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
const selfByFrame = new Map<string, number>();
const inclusiveByFile = new Map<string, number>();
for (const [id, us] of selfUs) {
  selfByFrame.set(label(byId.get(id)!), (selfByFrame.get(label(byId.get(id)!)) ?? 0) + us);
  const files = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const url = byId.get(at)!.callFrame.url;
    const local = /\/(packages\/[^/]+\/src\/[^?]+)/.exec(url);
    if (local) files.add(local[1]!);
  }
  for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + us);
}

const pct = (us: number) => `${((us / totalUs) * 100).toFixed(1).padStart(5)} %`;
console.log(
  `${file}: ${(allUs / 1e6).toFixed(2)} s sampled` +
    (focus === undefined ? "" : `, ${(totalUs / 1e6).toFixed(2)} s (${((totalUs / allUs) * 100).toFixed(1)} %) under "${focus}"; shares below are of that`) +
    `\n\nself time:`,
);
for (const [frame, us] of [...selfByFrame].sort((a, b) => b[1] - a[1]).slice(0, Number(countArg ?? 25))) console.log(`${pct(us)}  ${frame}`);
console.log(`\ntime in stacks through Blockwork files (inclusive):`);
for (const [f, us] of [...inclusiveByFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(us)}  ${f}`);
