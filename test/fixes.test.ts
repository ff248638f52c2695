// Quick fixes: apply each edit and check the resulting text. Nothing the user wrote is lost.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../engine/index.js';
import { applyEdits, fixAll, fixesFor, planDiagnoses, safeFixes } from '../engine/editor/fixes.js';
import { parsePlan } from '../engine/facts/plans.js';

const sample = (path: string) => readFileSync(new URL(`../samples/${path}`, import.meta.url), 'utf8');
const march11 = sample('anxiety-group/2026-03-11-anxiety-skills.md');

function fixFor(text: string, ruleId: string, member: string | null, title: RegExp, context = {}) {
  const result = lintText(text);
  const finding = result.findings.find((f) => f.ruleId === ruleId && f.member === member);
  expect(finding, `${ruleId} for ${member}`).toBeDefined();
  const fix = fixesFor(result, finding!, context).find((f) => title.test(f.title));
  expect(fix, String(title)).toBeDefined();
  return { fix: fix!, result, finding: finding! };
}

describe('quick fixes', () => {
  it('replaces another member\'s name with "a peer" and the rule is satisfied', () => {
    const { fix } = fixFor(march11, 'other-member-identifier', 'MRN-20602', /^Replace with "a peer"$/);
    const fixed = applyEdits(march11, fix.edits);
    expect(fixed).toContain('hearing\nhow a peer handled his staff meeting');
    expect(lintText(fixed).findings.filter((f) => f.ruleId === 'other-member-identifier' && f.member === 'MRN-20602')).toEqual([]);
    expect(fixed.length).toBe(march11.length - 'Jim'.length + 'a peer'.length);
  });

  it('uses "A peer" at a sentence start, keeps possessives, and replaces all mentions in a section', () => {
    const text = march11.replace('Reported she took a short flight', "Jim's advice helped. Reported she took a short flight").replace('gave her the push', 'and Jim gave her the push');
    const { fix } = fixFor(text, 'other-member-identifier', 'MRN-20602', /^Replace all 3 mentions/);
    const fixed = applyEdits(text, fix.edits);
    expect(fixed).toContain("**Participation:** A peer's advice helped.");
    expect(fixed).toContain('how a peer handled his staff meeting without a script and a peer gave her the push');
  });

  it('inserts a missing Response field in canonical order without touching other text', () => {
    const { fix } = fixFor(march11, 'response-missing', 'MRN-20711', /^Insert a Response field$/);
    const fixed = applyEdits(march11, fix.edits);
    expect(fixed).toContain('with a peer.\n\n**Response:** \n\n**Treatment plan:** Goal 1.1');
    expect(fixed.replace('**Response:** \n\n', '')).toBe(march11);
    // the empty field is now reported at its label, asking for content
    const after = lintText(fixed).findings.find((f) => f.ruleId === 'response-missing' && f.member === 'MRN-20711')!;
    expect(after.message).toContain('empty or a placeholder');
  });

  it('inserts the whole missing skeleton for a member', () => {
    const relapse = sample('iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const { fix } = fixFor(relapse, 'response-missing', '3407', /^Insert the missing fields/);
    expect(fix.title).toBe('Insert the missing fields (Participation, Interventions, Response, Treatment plan)');
    const fixed = applyEdits(relapse, fix.edits);
    expect(fixed).toContain('invited him twice to\njoin the urge-surfing exercise. Plan: check in by phone tomorrow.\n\n**Participation:** \n\n**Interventions:** \n\n**Response:** \n\n**Treatment plan:** \n\n## Daniel');
  });

  it("links a member's plan goal when the plan is known", () => {
    const plan = parsePlan(sample('anxiety-group/plans/MRN-20417.md'))!;
    expect(plan.goals.map((g) => g.ref)).toEqual(['1', '1.1', '1.2', '2', '2.1']);
    expect(plan.goals[2].text).toBe('Reduce situational avoidance: enter three avoided places (grocery store, bus, cinema) for at least 10 minutes each, rating anxiety before and after.');
    // Maria with her plan-link removed
    const text = march11.replace('**Treatment plan:** Goal 1.2, reduce situational avoidance.\n\n', '');
    const { fix } = fixFor(text, 'treatment-plan-link-missing', 'MRN-20417', /^Link to Objective 1\.2/, { goalsOf: (key: string) => (key === plan.patient ? plan.goals : []) });
    const fixed = applyEdits(text, fix.edits);
    expect(fixed).toContain('**Treatment plan:** Objective 1.2: Reduce situational avoidance');
    expect(lintText(fixed).findings.filter((f) => f.ruleId === 'treatment-plan-link-missing' && f.member === 'MRN-20417')).toEqual([]);
  });

  it('offers disable comments for the line and the file, keeping CRLF line endings', () => {
    const crlf = march11.replace(/\n/g, '\r\n');
    const { fix: line } = fixFor(crlf, 'other-member-identifier', null, /for this line$/);
    const lineFixed = applyEdits(crlf, line.edits);
    // on its own line above the finding's line, with a reason to fill in (a tab stop in editors that take snippets)
    const findingLine = crlf.split('\r\n').find((l) => l.includes('Samuel Okafor returned after missing last week.'))!;
    expect(lineFixed).toContain(`\r\n<!-- groupnote-disable-next-line other-member-identifier -- reason -->\r\n${findingLine}\r\n`);
    expect(line.edits[0].snippet).toBe('<!-- groupnote-disable-next-line other-member-identifier -- ${1:reason} -->\r\n');
    expect(lintText(lineFixed).findings.filter((f) => f.ruleId === 'other-member-identifier' && f.member === null)).toEqual([]);
    expect(lintText(lineFixed).suppressed.map((s) => s.justification)).toContain('reason');
    const { fix: file } = fixFor(crlf, 'other-member-identifier', null, /for this file$/);
    expect(applyEdits(crlf, file.edits)).toContain('  - id: MRN-20711\r\n    name: Samuel Okafor\r\n---\r\n\r\n<!-- groupnote-disable-file other-member-identifier -->\r\n');
  });

  it('keeps the indentation of an indented line, and offers no line comment in the frontmatter', () => {
    const relapse = sample('iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const text = relapse.replace(/^(.*He gave Teresa credit.*)$/m, '  $1');
    const result = lintText(text);
    const leak = result.findings.find((f) => f.ruleId === 'other-member-identifier' && f.member === '3412')!;
    const fix = fixesFor(result, leak).find((f) => /for this line$/.test(f.title))!;
    expect(fix.edits[0].newText).toBe('  <!-- groupnote-disable-next-line other-member-identifier -- reason -->\n');
    expect(lintText(applyEdits(text, fix.edits)).findings.filter((f) => f.ruleId === 'other-member-identifier' && f.member === '3412')).toEqual([]);
    // the note-level diagnosis finding sits in the frontmatter, where comments are not directives
    const diagnosis = result.findings.find((f) => f.ruleId === 'diagnosis-missing')!;
    expect(diagnosis.start.line).toBeLessThan(22);
    expect(fixesFor(result, diagnosis).map((f) => f.title)).toEqual(['Disable diagnosis-missing for this file']);
  });

  it('gives inserted fields tab stops where the text goes', () => {
    const { fix } = fixFor(march11, 'response-missing', 'MRN-20711', /^Insert a Response field$/);
    expect(fix.edits[0].snippet).toBe('**Response:** $1\n\n');
    const relapse = sample('iop-relapse-prevention/2026-05-19-relapse-prevention.md');
    const { fix: skeleton } = fixFor(relapse, 'response-missing', '3407', /^Insert the missing fields/);
    expect(skeleton.edits).toHaveLength(1);
    expect(skeleton.edits[0].snippet).toBe('\n\n**Participation:** $1\n\n**Interventions:** $2\n\n**Response:** $3\n\n**Treatment plan:** $4');
    // content given is literal snippet text
    const text = march11.replace('**Treatment plan:** Goal 1.2, reduce situational avoidance.\n\n', '');
    const { fix: link } = fixFor(text, 'treatment-plan-link-missing', 'MRN-20417', /^Link to Goal 1 /, { goalsOf: () => [{ ref: '1', text: 'Cost $5 {x}', line: 0, kind: 'goal' }] });
    expect(link.edits[0].snippet).toContain('Goal 1: Cost \\$5 {x\\}$1');
  });
});

describe('fix all', () => {
  const relapse = sample('iop-relapse-prevention/2026-05-19-relapse-prevention.md');

  it("applies each safe fix once: field skeletons, and diagnoses from members' plans; never a name replacement", () => {
    const result = lintText(relapse);
    const plans: Record<string, string[]> = { '3407': ['F10.20'], '3412': ['F11.20', 'F41.1'] };
    const edits = fixAll(result, { diagnosesOf: (key) => plans[key] ?? [] });
    const fixed = applyEdits(relapse, edits);
    const after = lintText(fixed).findings;
    // the skeleton went in once for Kevin (three rules asked for it)
    expect(fixed.match(/\*\*Interventions:\*\* \n/g)?.length).toBe(1);
    // the note had no diagnosis at all; the members with a plan now have theirs
    expect(result.findings.filter((f) => f.ruleId === 'diagnosis-missing').map((f) => f.member)).toEqual([null]);
    expect(after.filter((f) => f.ruleId === 'diagnosis-missing').map((f) => f.member).sort()).toEqual(['3391', '3420']);
    expect(fixed).toContain('**Diagnosis:** F11.20, F41.1');
    expect(fixed).toContain('**Diagnosis:** F10.20');
    // names are left for the clinician to read one at a time
    expect(after.filter((f) => f.ruleId === 'other-member-identifier')).toHaveLength(result.findings.filter((f) => f.ruleId === 'other-member-identifier').length);
    // and nothing the clinician wrote is lost
    let rest = fixed;
    for (const e of edits) rest = rest.replace(e.newText, '');
    expect(rest).toBe(relapse);
    // a second pass has nothing left to do
    expect(fixAll(lintText(fixed), { diagnosesOf: (key) => plans[key] ?? [] })).toEqual([]);
  });
});

describe('safe fixes (groupnote-lint --fix and fix-all)', () => {
  it('only insert: the text before is kept in order, names and wording untouched, and a second pass finds nothing to do', () => {
    const result = lintText(march11);
    const ruleIds = result.findings.map((f) => f.ruleId);
    expect(ruleIds).toContain('other-member-identifier');
    const edits = safeFixes(result, { diagnosesOf: planDiagnoses(new Map([['MRN-20417', { diagnoses: ['F41.0'] }]])) });
    expect(edits.length).toBeGreaterThan(0);
    for (const e of edits) expect(e.end).toBe(e.start); // insertions only
    const fixed = applyEdits(march11, edits);
    // removing what was inserted gives the note back: nothing rewritten or removed
    let rest = fixed;
    for (const e of [...edits].sort((a, b) => b.start - a.start)) {
      const at = e.start + edits.filter((o) => o.start < e.start).reduce((n, o) => n + o.newText.length, 0);
      rest = rest.slice(0, at) + rest.slice(at + e.newText.length);
    }
    expect(rest).toBe(march11);
    // the leaks are still there for a person to fix
    expect(lintText(fixed).findings.filter((f) => f.ruleId === 'other-member-identifier').length).toBe(result.findings.filter((f) => f.ruleId === 'other-member-identifier').length);
    // the field rules that asked for a field now see one, and nothing is inserted twice
    expect(safeFixes(lintText(fixed), { diagnosesOf: planDiagnoses(new Map([['MRN-20417', { diagnoses: ['F41.0'] }]])) })).toEqual([]);
  });

  it('give nothing for a note that is not a group note', () => {
    expect(safeFixes(lintText('# Shopping list\n\n- eggs\n'))).toEqual([]);
  });
});
