// Rule work per note has a time budget: once it is spent (checked between rules) the remaining
// rules are skipped with one info finding that names the rule where the check stopped and the
// rules that did not run, and no note text. Tested with an injected clock and a tiny budget,
// never with real slowness.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText, RULES, TIME_BUDGET_MS, type Finding } from '../../engine/index.js';
import { sampleFiles } from './generators.js';

const sample = readFileSync(sampleFiles.find((f) => f.includes('relapse-prevention'))!, 'utf8');
const marker = `---
note: group-psychotherapy
cpt: 90853
members:
  - {id: "7001", name: Zyxquorth Vembledon}
  - {id: "7002", name: Quillantha Brisbo}
---

## Zyxquorth Vembledon

Zyxquorth Vembledon argued with Quillantha Brisbo about the kettle.
`;

/** A clock that moves on by `step` ms every time it is read. */
function steppingClock(step: number): () => number {
  let t = 0;
  return () => {
    const now = t;
    t += step;
    return now;
  };
}

const budgetFinding = (findings: Finding[]) => findings.filter((f) => f.data?.timeBudgetMs !== undefined);

describe('time budget per note', () => {
  it('has a default of a few seconds, and a check within the budget runs every rule', () => {
    expect(TIME_BUDGET_MS).toBeGreaterThanOrEqual(1000);
    // a clock that never moves never stops the check (no real timing is asserted)
    const result = lintText(sample, { timeBudgetMs: 0, now: () => 0 });
    expect(budgetFinding(result.findings)).toEqual([]);
    expect(JSON.stringify(result.findings)).toBe(JSON.stringify(lintText(sample, { now: () => 0 }).findings));
  });

  it('stops after the first rule with a tiny budget, naming that rule and every rule that did not run', () => {
    const result = lintText(marker, { timeBudgetMs: 0, now: steppingClock(1) });
    const [stop, ...more] = budgetFinding(result.findings);
    expect(more).toEqual([]);
    expect(stop.ruleId).toBe(RULES[0].id);
    expect(stop.severity).toBe('info');
    expect(stop.member).toBeNull();
    expect(stop.start).toEqual({ line: 0, character: 0 });
    const skipped = RULES.slice(1).map((r) => r.id);
    expect(stop.data).toMatchObject({ timeBudgetMs: 0, skippedRules: skipped });
    expect(stop.message).toMatch(new RegExp(`^Check stopped after \\d+ ms on rule ${RULES[0].id} \\(the budget is 0 ms per note\\); ${skipped.length} more rules did not run`));
    expect(stop.message).toContain('Split the note');
    // no rule after the first one ran
    expect(result.findings.filter((f) => f !== stop).every((f) => f.ruleId === RULES[0].id)).toBe(true);
    // no note text in the message
    expect(stop.message).not.toMatch(/Zyxquorth|Vembledon|Quillantha|Brisbo|kettle/);
  });

  it('names the rule during which the budget ran out', () => {
    // clock reads: start 0, before rule 1: 700, before rule 2: 1400, before rule 3: 2100 > 2000
    const result = lintText(sample, { timeBudgetMs: 2000, now: steppingClock(700) });
    const [stop] = budgetFinding(result.findings);
    expect(stop.ruleId).toBe(RULES[1].id);
    expect(stop.message).toContain(`Check stopped after 2100 ms on rule ${RULES[1].id}`);
    expect(stop.data?.skippedRules).toEqual(RULES.slice(2).map((r) => r.id));
  });

  it('counts and lists only rules that are switched on', () => {
    const off = Object.fromEntries(RULES.slice(0, 3).map((r) => [r.id, 'off' as const]));
    const result = lintText(sample, { timeBudgetMs: 0, now: steppingClock(1), config: { rules: off } });
    const [stop] = budgetFinding(result.findings);
    expect(stop.ruleId).toBe(RULES[3].id);
    expect(stop.data?.skippedRules).toEqual(RULES.slice(4).map((r) => r.id));
  });

  it('is not hidden by a disable comment for the rule it names', () => {
    const text = `${marker}\n<!-- groupnote-disable-file ${RULES[0].id} -- testing -->\n`;
    const result = lintText(text, { timeBudgetMs: 0, now: steppingClock(1) });
    expect(budgetFinding(result.findings)).toHaveLength(1);
    expect(budgetFinding(result.suppressed.map((s) => s.finding))).toEqual([]);
  });

  it('is deterministic for the same clock', () => {
    const a = lintText(sample, { timeBudgetMs: 3000, now: steppingClock(1000) });
    const b = lintText(sample, { timeBudgetMs: 3000, now: steppingClock(1000) });
    expect(JSON.stringify(a.findings)).toBe(JSON.stringify(b.findings));
  });
});
