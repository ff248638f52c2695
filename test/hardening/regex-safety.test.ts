// Regular expressions are safe against catastrophic backtracking. Every regex of the engine is
// collected: literals from the source (engine/**/*.ts, read with the TypeScript parser) and
// patterns built at run time with new RegExp (recorded while the engine loads and lints the
// sample notes). A child process runs each one against long adversarial inputs (fragments that
// nearly match, repeated to 60,000 characters, or 1,000,000 in `npm run fuzz`); the parent names
// any pattern that makes no progress for a minute and stops the child. No timing is asserted
// beyond that generous watchdog.

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generatedNote, repoRoot, seedNotes } from './generators.js';
import fc from 'fast-check';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();

interface Collected {
  where: string;
  source: string;
  flags: string;
}

function engineFiles(dir = join(repoRoot, 'engine')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? engineFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Regex literals in the engine's source, with file and line. */
function literalRegexes(): Collected[] {
  const out: Collected[] = [];
  for (const file of engineFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isRegularExpressionLiteral(node)) {
        const text = node.text;
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        out.push({ where: `${relative(repoRoot, file)}:${line}`, source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** Patterns built with new RegExp(...) by engine code while it loads and lints notes. */
async function constructedRegexes(): Promise<Collected[]> {
  const out: Collected[] = [];
  const Original = globalThis.RegExp;
  const seen = new Set<string>();
  const record = (re: RegExp) => {
    if (seen.has(`${re.flags}/${re.source}`)) return;
    seen.add(`${re.flags}/${re.source}`);
    const stack = new Error().stack ?? '';
    const frame = stack.split('\n').find((l) => /[/\\]engine[/\\]/.test(l));
    if (frame) out.push({ where: `new RegExp at ${frame.trim().replace(/^at\s+/, '').replace(repoRoot, '')}`, source: re.source, flags: re.flags });
  };
  const Proxied = new Proxy(Original, {
    construct(target, args, newTarget) {
      const re = Reflect.construct(target, args, newTarget === Proxied ? target : newTarget) as RegExp;
      record(re);
      return re;
    },
    apply(target, thisArg, args) {
      const re = Reflect.apply(target, thisArg, args) as RegExp;
      record(re);
      return re;
    },
  });
  globalThis.RegExp = Proxied;
  try {
    const engine = await import('../../engine/index.js');
    const notes = [...seedNotes.filter((_, i) => i % 10 === 0), ...fc.sample(generatedNote, { seed: 7, numRuns: 40 }).map((n) => n.text)];
    for (const text of notes) {
      engine.lintText(text);
      engine.lintText(text, { forceGroupNote: true });
    }
  } finally {
    globalThis.RegExp = Original;
  }
  return out;
}

/** Distinct patterns; of those built per member or per field at one place, three (they differ only in the name or label). */
function unique(list: Collected[]): Collected[] {
  const seen = new Map<string, Collected>();
  const perSite = new Map<string, number>();
  for (const r of list) {
    if (seen.has(`${r.flags}/${r.source}`)) continue;
    const count = perSite.get(r.where) ?? 0;
    if (count >= 3) continue;
    perSite.set(r.where, count + 1);
    seen.set(`${r.flags}/${r.source}`, r);
  }
  return [...seen.values()];
}

/** Runs one child over every shards-th regex; resolves with the index of one that made no progress for stallMs. */
function runShard(regexes: Collected[], file: string, shard: number, shards: number, stallMs: number): Promise<{ stuck: number | null; fragment: string | null; finished: boolean; stderr: string; durations: Map<number, number> }> {
  const child = spawn(process.execPath, [join(repoRoot, 'test/hardening/regex-runner.cjs'), file, String(MAX_LENGTH), String(MAX_LENGTH), String(shard), String(shards)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let current: number | null = null;
  let fragment: string | null = null;
  let finished = false;
  let stderr = '';
  let last = Date.now();
  let pending = '';
  const durations = new Map<number, number>();
  child.stdout.on('data', (chunk: Buffer) => {
    last = Date.now();
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const [word, index, ...rest] = line.split(' ');
      if (word === 'start') current = Number(index);
      else if (word === 'input') fragment = JSON.parse(rest.join(' '));
      else if (word === 'done') {
        current = null;
        durations.set(Number(index), Number(rest[0]));
      } else if (line === 'all done') finished = true;
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (Date.now() - last > stallMs) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve({ stuck: current, fragment, finished: false, stderr, durations });
      }
    }, 500);
    child.on('exit', () => {
      clearInterval(timer);
      resolve({ stuck: null, fragment: null, finished, stderr, durations });
    });
  });
}

/**
 * Each fragment is repeated up to this many characters: 60,000 in the normal run, which finds
 * exponential patterns; `npm run fuzz` uses 1,000,000 (the largest note checked), where a pattern
 * that is quadratic on a run of near-matches also stops making progress and is named.
 */
const MAX_LENGTH = Number(process.env.GROUPNOTE_REGEX_MAX_LENGTH ?? 60_000);

function runAll(regexes: Collected[], stallMs: number) {
  const dir = tempDir('groupnote-regex-');
  const file = join(dir, 'regexes.json');
  writeFileSync(file, JSON.stringify(regexes));
  return Promise.all([0, 1].map((shard) => runShard(regexes, file, shard, 2, stallMs)));
}

// Collected once per test file: module-level patterns are built only when the engine first loads.
let collected: Promise<{ literals: Collected[]; constructed: Collected[] }> | null = null;
const collect = () => (collected ??= constructedRegexes().then((constructed) => ({ literals: literalRegexes(), constructed })));

describe('regular expressions against adversarial input', () => {
  it('collects the engine regexes: labels, evidence cues, goal references, names, disable comments, dates, phones', async () => {
    const { literals, constructed } = await collect();
    const all = unique([...literals, ...constructed]);
    // the families the engine relies on are all present
    const sources = all.map((r) => r.source).join('\n');
    for (const needle of ['groupnote-', 'goal|objective', 'respond', '\\d{3}\\)?', '@', 'participation']) expect(sources, needle).toContain(needle);
    expect(constructed.length).toBeGreaterThan(5);
    expect(all.length).toBeGreaterThan(100);
  }, 120_000);

  it('every engine regex finishes on long runs of near-matching fragments', async () => {
    const { literals, constructed } = await collect();
    const all = unique([...literals, ...constructed]);
    console.info(`[hardening] regex safety: ${all.length} distinct patterns`);
    // A pattern that produces no output for 120 s on one input is taken as catastrophic (a
    // backtracking blow-up runs for hours; 60 s was reached by plain patterns on a machine loaded
    // to a load average of 8, when the worker itself was starved).
    const results = await runAll(all, 120_000);
    // for the record (not asserted): the patterns that took longest
    const slowest = results.flatMap((r) => [...r.durations]).sort((a, b) => b[1] - a[1]).slice(0, 5);
    console.info(`[hardening] slowest patterns: ${slowest.map(([i, ms]) => `${all[i].where} ${ms} ms`).join('; ')}`);
    const stuck = results
      .filter((r) => r.stuck !== null)
      .map((r) => `${all[r.stuck!].where} /${all[r.stuck!].source}/${all[r.stuck!].flags} on ${JSON.stringify(r.fragment)} repeated`);
    expect(stuck).toEqual([]);
    expect(results.map((r) => r.stderr)).toEqual(['', '']);
    expect(results.map((r) => r.finished)).toEqual([true, true]);
  }, 1_800_000);
});
