import { readFileSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { isTemplate, parseArgs, TEMPLATES, USAGE, type TemplateName } from "./parse-args.ts";
import { scaffold } from "./scaffold.ts";

const DEFAULT_DIR = "my-blockwork-app";

/** The `create-blockwork` command: resolves to the exit code. Asks only what is missing, and only on a TTY. */
export async function main(argv: readonly string[]): Promise<number> {
  const command = parseArgs(argv);
  if (command.kind === "help") {
    console.log(USAGE);
    return 0;
  }
  if (command.kind === "error") {
    console.error(`create-blockwork: ${command.message}\n\n${USAGE}`);
    return 2;
  }
  const ask = process.stdin.isTTY && process.stdout.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  try {
    const dir = command.dir ?? ((await ask?.question(`Project folder (${DEFAULT_DIR}): `))?.trim() || DEFAULT_DIR);
    const template = command.template ?? (ask ? await askTemplate((q) => ask.question(q)) : TEMPLATES[0]);
    scaffold({ dir, template, blockworkSpec: command.blockworkSpec ?? `^${ownVersion()}` });
    console.log(`Created ${dir} (template ${template}). Next:\n\n  cd ${dir}\n  npm install\n  npm run dev\n`);
    return 0;
  } catch (error) {
    console.error(`create-blockwork: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    ask?.close();
  }
}

async function askTemplate(question: (text: string) => Promise<string>): Promise<TemplateName> {
  for (;;) {
    const answer = (await question(`Template (${TEMPLATES.join(", ")}) [${TEMPLATES[0]}]: `)).trim() || TEMPLATES[0];
    if (isTemplate(answer)) return answer;
    console.log(`No template "${answer}".`);
  }
}

/** create-blockwork and blockwork are released together with one version number. */
function ownVersion(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}
