// Packages the VS Code extension (.vsix) from a staging folder, so that the extension gets its
// own manifest and README while package.json stays the npm package's:
// - package.json: `main` is the VS Code client (dist/client.js) instead of the library, and the
//   npm-only fields (exports, types, bin, files, scripts, devDependencies) are dropped;
// - README.md: vsix/README.md, written for the Marketplace (no developer set-up);
// - THIRD-PARTY-NOTICES.md: the licences of the packages in the bundles (scripts/build.mjs).
// Run after scripts/build.mjs (`npm run package`). Arguments are passed on to `vsce package`
// (e.g. --out <file>); the default output is groupnote-lint-<version>.vsix in the repository.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const { exports: _exports, types: _types, bin: _bin, files: _files, scripts: _scripts, devDependencies: _dev, overrides: _overrides, ...extension } = manifest;
extension.main = './dist/client.js';

const stage = mkdtempSync(join(tmpdir(), 'groupnote-lint-vsix-'));
try {
  for (const path of ['dist/client.js', 'dist/server.js', 'syntaxes', 'snippets', 'schemas', 'docs', 'images/icon.png', 'LICENSE', 'CHANGELOG.md']) {
    cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  cpSync(join(root, 'vsix/README.md'), join(stage, 'README.md'));
  cpSync(join(root, 'dist/THIRD-PARTY-NOTICES.md'), join(stage, 'THIRD-PARTY-NOTICES.md'));
  cpSync(join(root, '.vscodeignore'), join(stage, '.vscodeignore'));
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(extension, null, 2)}\n`);

  // --out is resolved from where the command was run, not from the staging folder
  const args = process.argv.slice(2);
  const out = args.indexOf('--out');
  if (out >= 0 && args[out + 1]) args[out + 1] = resolve(process.env.INIT_CWD ?? process.cwd(), args[out + 1]);
  else args.push('--out', join(root, `${manifest.name}-${manifest.version}.vsix`));
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', ...args], { cwd: stage, stdio: 'inherit' });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
