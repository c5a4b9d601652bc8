// Published manifests carry no workspace-only fields: the `@blockwork/*` packages that `blockwork` bundles are its
// devDependencies, and an install must never ask the registry for them; the build scripts need the workspace.
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies;
      delete pkg.scripts;
      return pkg;
    },
  },
};
