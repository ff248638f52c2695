// The parse budget (engine/parse/parse-budget.ts, issue 23): a note whose Markdown would make the parser
// run for seconds to minutes (lists and quotes nested in each other on many lines, or tens of
// thousands of lines) is read and checked up to the last line within the budget, and says so with
// a frontmatter-invalid finding. Nothing here asserts a time: the tests check the finding and that
// the work charged never passes the budget (the time it stands for is measured by hand, see
// docs/robustness.md). `npm run fuzz` runs the nesting family with runs of up to 3,000 lines (200
// in the normal suite).

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../engine/index.js';
import { chunkStarts, parseWhole, parseWork, topLevelBlocks, UNPARSED } from '../../engine/parse/blocks.js';
import { PARSE_BUDGET, parseCost } from '../../engine/parse/parse-budget.js';
import { fuzzSettings, generatedNote, isFuzzRun, lineStarts, nestingNote, repoRoot, seedNotes, yieldToEventLoop } from './generators.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();

const settings = fuzzSettings(30);
// each case parses up to the budget several times: a fuzz run takes one case per 500 of its count
const runs = isFuzzRun() ? Math.max(30, Math.floor(settings.numRuns / 500)) : settings.numRuns;
const FRONTMATTER = '---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\nmembers: [Ana Silva, Ben Cole]\n---\n\n';
/** Ana's section holds `lines` lines nested `levels` deep; Ben's section follows. */
const nestedNote = (levels: number, lines: number, unit = '> - ') => `${FRONTMATTER}## Ana Silva\n\n${`${unit.repeat(levels)}x\n`.repeat(lines)}\n## Ben Cole\n\nTalked about work. Goal 1.1.\n`;
const TOO_COMPLEX = /^The note's Markdown is too complex to read in full .*It was read and checked up to line (\d+);/;

function cutFinding(text: string) {
  const result = lintText(text);
  const findings = result.findings.filter((f) => f.ruleId === 'frontmatter-invalid' && TOO_COMPLEX.test(f.message));
  return { result, findings };
}

