// A module hook for `blockwork run`: app files are TypeScript/TSX written as ES modules, but a folder without
// a package.json ("type": "module") would make Node and tsx treat them as CommonJS. Outside node_modules,
// load .ts/.tsx/.jsx files as ES modules.
const SOURCE = /\.(?:tsx?|jsx)$/;

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.startsWith("file:") && !result.url.includes("/node_modules/") && SOURCE.test(new URL(result.url).pathname)) {
    return { ...result, format: "module" };
  }
  return result;
}
