// The development JSX transform's entry (`jsx: "react-jsxdev"`).
export { jsxDEV, Fragment, type JSX } from "@blockwork/core/jsx-dev-runtime";
