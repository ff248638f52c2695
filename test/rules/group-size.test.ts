// Group size rules: fewer than two present, below the payer's minimum, above its maximum, and
// above its soft limit without a rationale. The numbers come from the payer profile.

import { describe, expect, it } from 'vitest';
import { at, changed, COMPLETE_NOTE, lintRule } from './complete-note.js';

/** A complete note whose roster has `n` members, the first `absent` of them absent. */
function sized(n: number, absent = 0, extra = ''): string {
  const roster = Array.from({ length: n }, (_, i) => `  - {id: M-${100 + i}, name: Person${String.fromCharCode(65 + i)} Test${String.fromCharCode(65 + i)}, diagnosis: F41.1${i < absent ? ', attendance: absent' : ''}}`).join('\n');
  return changed(
    [/members:\n[\s\S]*?\n---/, `${extra}members:\n${roster}\n---`],
    ['3 of 3 enrolled members present', `${n - absent} of ${n} enrolled members present`],
  );
}

const medicaid = { config: { payers: { 'state-medicaid': { label: 'State Medicaid', groupSize: { min: 4, max: 10, softLimit: 8 } } } } };

describe('single-member-group', () => {
  it('fires when one member is present, suggesting the individual code for the session length', () => {
    const text = sized(3, 2);
    const found = lintRule(text, 'single-member-group');
    expect(at(text, found)).toEqual([['members:', null]]);
    expect(found[0].message).toContain('Only one member (PersonC TestC) was present');
    expect(found[0].message).toContain('90837 (53 minutes or more; this session: 90)');
    const short = changed(['end: "15:30"', 'end: "14:45"'], ['90 minutes', '45 minutes'], ['    name: Ben Cole\n', '    name: Ben Cole\n    attendance: absent\n'], ['    name: Cara Diaz\n', '    name: Cara Diaz\n    attendance: no-show\n']);
    expect(lintRule(short, 'single-member-group')[0].message).toContain('90834 (38 to 52 minutes; this session: 45)');
    expect(lintRule(sized(2, 2), 'single-member-group')[0].message).toContain('No member was present');
  });

  it('stays quiet with two or more present', () => {
    expect(lintRule(COMPLETE_NOTE, 'single-member-group')).toEqual([]);
    expect(lintRule(sized(3, 1), 'single-member-group')).toEqual([]);
  });
});

describe('group-size-below-minimum', () => {
  it("fires below the payer profile's minimum", () => {
    const text = sized(3, 0, 'payer: state-medicaid\n');
    const found = lintRule(text, 'group-size-below-minimum', medicaid);
    expect(at(text, found)).toEqual([['members:', null]]);
    expect(found[0].message).toContain('State Medicaid expects at least 4');
  });

  it('stays quiet under Medicare (minimum 2) and at the minimum', () => {
    expect(lintRule(COMPLETE_NOTE, 'group-size-below-minimum')).toEqual([]);
    expect(lintRule(sized(4, 0, 'payer: state-medicaid\n'), 'group-size-below-minimum', medicaid)).toEqual([]);
    // one member is single-member-group's finding, not this rule's
    expect(lintRule(sized(3, 2, 'payer: state-medicaid\n'), 'group-size-below-minimum', medicaid)).toEqual([]);
  });
});

describe('group-size-above-maximum', () => {
  it('fires above 12 present under Medicare, and above the profile maximum', () => {
    const text = sized(13);
    const found = lintRule(text, 'group-size-above-maximum');
    expect(at(text, found)).toEqual([['members:', null]]);
    expect(found[0].message).toContain('13 members were present; Medicare allows at most 12');
    expect(lintRule(sized(11, 0, 'payer: state-medicaid\n'), 'group-size-above-maximum', medicaid)).toHaveLength(1);
    // a stated head count larger than the roster counts too, and the finding is on it
    const stated = changed(['3 of 3 enrolled members present', '14 members attended']);
    expect(at(stated, lintRule(stated, 'group-size-above-maximum'))).toEqual([['14 members attended', null]]);
  });

  it('stays quiet at 12, and when absent members bring the present count down', () => {
    expect(lintRule(sized(12), 'group-size-above-maximum')).toEqual([]);
    expect(lintRule(sized(14, 2), 'group-size-above-maximum')).toEqual([]);
  });
});

describe('group-size-rationale-missing', () => {
  it('fires above the soft limit (Medicare profile: 10) when no rationale is written', () => {
    const text = sized(11);
    const found = lintRule(text, 'group-size-rationale-missing');
    expect(at(text, found)).toEqual([['members:', null]]);
    expect(found[0].severity).toBe('info');
    expect(lintRule(sized(9, 0, 'payer: state-medicaid\n'), 'group-size-rationale-missing', medicaid)).toHaveLength(1);
  });

  it('stays quiet with a rationale, at or under the limit, or with the limit off', () => {
    expect(lintRule(sized(11).replace('# Group session', '# Group session\n\nA larger group was clinically appropriate: members practise exposure tasks in rotating pairs.'), 'group-size-rationale-missing')).toEqual([]);
    expect(lintRule(sized(10), 'group-size-rationale-missing')).toEqual([]);
    const off = { config: { payers: { medicare: { groupSize: { softLimit: null } } } } };
    expect(lintRule(sized(11), 'group-size-rationale-missing', off)).toEqual([]);
    // above the maximum is group-size-above-maximum's finding
    expect(lintRule(sized(13), 'group-size-rationale-missing')).toEqual([]);
  });
});
