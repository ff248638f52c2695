// Detection accuracy on the labelled corpus must not fall below the targets.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatReport, measure, scoreFile, stripMarkers, TARGETS } from './accuracy/harness.js';

describe('accuracy harness', () => {
  it('strips markers without moving text and counts hits, misses and false alarms', () => {
    const note = `---
note: group-psychotherapy
members:
  - id: "1"
    name: Ana Silva
  - id: "2"
    name: Ben Cole
---
## Ana Silva {response-missing}

Described her first week back at work since the layoff. Asked Ben {other-member-identifier} for a ride. Goal 1.

## Ben Cole {participation-missing}

Described the fight with his landlord and said he felt calmer after the breathing drill; Ana's {other-member-identifier} idea helped. Goal 2.
`;
    const { text, markers } = stripMarkers(note);
    expect(text.length).toBe(note.length);
    expect(markers.map((m) => m.ruleId)).toEqual(['response-missing', 'other-member-identifier', 'participation-missing', 'other-member-identifier']);
    const { counts, misses } = scoreFile('x.md', note);
    expect(counts.get('other-member-identifier')).toEqual({ tp: 2, fp: 0, fn: 0 });
    expect(counts.get('response-missing')).toEqual({ tp: 1, fp: 0, fn: 0 });
    // Ben's participation is documented: the label is wrong on purpose, so it shows as a miss
    expect(counts.get('participation-missing')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(misses).toEqual([{ file: 'x.md', line: 13, ruleId: 'participation-missing', where: '2', kind: 'false negative' }]);
  });
});

describe('accuracy on the labelled corpus', () => {
  const report = measure(fileURLToPath(new URL('./corpus', import.meta.url)));

  it('has at least 150 labelled notes', () => {
    expect(report.files).toBeGreaterThanOrEqual(150);
  });

  for (const [ruleId, target] of Object.entries(TARGETS)) {
    it(`${ruleId} meets its target`, () => {
      const score = report.scores.find((s) => s.ruleId === ruleId)!;
      const detail = `\n${formatReport(report)}`;
      if (target.precision !== undefined) expect(score.precision, detail).toBeGreaterThanOrEqual(target.precision);
      if (target.recall !== undefined) expect(score.recall, detail).toBeGreaterThanOrEqual(target.recall);
      if (target.f1 !== undefined) expect(score.f1, detail).toBeGreaterThanOrEqual(target.f1);
    });
  }
});
