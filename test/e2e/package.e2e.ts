// The packaged extension (npm run package, done by global-setup.ts): what the .vsix holds, what it
// must not hold, and its size. A .vsix is a zip; Debian's unzip lists and reads it.

import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, vsixPath } from './paths.js';

interface Entry {
  name: string;
  size: number;
}

/** `unzip -l`: "  Length  Date  Time  Name" rows between two dashed lines. */
function entries(): Entry[] {
  const listing = execFileSync('unzip', ['-l', vsixPath], { encoding: 'utf8' });
  return listing
    .split('\n')
    .map((line) => /^\s*(\d+)\s+\S+\s+\S+\s+(\S.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !/^\d+ files?$/.test(m[2]))
    .map((m) => ({ name: m[2], size: Number(m[1]) }));
}

const read = (name: string) => execFileSync('unzip', ['-p', vsixPath, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const ruleIds = Object.keys(manifest.contributes.configuration.properties['groupnoteLint.rules'].properties) as string[];

describe('the .vsix from npm run package', () => {
  const files = entries();
  const names = files.map((e) => e.name);
  const inside = names.filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));

  it('holds the bundles, grammar, snippets, schema, rule docs, manifest, README, changelog, icon, license and notices', () => {
    expect(names).toContain('extension.vsixmanifest');
    for (const file of [
      'package.json',
      'readme.md',
      'changelog.md',
      'images/icon.png',
      'THIRD-PARTY-NOTICES.md',
      'LICENSE.txt',
      'dist/client.js',
      'dist/server.js',
      'syntaxes/groupnote.injection.tmLanguage.json',
      'snippets/groupnote.code-snippets',
      'schemas/groupnoterc.schema.json',
      'docs/note-format.md',
      'docs/configuration.md',
      'docs/disable-comments.md',
      ...ruleIds.map((id) => `docs/rules/${id}.md`),
    ]) {
      expect(inside, file).toContain(file);
    }
    expect(ruleIds.length).toBeGreaterThanOrEqual(7);
  });

  it('has the extension\'s own manifest: the client as main, no npm-only fields, Marketplace fields and capabilities', () => {
    const packaged = JSON.parse(read('extension/package.json'));
    expect(manifest.main).toBe('./dist/lib/index.js'); // the npm package's main is the library
    expect(packaged.main).toBe('./dist/client.js');
    for (const npmOnly of ['exports', 'types', 'bin', 'files', 'scripts', 'devDependencies']) expect(packaged, npmOnly).not.toHaveProperty(npmOnly);
    for (const field of ['repository', 'homepage', 'bugs', 'icon', 'license']) expect(packaged[field], field).toEqual(manifest[field]);
    expect(packaged.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(packaged.capabilities.virtualWorkspaces.supported).toBe(false);
    // the Marketplace README, not the developers' one
    const readme = read('extension/readme.md');
    expect(readme).toBe(readFileSync(join(repoRoot, 'vsix/README.md'), 'utf8'));
    expect(readme).not.toMatch(/npm ci|npm test|vitest/);
    // the notices name every package bundled (scripts/build.mjs lists them from esbuild's metafile)
    const notices = read('extension/THIRD-PARTY-NOTICES.md');
    for (const name of ['vscode-languageclient', 'vscode-languageserver', 'yaml', 'micromark']) expect(notices).toMatch(new RegExp(`^## ${name} `, 'm'));
  });

  it('holds every file the manifest points at', () => {
    const packaged = JSON.parse(read('extension/package.json'));
    expect(packaged.name).toBe(manifest.name);
    expect(packaged.version).toBe(manifest.version);
    expect(packaged.contributes).toEqual(manifest.contributes);
    const pointed = [
      packaged.main,
      packaged.icon,
      ...packaged.contributes.grammars.map((g: { path: string }) => g.path),
      ...packaged.contributes.snippets.map((s: { path: string }) => s.path),
      ...packaged.contributes.jsonValidation.map((j: { url: string }) => j.url),
    ].map((p: string) => p.replace(/^\.\//, ''));
    for (const p of pointed) expect(inside, p).toContain(p);
  });

  it('holds nothing else: no sources, tests, fixtures, samples, node_modules or source maps', () => {
    const allowed = [
      /^package\.json$/,
      /^readme\.md$/,
      /^changelog\.md$/,
      /^THIRD-PARTY-NOTICES\.md$/,
      /^images\/icon\.png$/,
      /^LICENSE\.txt$/,
      /^dist\/(client|server)\.js$/,
      /^syntaxes\/[\w.-]+\.tmLanguage\.json$/,
      /^snippets\/[\w.-]+\.code-snippets$/,
      /^schemas\/[\w.-]+\.schema\.json$/,
      /^docs\/([\w-]+\/)?[\w.-]+\.md$/,
    ];
    expect(inside.filter((n) => !allowed.some((re) => re.test(n)))).toEqual([]);
    // the same, said directly, so a loosened allow-list still cannot let these in
    expect(inside.filter((n) => /^(test|engine|server|client|cli|samples|scripts|node_modules|test-output|\.e2e-cache)\//.test(n))).toEqual([]);
    expect(inside.filter((n) => /\.(ts|map|vsix)$/.test(n) || n.includes('node_modules/'))).toEqual([]);
  });

  it('ships bundles that need nothing from node_modules (vsce runs with --no-dependencies)', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const [bundle, alsoAllowed] of [
      ['extension/dist/client.js', ['vscode']],
      ['extension/dist/server.js', []],
    ] as const) {
      const required = [...read(bundle).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      expect(required.length, bundle).toBeGreaterThan(0); // the pattern still matches esbuild's output
      const external = [...new Set(required)].filter((m) => !builtins.has(m) && !(alsoAllowed as readonly string[]).includes(m));
      expect(external, bundle).toEqual([]);
    }
  });

  it('is small', () => {
    // Today: about 480 KB packed, 2.5 MB unpacked in about 50 files, nearly all of it the two
    // unminified bundles (vscode-languageclient, vscode-languageserver, unified/remark, yaml). The
    // bounds leave room for the code to grow about 2x and for a doc page per rule, and still fail
    // at once if node_modules (thousands of files, tens of MB), the test corpus or the source maps
    // (4 MB) got in.
    const packed = statSync(vsixPath).size;
    const unpacked = files.reduce((sum, e) => sum + e.size, 0);
    expect(packed).toBeLessThan(1024 * 1024);
    expect(unpacked).toBeLessThan(5 * 1024 * 1024);
    expect(files.length).toBeLessThan(200);
  });
});
