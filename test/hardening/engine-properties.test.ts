// Property-based tests of the engine over generated and mutated notes: lintText never throws,
// every range lies inside the document with start <= end, offsets and line/column agree (CRLF,
// CR, a BOM, tabs, astral-plane characters and combining accents), and findings are
// deterministic. `npm test` runs a few hundred cases; `npm run fuzz` runs 100,000 or more
// (GROUPNOTE_FUZZ_RUNS). The seed is fixed and printed; replay a failure with
// GROUPNOTE_FUZZ_SEED=<seed> GROUPNOTE_FUZZ_PATH=<path from the report>.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText, type Finding, type LintOptions, type LintResult } from '../../engine/index.js';
import { document, fuzzSettings, generatedNote, isFuzzRun, lineStarts, lintOptions, positionOf, sampleFiles, seedNotes, splitsSurrogatePair, yieldToEventLoop } from './generators.js';

interface Range {
  startOffset: number;
  endOffset: number;
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Every way a range can be wrong, as readable strings (empty when the range is right). */
function rangeProblems(text: string, starts: number[], r: Range, what: string): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(r.startOffset) || !Number.isInteger(r.endOffset)) problems.push(`${what}: offsets are not integers`);
  if (r.startOffset < 0 || r.endOffset > text.length) problems.push(`${what}: offsets ${r.startOffset}-${r.endOffset} outside 0-${text.length}`);
  if (r.startOffset > r.endOffset) problems.push(`${what}: start offset ${r.startOffset} after end ${r.endOffset}`);
  const start = positionOf(text, starts, r.startOffset);
  const end = positionOf(text, starts, r.endOffset);
  if (r.start.line !== start.line || r.start.character !== start.character) problems.push(`${what}: start ${JSON.stringify(r.start)} but offset ${r.startOffset} is ${JSON.stringify(start)}`);
  if (r.end.line !== end.line || r.end.character !== end.character) problems.push(`${what}: end ${JSON.stringify(r.end)} but offset ${r.endOffset} is ${JSON.stringify(end)}`);
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) problems.push(`${what}: start position after end`);
  if (splitsSurrogatePair(text, r.startOffset) || splitsSurrogatePair(text, r.endOffset)) problems.push(`${what}: range splits a surrogate pair`);
  return problems;
}

function checkResult(text: string, result: LintResult): string[] {
  const starts = lineStarts(text);
  const problems: string[] = [];
  const all: Finding[] = [...result.findings, ...result.suppressed.map((s) => s.finding)];
  if (!result.isGroupNote && all.length > 0) problems.push('findings on a note that is not a group note');
  for (const f of all) {
    if (typeof f.message !== 'string' || f.message.length === 0) problems.push(`${f.ruleId}: empty message`);
    if (!['error', 'warning', 'info'].includes(f.severity)) problems.push(`${f.ruleId}: severity ${String(f.severity)}`);
    problems.push(...rangeProblems(text, starts, f, f.ruleId));
    for (const r of f.related) problems.push(...rangeProblems(text, starts, r, `${f.ruleId} related`));
  }
  return problems;
}

/** Findings without the note model, for comparing two runs. */
const snapshot = (r: LintResult) => JSON.stringify({ g: r.isGroupNote, f: r.findings, s: r.suppressed });

// A stopped clock for runs that are compared: on a busy machine the time budget could stop one
// run and not the other (test/hardening/time-budget.test.ts tests the budget with its own clock).
const STOPPED_CLOCK: LintOptions = { now: () => 0 };

