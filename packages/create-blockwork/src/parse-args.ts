import { parseArgs as parseNodeArgs } from "node:util";

/** The templates under `templates/`, the first being the default. */
export const TEMPLATES = ["queue", "chat"] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** A parsed command line; `undefined` fields are asked for on a TTY and defaulted otherwise. */
export type Command =
  | { readonly kind: "create"; readonly dir: string | undefined; readonly template: TemplateName | undefined; readonly blockworkSpec: string | undefined }
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string };

export const USAGE = `Usage: npm create blockwork@latest [dir] -- [--template ${TEMPLATES.join("|")}] [--blockwork <spec>]

  dir          the new project's folder (asked for on a terminal; default my-blockwork-app)
  --template   the starting app: ${TEMPLATES.join(", ")} (default ${TEMPLATES[0]})
  --blockwork  the dependency spec written for blockwork, e.g. file:../blockwork-0.1.0.tgz
               (default: this version of create-blockwork's, ^<version>)`;

export function parseArgs(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseNodeArgs({
      args: [...argv],
      allowPositionals: true,
      options: { template: { type: "string", short: "t" }, blockwork: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (positionals.length > 1) return { kind: "error", message: `unexpected argument ${positionals[1]}` };
  const template = values.template;
  if (template !== undefined && !isTemplate(template)) {
    return { kind: "error", message: `unknown template "${template}"; choose one of ${TEMPLATES.join(", ")}` };
  }
  return { kind: "create", dir: positionals[0], template, blockworkSpec: values.blockwork };
}

export function isTemplate(name: string): name is TemplateName {
  return (TEMPLATES as readonly string[]).includes(name);
}
