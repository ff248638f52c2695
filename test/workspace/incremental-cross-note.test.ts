// After an edit the server runs the cross-note rules only over the notes the edit can affect
// (server/src/workspace.ts, relationKeys in engine/workspace/index.ts). These tests edit a
// generated folder one way after another and check, after each edit, that the findings the server
// keeps for every note equal a run of the rules over the whole index, and that the run covered
// fewer notes than the folder holds.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outermostFolders, ServerWorkspace } from '../../server/src/workspace.js';
import { useTempDirs } from '../temp-dirs.js';

const tempDir = useTempDirs();

function generated(notes: number): string {
  const folder = tempDir('gnl-inc-');
  const made = spawnSync(process.execPath, [fileURLToPath(new URL('../../bench/generate.mjs', import.meta.url)), '--out', folder, '--notes', String(notes), '--seed', '4'], { encoding: 'utf8' });
  expect(made.status).toBe(0);
  rmSync(join(folder, 'manifest.json'), { force: true });
  return folder;
}

function serverWorkspace(folder: string): ServerWorkspace {
  return new ServerWorkspace(
    () => [folder],
    () => ({ config: {}, forceGroupNote: false }),
    () => ({ include: ['**/*.md'], exclude: [] }),
    () => false,
    () => new Map(),
  );
}

/** Every note's cross-note findings as the server keeps them, against a run over the whole index. */
function expectSameAsFullRun(ws: ServerWorkspace): void {
  const full = ws.index.crossNoteFindings();
  const kept = new Map(ws.index.paths().map((p) => [p, ws.crossNoteFor(p, { current: false })]).filter(([, list]) => list.length > 0) as [string, unknown][]);
  expect(kept).toEqual(full);
}

describe('cross-note rules after an edit', () => {
  it('run over the notes the edit can affect, with the same findings as a run over every note', async () => {
    const folder = generated(300);
    const ws = serverWorkspace(folder);
    expect(await ws.scan({ isCancelled: () => false, report: () => undefined })).toBe(true);
    ws.refreshCrossNote();
    expect(ws.lastCrossNoteRun).toEqual({ notes: ws.index.size, all: true });
    expectSameAsFullRun(ws);

    const groups = readdirSync(folder).filter((d) => /^\d/.test(d)).sort();
    const sessions = (group: string) => readdirSync(join(folder, group)).filter((f) => f.endsWith('.md')).sort().map((f) => join(folder, group, f));
    const [first, second] = groups;
    const [a, b, c] = sessions(first);
    const originals = new Map([a, b, c].map((p) => [p, readFileSync(p, 'utf8')]));
    const plan = join(folder, first, 'plans', readdirSync(join(folder, first, 'plans')).sort()[0]);
    const edit = (path: string, text: string) => {
      writeFileSync(path, text);
      ws.readFromDisk(path);
    };
    const edits: [string, () => void][] = [
      // the same session written twice (same date, same members): billed twice, sections cloned
      ['copy a session over another', () => edit(b, originals.get(a)!)],
      // a member's id changed throughout one note: that member's links move to another key
      ['change a member id', () => edit(c, originals.get(c)!.replace(/\b(1\d{4}|MRN-\d+)\b/, '99999'))],
      ['delete a plan', () => (rmSync(plan), ws.forget(plan))],
      ['restore the copied session', () => edit(b, originals.get(b)!)],
      // a session of another group moved into this group's date and roster
      ['another group takes this roster', () => edit(sessions(second)[0], originals.get(a)!.replace(/^date: .*$/m, 'date: 2031-01-01'))],
      ['delete a session', () => (rmSync(a), ws.forget(a))],
    ];
    for (const [what, apply] of edits) {
      apply();
      expect(ws.refreshCrossNote(), what).toBeTypeOf('boolean');
      expect(ws.lastCrossNoteRun.all, what).toBe(false);
      expect(ws.lastCrossNoteRun.notes, what).toBeGreaterThan(0);
      expect(ws.lastCrossNoteRun.notes, what).toBeLessThan(ws.index.size);
      expectSameAsFullRun(ws);
    }
  }, 120_000);

  it('reports which notes changed, and nothing when an edit changes no finding', async () => {
    const folder = generated(120);
    const ws = serverWorkspace(folder);
    await ws.scan({ isCancelled: () => false, report: () => undefined });
    ws.refreshCrossNote();
    ws.takeChanged();
    const group = readdirSync(folder).filter((d) => /^\d/.test(d)).sort()[0];
    const [a, b] = readdirSync(join(folder, group)).filter((f) => f.endsWith('.md')).sort().map((f) => join(folder, group, f));
    const text = readFileSync(a, 'utf8');
    // a word of prose changed: summaries change, findings do not
    writeFileSync(a, text.replace('**Focus:** ', '**Focus:** Today: '));
    ws.readFromDisk(a);
    expect(ws.refreshCrossNote()).toBe(false);
    const version = ws.resultVersion(b);
    // b written as a copy of a: both are billed twice on that date
    writeFileSync(b, text);
    ws.readFromDisk(b);
    expect(ws.refreshCrossNote()).toBe(true);
    const changed = ws.takeChanged();
    expect(changed.has(a) && changed.has(b)).toBe(true);
    expect(ws.resultVersion(b)).not.toBe(version);
    expect(ws.crossNoteFor(a, { current: false }).map((f) => f.ruleId)).toContain('duplicate-billing');
  }, 60_000);
});

describe('outermostFolders', () => {
  it('lists each folder once and none inside another', () => {
    expect(outermostFolders(['/notes', '/notes/', '/notes/group-a', '/other', '/notes-b', '/other/..x'])).toEqual(['/notes', '/other', '/notes-b']);
  });
});
