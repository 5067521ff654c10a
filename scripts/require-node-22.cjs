// Lambda runs nodejs22.x and middy 7 requires Node >= 22, so tests and the local stack must run on
// 22 too, or they pass on a runtime nothing deploys to. The `node` devDependency puts Node 22 at
// node_modules/.bin/node, first on the PATH of npm scripts and npx; a bare `node x` or a shell
// without that PATH gets the machine's node, and this stops it before anything runs.
// CommonJS so jest.config.cjs can require it as well as local/start.ts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  throw new Error(
    `Node ${process.version} is running this, but the project needs Node >= 22 (what Lambda runs). ` +
      'Run it through npm scripts or npx, or use node_modules/.bin/node (installed by npm ci).',
  );
}
