#!/usr/bin/env node
// Installs what the end-to-end tests (test/e2e/) need, idempotently; fast when all is there.
//
// - Debian packages: chromium (driven by playwright-core), neovim (0.7, the Neovim test),
//   ripgrep (seeds code-server's ripgrep download), unzip (the .vsix test), and for code-server's
//   native modules python3, make, g++ and libkrb5-dev. Installed with apt-get when missing and
//   running as root; otherwise the script names them and fails.
// - code-server (real VS Code, from the npm registry) into .e2e-cache/ (git-ignored, inside the
//   repo: nothing is cached elsewhere), offline-safe: its @vscode/ripgrep postinstall would
//   download ripgrep from GitHub, so its cache is pre-seeded with Debian's rg, and node-gyp builds
//   against this Node's own headers (npm_config_nodedir) instead of downloading them.
//
// Writes .e2e-cache/env.json (paths the tests use). Usage: node scripts/e2e-setup.mjs

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CODE_SERVER_VERSION = '4.100.3';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, '.e2e-cache');
const prefix = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const packageDir = join(prefix, 'node_modules', 'code-server');
const codeServerEntry = join(packageDir, 'out', 'node', 'entry.js');
const marker = join(prefix, '.installed');

const started = Date.now();
const log = (message) => console.log(`[e2e-setup] ${message}`);

// --- Debian packages --------------------------------------------------------------------------
/** package -> a file that proves it is installed */
const debianPackages = {
  chromium: '/usr/bin/chromium',
  neovim: '/usr/bin/nvim',
  ripgrep: '/usr/bin/rg',
  unzip: '/usr/bin/unzip',
  'libkrb5-dev': '/usr/include/krb5.h',
};
/** tools code-server's build needs; any install of them on PATH will do */
const buildTools = { python3: 'python3', make: 'make', 'g++': 'g++' };

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = [
  ...Object.entries(debianPackages).filter(([, file]) => !existsSync(file)).map(([name]) => name),
  ...Object.entries(buildTools).filter(([, command]) => !onPath(command)).map(([name]) => name),
];
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`[e2e-setup] missing Debian packages: ${missing.join(' ')}\n  install them with: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'inherit', 'inherit'], env });
}

// --- code-server ------------------------------------------------------------------------------
function installed() {
  if (!existsSync(marker) || !existsSync(codeServerEntry)) return false;
  return readFileSync(marker, 'utf8').trim() === `${CODE_SERVER_VERSION} node-${process.versions.modules}`;
}

if (!installed()) {
  log(`installing code-server@${CODE_SERVER_VERSION} into ${prefix} (a few minutes the first time)`);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), JSON.stringify({ private: true, description: 'code-server for groupnote-lint end-to-end tests' }, null, 2) + '\n');

  // node-gyp must build against this Node's headers, not download them
  const nodePrefix = dirname(dirname(process.execPath));
  if (!existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) {
    console.error(`[e2e-setup] Node's headers are not at ${nodePrefix}/include/node; code-server's native modules cannot be built offline`);
    process.exit(1);
  }
  // @vscode/ripgrep looks for its download in $TMPDIR/vscode-ripgrep-cache-<version>/: keep that
  // folder inside the cache dir.
  const tmp = join(cacheDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_nodedir: nodePrefix,
    npm_config_unsafe_perm: 'true',
    // node-pty's postinstall runs `npx node-gyp`: let npx fetch it from the registry without asking
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = (args) => {
    const result = spawnSync('npm', args, { cwd: prefix, env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) {
      console.error(`[e2e-setup] npm ${args.join(' ')} failed (exit ${result.status})`);
      process.exit(1);
    }
  };

  // 1. the package itself, without its postinstall (which installs VS Code's own dependencies)
  npm(['install', '--ignore-scripts', '--no-save', '--omit=dev', `code-server@${CODE_SERVER_VERSION}`]);

  // 2. seed @vscode/ripgrep's download cache with Debian's rg, at the version code-server pins
  const shrinkwrap = JSON.parse(readFileSync(join(packageDir, 'lib', 'vscode', 'npm-shrinkwrap.json'), 'utf8'));
  const ripgrepVersion = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!ripgrepVersion) {
    console.error('[e2e-setup] @vscode/ripgrep not found in code-server\'s lib/vscode/npm-shrinkwrap.json');
    process.exit(1);
  }
  const ripgrepTarget = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
  if (!ripgrepTarget) {
    console.error(`[e2e-setup] no ripgrep target for ${process.arch}`);
    process.exit(1);
  }
  const ripgrepCache = join(tmp, `vscode-ripgrep-cache-${ripgrepVersion}`);
  mkdirSync(ripgrepCache, { recursive: true });
  // the asset name embeds the ripgrep release that version downloads (VERSION in its postinstall)
  execFileSync('npm', ['pack', '--silent', `@vscode/ripgrep@${ripgrepVersion}`], { cwd: tmp, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const ripgrepTarball = join(tmp, `vscode-ripgrep-${ripgrepVersion}.tgz`);
  const ripgrepPostinstall = execFileSync('tar', ['xzOf', ripgrepTarball, 'package/lib/postinstall.js'], { encoding: 'utf8' });
  rmSync(ripgrepTarball);
  const ripgrepRelease = /const VERSION = '([^']+)'/.exec(ripgrepPostinstall)?.[1];
  if (!ripgrepRelease) {
    console.error(`[e2e-setup] no ripgrep release in @vscode/ripgrep@${ripgrepVersion}`);
    process.exit(1);
  }
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['czf', join(ripgrepCache, `ripgrep-${ripgrepRelease}-${ripgrepTarget}.tar.gz`), '-C', dirname(rg), 'rg']);
  log(`seeded @vscode/ripgrep@${ripgrepVersion} (${ripgrepRelease}) with ${rg}`);

  // 3. install scripts: argon2's native build, and code-server's postinstall (npm install in
  //    lib/vscode and lib/vscode/extensions)
  npm(['rebuild', '--foreground-scripts']);

  if (!existsSync(join(packageDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'))) {
    console.error('[e2e-setup] code-server installed without ripgrep');
    process.exit(1);
  }
  writeFileSync(marker, `${CODE_SERVER_VERSION} node-${process.versions.modules}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

writeFileSync(
  join(cacheDir, 'env.json'),
  JSON.stringify({ codeServerVersion: CODE_SERVER_VERSION, codeServerEntry, chromium: debianPackages.chromium, nvim: debianPackages.neovim }, null, 2) + '\n',
);
log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
