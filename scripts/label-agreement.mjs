#!/usr/bin/env node
// How far two labellings of the same notes agree: per member section for the four section rules
// (counts of both / first only / second only, F1 of one against the other, Cohen's kappa), and per
// line for other-member-identifier. Usage: node scripts/label-agreement.mjs <folder A> <folder B>
// (the same file names in both). Reads markers only; prints counts, never note text.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SECTION_RULES = ['participation-missing', 'response-missing', 'treatment-plan-link-missing', 'member-copy-paste'];

function read(path) {
  const sections = new Map();
  const identifierLines = new Map();
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, index) => {
    const heading = /^#{2,3} .*\(([^)]+)\)/.exec(line);
    if (heading) sections.set(heading[1], new Set(SECTION_RULES.filter((rule) => line.includes(`{${rule}}`))));
    const count = line.split('{other-member-identifier}').length - 1;
    if (count) identifierLines.set(index + 1, count);
  });
  return { sections, identifierLines };
}

const [first, second] = process.argv.slice(2);
if (!first || !second) {
  console.error('usage: node scripts/label-agreement.mjs <folder A> <folder B>');
  process.exit(2);
}
const totals = Object.fromEntries(SECTION_RULES.map((rule) => [rule, { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 }]));
const lines = { both: 0, firstOnly: 0, secondOnly: 0 };
let sectionsSeen = 0;
let sectionsAlike = 0;
for (const file of readdirSync(first).filter((f) => f.endsWith('.md')).sort()) {
  const a = read(join(first, file));
  const b = read(join(second, file));
  for (const [id, rulesA] of a.sections) {
    const rulesB = b.sections.get(id) ?? new Set();
    sectionsSeen++;
    if (SECTION_RULES.every((rule) => rulesA.has(rule) === rulesB.has(rule))) sectionsAlike++;
    for (const rule of SECTION_RULES) {
      const t = totals[rule];
      if (rulesA.has(rule) && rulesB.has(rule)) t.both++;
      else if (rulesA.has(rule)) t.firstOnly++;
      else if (rulesB.has(rule)) t.secondOnly++;
      else t.neither++;
    }
  }
  for (const lineNumber of new Set([...a.identifierLines.keys(), ...b.identifierLines.keys()])) {
    const x = a.identifierLines.get(lineNumber) ?? 0;
    const y = b.identifierLines.get(lineNumber) ?? 0;
    lines.both += Math.min(x, y);
    lines.firstOnly += Math.max(0, x - y);
    lines.secondOnly += Math.max(0, y - x);
  }
}
const fixed = (n) => n.toFixed(3);
console.log(`member sections: ${sectionsSeen}, labelled alike on every section rule: ${sectionsAlike}`);
for (const rule of SECTION_RULES) {
  const { both, firstOnly, secondOnly, neither } = totals[rule];
  const n = both + firstOnly + secondOnly + neither;
  const agreed = (both + neither) / n;
  const chance = ((both + firstOnly) / n) * ((both + secondOnly) / n) + ((neither + secondOnly) / n) * ((neither + firstOnly) / n);
  const kappa = chance < 1 ? (agreed - chance) / (1 - chance) : 1;
  const f1 = both + firstOnly + secondOnly === 0 ? 1 : (2 * both) / (2 * both + firstOnly + secondOnly);
  console.log(`${rule.padEnd(28)} both ${String(both).padStart(3)}  first only ${String(firstOnly).padStart(3)}  second only ${String(secondOnly).padStart(3)}  F1 ${fixed(f1)}  kappa ${fixed(kappa)}`);
}
console.log(`other-member-identifier lines: both ${lines.both}, first only ${lines.firstOnly}, second only ${lines.secondOnly}`);
