import { describe, expect, it } from 'vitest';
import { findingsOf, flagged, goodSection, groupNote } from '../helpers.js';

const RULE = 'member-copy-paste';
const roster = [
  { id: '1', name: 'Maria Lopez' },
  { id: '2', name: 'James Reed' },
  { id: '3', name: 'Priya Natarajan' },
];

const section = (heading: string, participation: string, response: string, goal = 'Goal 1.1') => `## ${heading}

**Participation:** ${participation}

**Response:** ${response}

**Treatment plan:** ${goal}.

**Plan:** Continue weekly group.
`;

describe(RULE, () => {
  it('marks the copied sentences in both sections, naming the other member and the similarity', () => {
    const copy = 'Client participated in group discussion and shared about anxiety this week. Client was engaged and attentive throughout the session.';
    const text = groupNote(
      roster,
      `${section('Maria Lopez', copy, 'Rated belief in the prediction at 90% before and 55% after the exercise.')}
${section('James Reed', copy, 'Completed the role-play with a visible tremor; anxiety fell from 7/10 to 4/10.', 'Objective 2.1')}
${goodSection('Priya Natarajan', 'Described cancelling a flight because of fear of in-flight panic.')}`,
    );
    const found = findingsOf(text, RULE);
    expect(found.map((f) => f.member)).toEqual(['1', '2']);
    expect(flagged(text, found)).toEqual([copy, copy]);
    expect(found[0].message).toContain("James Reed's section");
    expect(found[0].message).toContain('similarity 1.00');
    expect(found[0].message).toContain('These 2 sentences');
    expect(found[0].related).toHaveLength(1);
    expect(found[0].related[0].start.line).toBe(found[1].start.line);
  });

  it('sees through swapped names and pronouns', () => {
    const text = groupNote(
      roster,
      `${section('Maria Lopez', 'Maria described avoiding the grocery store for two weeks after her panic episode in the checkout line.', 'Rated belief at 90% before and 55% after.')}
${section('James Reed', 'James described avoiding the grocery store for two weeks after his panic episode in the checkout line.', 'Tremor eased; anxiety fell from 7/10 to 4/10.')}`,
    );
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(2);
    expect(found[0].message).toContain('This sentence is copied');
  });

  it('catches one copied sentence inside otherwise original text, and a light paraphrase', () => {
    const text = groupNote(
      roster,
      `${section('Maria Lopez', 'Talked about her daughter starting school. Client was receptive to feedback and verbalized understanding of the coping skills reviewed today.', 'Rated belief at 90% before and 55% after.')}
${section('James Reed', 'Described his Monday staff meeting in detail. Client was open to feedback and verbalized an understanding of coping skills reviewed today.', 'Tremor eased; anxiety fell from 7/10 to 4/10.')}`,
    );
    const found = findingsOf(text, RULE);
    expect(flagged(text, found)).toEqual([
      'Client was receptive to feedback and verbalized understanding of the coping skills reviewed today.',
      'Client was open to feedback and verbalized an understanding of coping skills reviewed today.',
    ]);
  });

  it('stays quiet on distinct sections, short common phrases and text repeated from the shared section', () => {
    const shared = 'Members practiced paced breathing together and reviewed the week’s exposure homework as a group.';
    const text = groupNote(
      roster,
      `# Group session

${shared}

${section('Maria Lopez', `Described avoiding the grocery store after a panic episode. ${shared}`, 'Rated belief at 90% before and 55% after. Denies SI/HI.')}
${section('James Reed', `Spoke about dread before staff meetings. ${shared}`, 'Tremor eased; anxiety fell from 7/10 to 4/10. Denies SI/HI.')}
${section('Priya Natarajan', 'Described cancelling a flight to her sister’s wedding.', 'Tolerated interoceptive exposure; dizziness faded within a minute.')}`,
    );
    expect(findingsOf(text, RULE)).toEqual([]);
  });

  it('catches a section rewritten sentence by sentence from another, with words changed in each', () => {
    const maria = section(
      'Maria Lopez',
      'Said she skipped the budgeting worksheet because "nobody reads it anyway." After hearing a peer describe bills piling up at home, she admitted she hides her own mail in a drawer.',
      'Asked by the leader to name one small step, she said "I will open one envelope a day," and wrote it on her card.',
    );
    const james = section(
      'James Reed',
      'Said he did not finish the budget sheet because "no one ever reads it." After a peer talked about bills piling up at home, he admitted he stuffs his letters in a box.',
      'When the leader asked for one small step, he said "I will open a single envelope each day," and wrote it on his index card.',
      'Objective 2.1',
    );
    const text = groupNote(roster, `${maria}\n${james}\n${goodSection('Priya Natarajan', 'Described cancelling a flight because of fear of in-flight panic.')}`);
    const found = findingsOf(text, RULE);
    expect(found.map((f) => f.member)).toEqual(['1', '2']);
    expect(found[0].message).toContain('paraphrase');
    expect(found[0].message).toContain("James Reed's section");
  });

  it('stays quiet on sections that fill the same template with different content', () => {
    const form = (heading: string, contribution: string, response: string) => `## ${heading}

Patient is cognitively able to take part in group therapy today.
The patient's contribution to the day's exercise was: ${contribution}
The group's response to what the patient brought was: ${response}
Reported: sober.
Goal 1.1.
`;
    const text = groupNote(
      [...roster, { id: '4', name: 'Tomas Berg' }],
      `${form('Maria Lopez', 'shared.', 'positively.')}
${form('James Reed', 'appropriate and on topic.', 'positively.')}
${form('Priya Natarajan', 'told the group her landlord raised the rent and she may move in with her brother.', 'negatively.')}
${form('Tomas Berg', 'asked how others handle a boss who drinks at lunch meetings.', 'positively.')}`,
    );
    expect(findingsOf(text, RULE)).toEqual([]);
  });

  it('does not compare what the leaders did: the same Interventions line for two members is not a copy', () => {
    const text = groupNote(
      roster,
      `${section('Maria Lopez', 'Described the fight with her landlord over the deposit.', 'Rated anger 8/10 before the exercise and 5/10 after.')}**Interventions:** Pair work on the earliest link in the chain.\n
${section('James Reed', 'Said his craving peaks on payday when he walks past the bar.', 'Agreed to hand his card to his sister on paydays.')}**Interventions:** Pair work on the earliest link in the chain.\n`,
    );
    expect(findingsOf(text, RULE)).toEqual([]);
  });

  it('honours a stricter similarity threshold from the configuration', () => {
    const text = groupNote(
      roster,
      `${section('Maria Lopez', 'Client was receptive to feedback and verbalized understanding of the coping skills reviewed today.', 'Rated 90% before and 55% after.')}
${section('James Reed', 'Client was open to feedback and verbalized an understanding of coping skills reviewed today.', 'Anxiety fell from 7/10 to 4/10.')}`,
    );
    expect(findingsOf(text, RULE)).toHaveLength(2);
    expect(findingsOf(text, RULE, { config: { options: { copyPasteSimilarity: 0.97 } } })).toHaveLength(0);
  });
});
