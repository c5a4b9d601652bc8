// `"jsxImportSource": "blockwork"` makes TypeScript and tsx import JSX from here.
export { jsx, jsxs, Fragment, type JSX } from "@blockwork/core/jsx-runtime";
