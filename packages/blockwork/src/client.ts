// `blockwork/client`: the programmatic client alone, for browsers and bundles that must not pull in the server.
export * from "@blockwork/client";
