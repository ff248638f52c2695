// The --cache file's encoding of findings and index summaries (cli/cache-codec.ts): what a warm run
// decodes must equal what a cold run computed, and a damaged record must read as damaged (null),
// never throw or come back half-read.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFindings, decodeSummary, encodeFindings, encodeSummary, type CachedFinding, type FindingMaker } from '../cli/cache-codec.js';
import { lintText } from '../engine/index.js';
import type { Position } from '../engine/parse/text.js';
import { summarize, type NoteSummary } from '../engine/workspace/summary.js';
// @ts-expect-error: a plain ES module without types
import { generateNotes } from '../bench/generate.mjs';

const root = join(__dirname, '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

/** Group notes, individual notes and treatment plans: written by hand and generated. */
const texts: string[] = [
  ...markdownFiles(join(root, 'test/corpus')).map((f) => readFileSync(f, 'utf8')),
  ...markdownFiles(join(root, 'test/fixtures/workspace')).map((f) => readFileSync(f, 'utf8')),
  ...[...(generateNotes({ seed: 5, notes: 300 }) as Iterable<{ text: string }>)].map((f) => f.text),
];

const freshPosition = (line: number, character: number): Position => ({ line, character });
const asFinding: FindingMaker<CachedFinding> = (ruleId, severity, message, startLine, startCharacter, endLine, endCharacter, member) => ({
  ruleId,
  severity,
  message,
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
  member,
});

/** Encodes as the cache does: the summary's hashes go into one array. */
function encoded(summary: NoteSummary): { stored: unknown[]; hashes: Uint32Array } {
  const hashes: number[] = [];
  const stored = encodeSummary(summary, (values) => {
    hashes.push(...values);
    return [hashes.length - values.length, values.length];
  });
  return { stored, hashes: Uint32Array.from(hashes) };
}

/** Encoded, through JSON text, and decoded. */
function roundTrip(summary: NoteSummary): NoteSummary | null {
  const { stored, hashes } = encoded(summary);
  return decodeSummary(JSON.parse(JSON.stringify(stored)), hashes, freshPosition);
}

describe('cache codec', () => {
  it('reads back every summary as summarize() gave it', () => {
    const kinds = new Set<string>();
    let goalRefs = 0;
    let plans = 0;
    for (const text of texts) {
      const summary = summarize(text);
      kinds.add(summary.kind);
      goalRefs += summary.members.reduce((n, m) => n + m.goalRefs.length, 0);
      if (summary.plan) plans++;
      expect(roundTrip(summary)).toEqual(summary);
    }
    // the notes cover what the format has to carry
    for (const kind of ['group', 'individual', 'plan', 'other']) expect(kinds).toContain(kind);
    expect(goalRefs).toBeGreaterThan(0);
    expect(plans).toBeGreaterThan(0);
  });

  it('reads back the findings a run reports', () => {
    let count = 0;
    for (const text of texts.slice(0, 120)) {
      const findings = lintText(text).findings;
      count += findings.length;
      const reported = findings.map(({ ruleId, severity, message, start, end, member }) => ({ ruleId, severity, message, start, end, member }));
      expect(decodeFindings(JSON.parse(JSON.stringify(encodeFindings(findings))), asFinding)).toEqual(reported);
    }
    expect(count).toBeGreaterThan(100);
  });

  it('gives one object per line and column through the position pool', () => {
    const pool = new Map<string, Position>();
    const shared = (line: number, character: number) => {
      const key = `${line}:${character}`;
      if (!pool.has(key)) pool.set(key, { line, character });
      return pool.get(key)!;
    };
    const summary = summarize(texts.find((t) => summarize(t).members.length > 2)!);
    const { stored, hashes } = encoded(summary);
    const first = decodeSummary(stored, hashes, shared)!;
    const second = decodeSummary(stored, hashes, shared)!;
    expect(second.members[1].heading.start).toBe(first.members[1].heading.start);
    expect(second).toEqual(summary);
  });

  it('reads a damaged record as damaged: null, never an error or half a summary', () => {
    const summary = summarize(texts.find((t) => summarize(t).members.some((m) => m.goalRefs.length > 0))!);
    const { stored, hashes: all } = encoded(summary);
    // the record as written reads back; each of these does not
    expect(decodeSummary(stored, all, freshPosition)).not.toBeNull();
    expect(decodeSummary(stored.slice(0, -1), all, freshPosition)).toBeNull();
    expect(decodeSummary({ ...stored }, all, freshPosition)).toBeNull();
    expect(decodeSummary(stored, all.subarray(0, all.length - 1), freshPosition)).toBeNull();
    expect(decodeSummary(['meeting', ...stored.slice(1)], all, freshPosition)).toBeNull();
    const members = stored[13] as unknown[][];
    expect(decodeSummary([...stored.slice(0, 13), [members[0].slice(1), ...members.slice(1)]], all, freshPosition)).toBeNull();
    expect(decodeSummary([...stored.slice(0, 13), [[42, ...members[0].slice(1)], ...members.slice(1)]], all, freshPosition)).toBeNull();
    expect(decodeSummary([...stored.slice(0, 12), { patient: 'MRN-1' }, members], all, freshPosition)).toBeNull();
    const findings = encodeFindings(lintText(texts.find((t) => lintText(t).findings.length > 1)!).findings);
    expect(decodeFindings(findings.slice(0, -1), asFinding)).toBeNull();
    expect(decodeFindings(findings.map((v, i) => (i === 1 ? 'fatal' : v)), asFinding)).toBeNull();
    expect(decodeFindings(findings.map((v, i) => (i === 3 ? '7' : v)), asFinding)).toBeNull();
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.nat(), { maxLength: 50 }), (value, hashes) => {
        const summary = decodeSummary(value, Uint32Array.from(hashes), freshPosition);
        const findings = decodeFindings(value, asFinding);
        expect(summary === null || typeof summary === 'object').toBe(true);
        expect(findings === null || Array.isArray(findings)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