function lintChecked(text: string, given: LintOptions): void {
  const options: LintOptions = { ...given, ...STOPPED_CLOCK };
  let first: LintResult;
  try {
    first = lintText(text, options);
  } catch (error) {
    throw new Error(`lintText threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  const problems = checkResult(text, first);
  if (problems.length) throw new Error(problems.slice(0, 5).join('\n'));
  const second = lintText(text, options);
  if (snapshot(first) !== snapshot(second)) throw new Error('findings differ between two runs on the same text');
}

const settings = fuzzSettings(250);
// fast-check budget: about 60 ms per case is far more than the engine needs on these notes.
const timeout = 120_000 + settings.numRuns * 60;

describe('engine properties (fast-check)', () => {
  it(`holds for generated and mutated notes (seed ${settings.seed}, ${settings.numRuns} runs)`, async () => {
    console.info(`[hardening] engine properties: seed ${settings.seed}, ${settings.numRuns} runs${settings.path ? `, path ${settings.path}` : ''}`);
    await fc.assert(
      fc.asyncProperty(document, lintOptions, async (text, options) => {
        await yieldToEventLoop();
        lintChecked(text, options);
      }),
      { seed: settings.seed, numRuns: settings.numRuns, path: settings.path, endOnFailure: true },
    );
  }, timeout);

  it(`holds for generated notes, unmutated (seed ${settings.seed + 1})`, async () => {
    const runs = Math.max(50, Math.floor(settings.numRuns / 5));
    await fc.assert(
      fc.asyncProperty(generatedNote, fc.boolean(), async (note, forceGroupNote) => {
        await yieldToEventLoop();
        lintChecked(note.text, { forceGroupNote });
      }),
      { seed: settings.seed + 1, numRuns: runs, endOnFailure: true },
    );
  }, timeout);

  // The samples and every eighth corpus note in `npm test`; all of them in `npm run fuzz`.
  const seeds = isFuzzRun() ? seedNotes : seedNotes.filter((_, i) => i < sampleFiles.length || i % 8 === 0);

  it('every seed note (samples and corpus) passes, with LF, CRLF, CR, a BOM and tabs', () => {
    for (const text of seeds) {
      for (const variant of [text, text.replace(/\r?\n/g, '\r\n'), text.replace(/\r?\n/g, '\r'), `\ufeff${text}`, text.replace(/^ {2}/gm, '\t'), text.normalize('NFD')]) {
        lintChecked(variant, {});
      }
    }
  }, 300_000);

  it('reports the same findings at the same places whatever the line endings, BOM or Unicode form', () => {
    // A CRLF note has the same lines and columns as its LF twin (line breaks are not columns).
    for (const text of seeds) {
      const lf = lintText(text, STOPPED_CLOCK).findings.map((f) => `${f.ruleId}@${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`);
      const crlf = lintText(text.replace(/\n/g, '\r\n'), STOPPED_CLOCK).findings.map((f) => `${f.ruleId}@${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`);
      const cr = lintText(text.replace(/\n/g, '\r'), STOPPED_CLOCK).findings.map((f) => `${f.ruleId}@${f.start.line}:${f.start.character}-${f.end.line}:${f.end.character}`);
      expect(crlf).toEqual(lf);
      expect(cr).toEqual(lf);
      // a BOM is not a column: positions after it on line 0 shift by one code unit at most
      const bom = lintText(`\ufeff${text}`, STOPPED_CLOCK).findings.map((f) => `${f.ruleId}@${f.start.line}`);
      expect(bom).toEqual(lf.map((s) => s.replace(/:\d+-.*$/, '')));
    }
  }, 300_000);

  it('points at the right UTF-16 columns after astral-plane letters and combining accents', () => {
    // Names before the leak on the same line shift its column by their UTF-16 length.
    const roster = (a: string, b: string) => `---\nnote: group-psychotherapy\nmembers:\n  - {id: "1001", name: ${JSON.stringify(a)}}\n  - {id: "1002", name: ${JSON.stringify(b)}}\n---\n\n`;
    for (const [a, b] of [
      ['𝐀da Lovelace', 'Ben Cole'],
      ['Jose\u0301 Nun\u0303ez', 'Ben Cole'],
      ['𠀋𠁁 Chen', 'Zoë Åkesson'],
      ['Ana Silva', '𐐷𐐨 Deseret'],
    ]) {
      const prefix = `## ${a}\n\n${a} 😀 argued with `;
      const text = `${roster(a, b)}${prefix}${b} about rent.\n\n## ${b}\n\nRated distress 8/10 then 4/10 after. Goal 1.1.\n`;
      const leak = lintText(text).findings.find((f) => f.ruleId === 'other-member-identifier');
      expect(leak, `${a} / ${b}`).toBeDefined();
      expect(text.slice(leak!.startOffset, leak!.endOffset)).toBe(b);
      const line = text.split('\n')[leak!.start.line];
      expect(line.slice(leak!.start.character, leak!.end.character)).toBe(b);
    }
  });
});
