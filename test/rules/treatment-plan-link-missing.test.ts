import { describe, expect, it } from 'vitest';
import { findingsOf, flagged, groupNote } from '../helpers.js';

const RULE = 'treatment-plan-link-missing';
const roster = [{ id: '3420', name: 'Hope Adeyemi' }, { id: '3391', name: 'Teresa Ruiz' }];
const note = (hope: string) =>
  groupNote(roster, `## Hope Adeyemi\n\nRole-played declining an invitation and said she felt steadier. ${hope}\n\n## Teresa Ruiz\n\nDescribed a lapse and appeared relieved after disclosing. Goal 2.3.\n`);

describe(RULE, () => {
  it('fires at the heading when the only "plan" is next steps', () => {
    const text = note('Plan: attend three outside meetings; plan a second trip.');
    const found = findingsOf(text, RULE);
    expect(found.map((f) => f.member)).toEqual(['3420']);
    expect(flagged(text, found)).toEqual(['## Hope Adeyemi']);
  });

  it('fires at an empty treatment plan field', () => {
    const text = note('\n\n**Treatment plan:** N/A');
    const found = findingsOf(text, RULE);
    expect(flagged(text, found)).toEqual(['**Treatment plan:**']);
  });

  it('accepts the ways clinicians reference goals', () => {
    for (const ref of ['Goal 3.1.', 'Objective 2.1.', 'Obj 1.3', 'Obj. 1.3', 'This addresses her plan goal\n2.3.', 'TP goal: build a sober network.', 'Linked to treatment plan objective 1.2.', 'Goals 1 and 2.', 'Treatment plan goal of building a sober support network.']) {
      expect(findingsOf(note(ref), RULE), ref).toEqual([]);
    }
    expect(findingsOf(note('\n\n**Treatment plan:** build a sober support network (no number yet).'), RULE)).toEqual([]);
  });

  it("does not take the group's skill of the week or month in a Goal field for the member's goal", () => {
    for (const field of ['**Goal:** group skill of the week: saying no.', '**Goal:** session focus: asking for help.', '**Goal:** the skill for this month is making requests.']) {
      expect(findingsOf(note(`\n\n${field}`), RULE), field).toHaveLength(1);
    }
    expect(findingsOf(note('\n\n**Goal:** STG 2: say no to one request a week.'), RULE)).toEqual([]);
    expect(findingsOf(note('\n\n**Goal:** saying no to her brother without apologising.'), RULE)).toEqual([]);
  });

  it('reads a goal named in words across a line wrap, and not the group\'s numbered objective or a staff task', () => {
    expect(findingsOf(note('Works toward her treatment goal of\nsaying no to her manager without apologising.'), RULE)).toEqual([]);
    expect(findingsOf(note('\n\n**Goal:** Group objective 2: members practise giving feedback.'), RULE)).toHaveLength(1);
    expect(findingsOf(note('\n\n**Goal:** Counselor to call her school on Monday.'), RULE)).toHaveLength(1);
  });

  it("does not take a group agreement, a child-protection case plan or a weekly goal for the member's goal", () => {
    for (const field of ['**Goal:** attend every session (group agreement).', '**Goal:** CPS case plan: finish a parenting course.', '**Goal:** Weekly goal: finish the worksheet.']) {
      expect(findingsOf(note(`\n\n${field}`), RULE), field).toHaveLength(1);
    }
    expect(findingsOf(note('\n\n**Goals/objectives:** Goal 2: one limit with family each week.'), RULE)).toEqual([]);
  });
});
