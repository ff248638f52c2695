// Bundles the client, server and CLI into single CommonJS files under dist/.
// unified and remark are ESM-only; bundling lets the CommonJS extension host load them.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // esbuild's table for Node lacks Unicode property escapes (\p{L}), so it would turn each such
  // regex literal into a new RegExp(...) built on every call; Node 20 supports them.
  supported: { 'regexp-unicode-property-escapes': true },
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['cli/groupnote-lint.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['scripts/accuracy.ts'], outfile: 'dist/accuracy.js' }),
]);
