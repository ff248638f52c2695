// Cross-note rules over a fixture folder (test/fixtures/workspace), through the workspace index.

import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../engine/workspace/files.js';
import { WorkspaceIndex, type WorkspaceFinding } from '../../engine/workspace/index.js';

const root = fileURLToPath(new URL('../fixtures/workspace/', import.meta.url));
const samples = fileURLToPath(new URL('../../samples/', import.meta.url));

function indexOf(folder: string): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of collectFiles([folder])) {
    const st = statSync(f.path);
    index.update(f.path, `${st.mtimeMs}:${st.size}`, readFileSync(f.path, 'utf8'));
  }
  return index;
}

function findings(index: WorkspaceIndex, ruleId: string, folder = root): string[] {
  const out: string[] = [];
  for (const [path, list] of index.crossNoteFindings()) {
    for (const f of list) if (f.ruleId === ruleId) out.push(`${path.slice(folder.length)}:${f.start.line + 1}:${f.member}:${f.severity}`);
  }
  return out.sort();
}

describe('member-note-cloned', () => {
  const index = indexOf(root);
  it('reports a section cloned from the same member the week before, on the later note', () => {
    expect(findings(index, 'member-note-cloned').filter((f) => f.includes('W-101'))).toEqual(['dbt/2026-04-08-dbt-skills.md:22:W-101:warning', 'dbt/2026-04-15-dbt-skills.md:22:W-101:warning']);
    const clone = index.crossNoteFindings().get(`${root}dbt/2026-04-08-dbt-skills.md`)!.find((f) => f.ruleId === 'member-note-cloned')!;
    expect(clone.message).toContain('near-identical (similarity 1.00) to their section from 2026-04-01');
    expect(clone.related[0].path).toBe(`${root}dbt/2026-04-01-dbt-skills.md`);
  });
  it('names the nearest earlier session when several are equally alike', () => {
    const week = readFileSync(`${root}dbt/2026-04-01-dbt-skills.md`, 'utf8');
    const copies = new WorkspaceIndex();
    // the same note three weeks running, indexed newest first
    for (const date of ['2026-04-15', '2026-04-01', '2026-04-08']) copies.update(`/notes/${date}.md`, date, week.replaceAll('2026-04-01', date));
    const third = copies.crossNoteFindings().get('/notes/2026-04-15.md')!.find((f) => f.ruleId === 'member-note-cloned' && f.member === 'W-101')!;
    expect(third.message).toContain('near-identical (similarity 1.00) to their section from 2026-04-08');
    expect(third.related[0].path).toBe('/notes/2026-04-08.md');
  });
  it('reports a response unchanged across three sessions, at the response field', () => {
    const owen = findings(index, 'member-note-cloned').filter((f) => f.includes('W-102'));
    expect(owen).toEqual(['dbt/2026-04-08-dbt-skills.md:36:W-102:warning', 'dbt/2026-04-15-dbt-skills.md:36:W-102:warning']);
  });
  it('stays quiet on sections that change from week to week, and on different groups', () => {
    expect(findings(index, 'member-note-cloned').filter((f) => f.includes('W-103'))).toEqual([]);
    expect(findings(indexOf(samples), 'member-note-cloned', samples)).toEqual([]);
  });
});

describe('same-day-individual-overlap', () => {
  const index = indexOf(root);
  it('flags overlapping times as an error and a missing modifier as an info reminder; quiet with XU', () => {
    expect(findings(index, 'same-day-individual-overlap')).toEqual(['dbt/individual/2026-04-08-W-101.md:1:W-101:error', 'dbt/individual/2026-04-15-W-103.md:1:W-103:info']);
  });
  it('finds the overlap in the sample notes (individual 15:00-15:45 during group 14:00-15:30)', () => {
    const all = [...indexOf(samples).crossNoteFindings().values()].flat().filter((f) => f.ruleId === 'same-day-individual-overlap');
    expect(all.map((f: WorkspaceFinding) => f.message)).toEqual(['This 90834 session (15:00–15:45) overlaps the group session (14:00–15:30) billed 90853 for the same patient: one encounter billed twice.']);
  });
});

describe('treatment-plan', () => {
  const index = indexOf(root);
  it('reports unknown goals, expired and not-yet-effective plans, and missing plans where plans are kept', () => {
    const byKind = new Map<string, string[]>();
    for (const [path, list] of index.crossNoteFindings()) {
      for (const f of list) if (f.ruleId === 'treatment-plan') byKind.set(String(f.data?.kind), [...(byKind.get(String(f.data?.kind)) ?? []), `${path.slice(root.length)}:${f.start.line + 1}`]);
    }
    expect(byKind.get('unknown-goal')).toEqual(['dbt/2026-04-08-dbt-skills.md:48']);
    expect(byKind.get('expired')).toEqual(['dbt/2026-04-15-dbt-skills.md:42']);
    expect(byKind.get('not-yet-effective')?.length).toBe(4);
    expect(byKind.get('missing')?.sort()).toEqual(['dbt/2026-04-01-dbt-skills.md:22', 'dbt/2026-04-08-dbt-skills.md:22', 'dbt/2026-04-15-dbt-evening-group.md:25', 'dbt/2026-04-15-dbt-skills.md:22'].sort());
  });
  it('is quiet for a current plan whose goals exist (Maria, sample notes) and for groups without plans', () => {
    const sample = [...indexOf(samples).crossNoteFindings()].flatMap(([path, list]) => list.filter((f) => f.ruleId === 'treatment-plan').map((f) => `${path.slice(samples.length)}:${f.member}`));
    expect(sample.some((s) => s.includes('MRN-20417'))).toBe(false);
    expect(sample.some((s) => s.startsWith('iop-relapse-prevention'))).toBe(false);
  });
});

describe('duplicate-billing', () => {
  it('flags the same member billed twice on one date, in both notes; quiet otherwise', () => {
    expect(findings(indexOf(root), 'duplicate-billing')).toEqual(['dbt/2026-04-15-dbt-evening-group.md:17:W-102:error', 'dbt/2026-04-15-dbt-skills.md:32:W-102:error']);
    expect(findings(indexOf(samples), 'duplicate-billing', samples)).toEqual([]);
  });
});

describe('workspace index', () => {
  it('re-reads only changed files and honours disable comments for cross-note findings', () => {
    const index = indexOf(root);
    const path = `${root}dbt/2026-04-08-dbt-skills.md`;
    const text = readFileSync(path, 'utf8');
    expect(index.update(path, index.get(path)!.stamp, text)).toBe(false);
    const disabled = text.replace('## Nadia Flores (W-101)', '<!-- groupnote-disable-next-line member-note-cloned -- reviewed: identical by design -->\n## Nadia Flores (W-101)');
    expect(index.update(path, 'edited', disabled)).toBe(true);
    expect(index.crossNoteFindings().get(path)!.filter((f) => f.ruleId === 'member-note-cloned' && f.member === 'W-101')).toEqual([]);
  });
  it('applies per-rule severity and off from the configuration', () => {
    const index = indexOf(root);
    const all = index.crossNoteFindings({ severity: (_p, id, d) => (id === 'treatment-plan' ? 'off' : id === 'duplicate-billing' ? 'warning' : d) });
    const flat = [...all.values()].flat();
    expect(flat.some((f) => f.ruleId === 'treatment-plan')).toBe(false);
    expect(flat.filter((f) => f.ruleId === 'duplicate-billing').every((f) => f.severity === 'warning')).toBe(true);
  });
});
