// Cost of member-copy-paste's own Sørensen-Dice code against string-similarity (the reference it is
// property-tested against, test/rules/dice-reference.test.ts), on every pair of member sentences of
// the labelled corpus's notes: the pairs the rule really compares, once exactly and once with the
// rule's default threshold (0.8), where its early exit applies.
// Run: npx esbuild bench/dice-reference.ts --bundle --platform=node --outfile=/tmp/dice.cjs && node /tmp/dice.cjs
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import stringSimilarity from 'string-similarity';
import { parseNote } from '../engine/facts/note.js';
import { diceSimilarity } from '../engine/rules/member-copy-paste.js';
import { splitSentences } from '../engine/parse/text.js';

const files: string[] = [];
const walk = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.md') && !/^(?:README|SOURCES|RELABEL)\.md$/.test(name)) files.push(full);
  }
};
walk('test/corpus');
const pairs: [string, string][] = [];
for (const file of files) {
  const note = parseNote(readFileSync(file, 'utf8').replace(/\{[a-z-]+\}/g, ''), { forceGroupNote: true });
  const bySection = note.sections.map((s) => splitSentences(note.text, s.body.start, s.body.end).map((x) => x.text));
  for (let i = 0; i < bySection.length; i++) for (let j = i + 1; j < bySection.length; j++) for (const a of bySection[i]) for (const b of bySection[j]) pairs.push([a, b]);
}
const time = (label: string, f: (a: string, b: string) => number) => {
  let sink = 0;
  for (const [a, b] of pairs.slice(0, 2000)) sink += f(a, b); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (const [a, b] of pairs) sink += f(a, b);
    runs.push(performance.now() - t);
  }
  runs.sort((x, y) => x - y);
  process.stdout.write(`${label.padEnd(40)} median ${runs[2].toFixed(0)} ms for ${pairs.length} pairs (${((runs[2] * 1e6) / pairs.length).toFixed(0)} ns a pair)${sink < 0 ? '!' : ''}\n`);
};
time('string-similarity compareTwoStrings', (a, b) => stringSimilarity.compareTwoStrings(a, b));
time('own Dice, exact', (a, b) => diceSimilarity(a, b));
time('own Dice, threshold 0.8 (early exit)', (a, b) => diceSimilarity(a, b, 0.8));