describe('parse budget', () => {
  it('reads 16 levels of `> - ` on 1,000 lines up to the budget, and says where it stopped', () => {
    const text = nestedNote(16, 1000);
    const { result, findings } = cutFinding(text);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    const line = Number(TOO_COMPLEX.exec(finding.message)![1]);
    expect(finding.start.line + 1).toBe(line);
    expect(finding.severity).toBe('error');
    // cut at a line start inside Ana's nested lines, after a few hundred of them at most
    const from = result.note.unparsedFrom!;
    expect(lineStarts(text)).toContain(from);
    const firstNested = text.indexOf('> - ');
    expect(from).toBeGreaterThan(firstNested);
    expect(text.slice(firstNested, from).split('\n').length).toBeLessThan(400);
    expect(parseWork.last).toBeLessThanOrEqual(PARSE_BUDGET);
    // Ben's heading lies past the cut: nothing there is checked (no section, no shared text)
    expect(result.note.sections.map((s) => s.member.name)).toEqual(['Ana Silva']);
    for (const span of [...result.note.sections, ...result.note.shared]) expect(span.end).toBeLessThanOrEqual(from);
    expect(result.findings.filter((f) => f.startOffset > from)).toEqual([]);
  });

  it('the CLI reports the cut-off as a finding, not a failure (exit 1, the other findings printed)', () => {
    const file = join(tempDir('groupnote-nested-'), 'nested.md');
    writeFileSync(file, nestedNote(16, 2000));
    const run = spawnSync(process.execPath, [join(repoRoot, 'bin/groupnote-lint.js'), '--format', 'json', file], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const findings = JSON.parse(run.stdout) as { ruleId: string; message: string }[];
    expect(findings.filter((f) => f.ruleId === 'frontmatter-invalid' && TOO_COMPLEX.test(f.message))).toHaveLength(1);
    expect(findings.length).toBeGreaterThan(1);
  });

  it('cuts the other nestings that grow with the square of the lines (`- - `, `- > `, `1. > `, indented items)', () => {
    for (const text of [nestedNote(2, 4000, '- '), nestedNote(1, 4000, '- > '), nestedNote(2, 3000, '1. > '), `${FRONTMATTER}## Ana Silva\n\n${'- a\n  - b\n'.repeat(4000)}`]) {
      expect(cutFinding(text).findings).toHaveLength(1);
      expect(parseWork.last).toBeLessThanOrEqual(PARSE_BUDGET);
    }
  });

  it('shares one budget among the heading chunks of a note', () => {
    // each section alone is well within the budget; all of them are not
    const section = (i: number) => `## Ana Silva ${i}\n\n${'- - x\n'.repeat(60)}\n`;
    const text = FRONTMATTER + Array.from({ length: 300 }, (_, i) => section(i)).join('');
    expect(chunkStarts(text)!.starts.length).toBeGreaterThan(300);
    expect(parseCost(section(0)).cost).toBeLessThan(PARSE_BUDGET / 10);
    const { findings } = cutFinding(text);
    expect(findings).toHaveLength(1);
    expect(parseWork.last).toBeLessThanOrEqual(PARSE_BUDGET);
  });

  it('cuts a megabyte of short paragraphs that the parser must read whole (a code fence)', () => {
    const text = `${FRONTMATTER}## Ana Silva\n\n\`\`\`\ncode\n\`\`\`\n\n${'xx\n\n'.repeat(240_000)}`;
    expect(chunkStarts(text)).toBeNull();
    expect(cutFinding(text).findings).toHaveLength(1);
    expect(parseWork.last).toBeLessThanOrEqual(PARSE_BUDGET);
  });

  it('leaves ordinary notes far inside the budget: every sample and corpus note, and generated notes', () => {
    for (const text of seedNotes) {
      expect(parseCost(text).cost).toBeLessThan(PARSE_BUDGET / 10);
      expect(topLevelBlocks(text).at(-1)?.type).not.toBe(UNPARSED);
    }
    fc.assert(
      fc.property(generatedNote, ({ text }) => {
        expect(parseCost(text).cost).toBeLessThan(PARSE_BUDGET / 10);
      }),
      { seed: settings.seed, numRuns: 200 },
    );
  });

  it('counts what nests as the parser does: `> - x` and `> > x` lines are not nested items', () => {
    // measured linear (docs/robustness.md), so they cost their lines and markers only
    expect(parseCost('> - x\n'.repeat(1000)).cost).toBe(4000);
    expect(parseCost('> > x\n'.repeat(1000)).cost).toBe(4000);
    expect(parseCost('- > x\n'.repeat(1000)).cost).toBeGreaterThan(20_000);
    expect(parseCost('- x\n  - y\n'.repeat(1000)).cost).toBeGreaterThan(6000 + 20_000);
  });
});

describe('nesting family (fast-check)', () => {
  const maxRepeat = isFuzzRun() ? 3000 : 200;
  it(`never passes the budget, cuts at a line start with a finding, and otherwise reads as a whole parse does (seed ${settings.seed}, ${runs} runs)`, async () => {
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(nestingNote(maxRepeat), async (text) => {
        await yieldToEventLoop();
        const blocks = topLevelBlocks(text);
        expect(parseWork.last).toBeLessThanOrEqual(PARSE_BUDGET);
        const last = blocks.at(-1);
        const { result, findings } = cutFinding(text);
        for (const f of result.findings) expect(f.endOffset).toBeLessThanOrEqual(text.length);
        if (last?.type === UNPARSED) {
          cut++;
          expect(lineStarts(text)).toContain(last.start);
          expect(last.end).toBe(text.length);
          for (const b of blocks.slice(0, -1)) expect(b.end).toBeLessThanOrEqual(last.start);
          expect(result.note.unparsedFrom).toBe(last.start);
          expect(findings).toHaveLength(1);
        } else {
          expect(findings).toEqual([]);
          if (parseCost(text, PARSE_BUDGET).cutAt < 0) expect(blocks).toEqual(parseWhole(text));
        }
      }),
      { seed: settings.seed, numRuns: runs, path: settings.path, endOnFailure: true },
    );
    // some cases must pass the budget, or the property says little about cutting
    expect(cut).toBeGreaterThan(0);
  }, 300_000 + runs * 2000);
});
