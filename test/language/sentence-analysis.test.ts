// The sentence reader behind the judgement rules (engine/language): who acts, with which verb,
// habit and plan, prompts; what counts as participation, a response, a plan reference. Sentences
// here are written for this test; the labelled sets in test/corpus measure the rules as a whole.
import { describe, expect, it } from 'vitest';
import { analyseSentence } from '../../engine/language/clauses.js';
import { sentenceEvidence, type EvidenceOptions } from '../../engine/language/evidence.js';
import { fieldNamesGoal, ownPlanReferences } from '../../engine/language/goals.js';

const options: EvidenceOptions = { ownWords: new Set(['nadia']), nameWords: new Set(['nadia', 'okafor', 'luis']), sharedWords: new Set(['budget', 'stress']) };
const read = (sentence: string, before = false, responseField = false) => sentenceEvidence(sentence, options, before, responseField);
const actors = (sentence: string) => analyseSentence(sentence, options.ownWords).map((c) => c.actor);

describe('clauses', () => {
  it('finds who acts: the member (named, pronoun, implied), staff, peers, someone outside, a body part', () => {
    expect(actors('Nadia sketched her week on the board.')).toEqual(['member']);
    expect(actors('Sketched her week on the board and then explained the gaps.')).toEqual(['member', 'member']);
    expect(actors('The co-leader paused the drill; she took a breath.')).toEqual(['staff', 'member']);
    expect(actors('A peer offered a ride, and she accepted.')).toEqual(['peer', 'member']);
    expect(actors('Her landlord called the office about the noise.')).toEqual(['outside']);
    expect(actors('During the scan her hands unclenched.').at(-1)).toBe('body');
  });

  it('marks habit, plans, prompts and the passive', () => {
    const [habit] = analyseSentence('Usually brings snacks for everyone.');
    expect(habit.habitual).toBe(true);
    const [plan] = analyseSentence('Will look for a second job next month.');
    expect(plan.future).toBe(true);
    const [prompt] = analyseSentence('When asked, named her sister as the person she calls.');
    expect(prompt.prompted).toBe(true);
    const [passive] = analyseSentence('Was redirected twice during the exercise.');
    expect(passive.passive).toBe(true);
  });
});

describe('participation', () => {
  it('counts what the member said with content or did, in ordinary verbs', () => {
    expect(read('Recalled the morning she missed the court date and what the judge said.').participation).toBe(true);
    expect(read('Circled the three bills she cannot pay this month.').participation).toBe(true);
    expect(read('Told the group the lease ends in March.').participation).toBe(true);
    expect(read('Declined to share when the facilitator invited her.').participation).toBe(true);
  });

  it('does not count status, level, collateral, mental status, habit, plans or stock', () => {
    for (const sentence of [
      'Reports poor sleep and cravings 6/10 since Sunday.',
      'Mostly quiet; spoke when called on.',
      'Her probation officer phoned to say she missed a meeting.',
      'Casually dressed, affect restricted, oriented x3.',
      'Always arrives early and likes word puzzles.',
      'Will practise the script at home.',
      'Participated appropriately and was engaged throughout.',
      'Discussed stress.',
      '[x] Active [ ] Minimal',
    ]) expect(read(sentence).participation, sentence).toBe(false);
  });
});

describe('participation read past form layout and reported speech', () => {
  it('reads what is written beside a checkbox row, not the options themselves', () => {
    expect(read('[ ] Engaged [x] Minimal\nTheme worked on: told the group "if I slip once I have failed."').participation).toBe(true);
    expect(read('[x] Engaged [ ] Minimal [ ] Withdrawn').participation).toBe(false);
    expect(read('Theme worked on: [x] Shame [ ] Guilt').participation).toBe(false);
  });

  it('counts a status the member explains with content of their own, not a status with a date', () => {
    expect(read('Said she skipped meals so nobody at work would see her shaking hands.').participation).toBe(true);
    expect(read('Reports poor sleep since the move in August.').participation).toBe(false);
  });

  it('keeps the member as the speaker after a quotation standing alone', () => {
    expect(read('"Rules are for other people"; said Luis is the only one who "means it."').participation).toBe(true);
  });

  it('reads heard voices and mental-status phrases as presentation, not acts', () => {
    expect(read('Voices "quieter since Monday."').participation).toBe(false);
    expect(read('Voices louder at night.').participation).toBe(false);
    expect(read('Blunted affect, no formal thought disorder noted.').participation).toBe(false);
    expect(read('Voices concern that her landlord will evict her before the hearing.').participation).toBe(true);
  });
});

describe('who acts, in harder sentences', () => {
  it('finds the subject after an opening participle or "while" phrase, and a person named before their verb', () => {
    expect(actors('Looking at the chart she said it was "way more than I thought."').at(-1)).toBe('member');
    expect(actors('While sketching she noticed her jaw was tight.')).toContain('member');
    expect(actors('Her case manager, Ms. Oyelaran, reported a missed appointment.').at(-1)).not.toBe('member');
    expect(actors('Mr. Banks (school counselor) reports two detentions.').at(-1)).not.toBe('member');
  });

  it('reads "Given a handout" and "took part" as nothing the member did', () => {
    expect(read('Given a handout on sleep hygiene.').participation).toBe(false);
    expect(read('Took an active part in the exercise.').participation).toBe(false);
    expect(read('Took an active part in the exercise.', true, true).response).toBe(false);
  });

  it('counts taking or using something named in the work, not a break, a seat, the medication or a role', () => {
    expect(read('Took the harder of the two scripts from the stack and read it first.').participation).toBe(true);
    expect(read('Used the urge log during the role-play with her partner.').participation).toBe(true);
    expect(read('Took a short break and her medication at the midpoint.').participation).toBe(false);
    expect(read('Took on the role of timekeeper for the others.').participation).toBe(false);
  });

  it('counts an event told with its particulars, even when it opens with a status word', () => {
    expect(read('Said she lost her job at the bakery on Friday and has not told her husband yet.').participation).toBe(true);
    expect(read('Reported low mood and poor sleep since Monday.').participation).toBe(false);
  });

  it('reads rated form items, symptom reports, history and what happened outside the session as no participation', () => {
    expect(read('Sharing own story (specifics): 3 | Takes feedback calmly: 2 | Homework: 1').participation).toBe(false);
    expect(read('Reports hearing voices "most of the day."').participation).toBe(false);
    expect(read('Drove a peer to the pharmacy after group.').participation).toBe(false);
    expect(read('Veteran of two tours with a long history of panic attacks.').participation).toBe(false);
    expect(read('She has started skipping meals at work and texts her sponsor repeatedly.').participation).toBe(false);
  });

  it('reads tears while telling, a neighbour in the story and tears alone in a Response field as no response', () => {
    expect(read('Client tearful and shaky while describing the phone call.', true, true).response).toBe(false);
    expect(read('Left her son with a neighbour on Friday; said she felt "like a bad mother."').response).toBe(false);
    expect(read('Client tearful.', false, true).response).toBe(false);
    expect(read('Responded to a challenge from Dee by agreeing to call her brother on Sunday.').response).toBe(true);
  });

  it('reads a capitalised note word at a sentence start as no person, and "and afterwards said" as after the exercise', () => {
    expect(actors('Affect constricted.')).not.toContain('peer');
    expect(actors('Treatment plan reviewed with her.')).not.toContain('peer');
    expect(read('The leader set up a role-play; she asked twice, and afterwards said it was the first time she asked without apologising.').response).toBe(true);
  });

  it('reads choosing inside a named exercise as doing it, and a possessive inside a proper name as no person', () => {
    expect(read('Chose "courage" in the values card sort.', true).response).toBe(false);
    expect(read('Chose "courage" in the values card sort.', true).participation).toBe(true);
    expect(read('Talked about Mother\'s Day, which she called "the worst Sunday of the year."').response).toBe(false);
  });

  it('counts a revised rating, and what the member did with the group\'s help, as a reaction', () => {
    expect(read('Predicted the boss would fire her 80%; revised to 30%.').response).toBe(true);
    const [first] = analyseSentence('With the group\'s help she traced the slip back to a skipped lunch.');
    expect(read('With the group\'s help she traced the slip back to a skipped lunch.').elicitor).toBe(true);
    expect(first.actor).toBe('member');
  });

  it('does not take a quoted verdict or a vague intention as content', () => {
    expect(read('Stated group was "nice."').participation).toBe(false);
    expect(read('He said he would like to make it part of his day.', false, true).response).toBe(false);
    expect(read('He said he would try the breathing on the bus before his shift.', false, true).response).toBe(true);
  });
});

describe('response', () => {
  it('counts a reaction to something done in the session, in the same or the previous sentence', () => {
    expect(read('After the co-leader modelled the script, she tried it and said the second try felt "less stiff."').response).toBe(true);
    expect(read('Given the list of clinics, circled the one on her bus line.').response).toBe(true);
    expect(read('During the breathing drill her shoulders dropped.').response).toBe(true);
    expect(read('Shrugged and changed the subject each time the leader asked about drinking.').response).toBe(true);
    expect(read('Distress 8/10 before the grounding exercise and 4/10 after.').response).toBe(true);
    expect(read('She wrote it on her hand.', true).response).toBe(true);
  });

  it('does not count feelings this week, affect while sharing, wishes, or stock reactions', () => {
    for (const sentence of [
      'Felt drained most of the week after double shifts.',
      'Was tearful while describing the funeral.',
      'Said she hopes to move closer to her sister.',
      'Was receptive to feedback and appeared to benefit.',
      'Responded to the exercise in a positive manner.',
      'Reported that the breathing was helpful.',
      'Found the grounding card useful.',
    ]) expect(read(sentence).response, sentence).toBe(false);
    expect(read('Found the grounding card useful.', true).response).toBe(false);
    expect(read('Found the grounding card useful.').participation).toBe(false);
    expect(read('Found the grounding card useful because it fits in her purse.', true).response).toBe(true);
  });

  it('in a Response field, uptake needs no named cause but talk is still not a response', () => {
    expect(read('Agreed to call the clinic before Friday.', false, true).response).toBe(true);
    expect(read('Talked about her cousin\'s wedding plans.', false, true).response).toBe(false);
  });
});

describe('sentences that open with a phrase before the subject', () => {
  it('finds the member after an opening place, time or activity phrase', () => {
    expect(actors('At the lunch break he told the intern the video was "way too fast".')[0]).toBe('member');
    expect(read('At the close of the stretching exercise she said her knee had stopped throbbing, and asked for the sheet.').response).toBe(true);
    expect(read('In the pebble exercise picked the grey stone and called it "the stubborn one".').participation).toBe(true);
    expect(read('Before going told the circle she "hides in chores" and grinned that the oven was spotless again.').participation).toBe(true);
    expect(read('After the tapping exercise said the buzzing in her ears had faded.').response).toBe(true);
  });

  it('reads a noun phrase that names no person before "said" as the opener\'s object, and a capitalised credential as staff', () => {
    expect(read('After the walk-through said it left her "jittery but proud," and wrote the steps on her wrist.').response).toBe(true);
    expect(actors('After the walk-through said it left her jittery.')[0]).toBe('member');
    expect(actors('When the LMHC asked about the weekend, she went quiet.')).toEqual(['staff', 'member']);
  });

  it('still reads a person in the opening clause as its own subject', () => {
    expect(actors('When the intern remarked on the silence, he folded his arms.')).toEqual(['staff', 'member']);
    expect(actors('Asked peer support specialist Rhona Dale about evening meetings.')[0]).toBe('member');
  });

  it('reads clean time, abstinence and adherence told or reported as a status', () => {
    for (const sentence of [
      'Reports 40 days abstinent from alcohol.',
      'Reports taking lithium as prescribed.',
      'Reports low motivation and staying in bed until noon.',
      'Before leaving told the group he has 9 days since last heroin use.',
    ]) expect(read(sentence).participation, sentence).toBe(false);
    expect(read('Told the group he has 9 days clean because his daughter asked him to stop, and that he keeps her note in his wallet.').participation).toBe(true);
  });
});

describe('what a reaction is not', () => {
  it('leaving for an appointment is logistics; leaving the circle during the exercise is walking out', () => {
    expect(read('Left after half an hour for her bloods.', true).response).toBe(false);
    expect(read('Left the circle during the body scan and sat on the stairs.', true).response).toBe(true);
    expect(read('Left within five minutes of the role-play starting.', true).response).toBe(true);
    expect(read('Left after about 15 minutes because his train was cancelled.', true).response).toBe(false);
    // what the member told may have happened after class; the telling is in the session
    expect(read('Told the group about the shouting match with her coach after practice on Friday.').participation).toBe(true);
  });

  it('a remark about the time up to now is a history, also in a Response field', () => {
    expect(read('Said it has been a lonely winter since the layoff.', false, true).response).toBe(false);
    expect(read('Said he has been "coasting on autopilot" since the move.', false, true).response).toBe(false);
    expect(read('Said it was "weird but good" to hear her own voice on the recording.', false, true).response).toBe(true);
  });
});

describe('people the project lists do not name (WordNet nouns for people)', () => {
  it('reads a person noun as someone other than the member, staff when it is a kind of worker', () => {
    expect(actors('When the registrar remarked on the empty chairs, she folded her arms.')).toEqual(['staff', 'member']);
    expect(read('When the registrar remarked on the empty chairs, she folded her arms and looked away.').response).toBe(true);
    expect(actors('Ward physiotherapist said the new frame arrives on Monday.')[0]).toBe('staff');
    expect(actors('A stranger shouted at him on the tram.')[0]).toBe('outside');
  });

  it('reads what staff report about the member as their report, not the member\'s act', () => {
    expect(actors('Night staff report he paced the corridor and refused supper.')).not.toContain('member');
    expect(read('Night staff report he paced the corridor and refused supper.').participation).toBe(false);
    expect(actors('The orderly reflected; he agreed to bring the form back.')).toEqual(['staff', 'member']);
  });
});

describe('levels, attendance and habits told', () => {
  it('does not count chatting, being accompanied, finishing the session, or a habit reported up to now', () => {
    for (const sentence of [
      'Laughed a lot and chatted with peers and the student nurse.',
      'Accompanied by recovery coach Dana Whitlow for the whole walk.',
      'Finished the session on the sofa.',
      'Stayed for the whole group.',
      'Reports she has been knitting in the day room most afternoons.',
    ]) expect(read(sentence).participation, sentence).toBe(false);
    expect(actors('Care home staff report she skipped lunch.')[0]).toBe('staff');
  });
});

describe('collateral, wishes, history and the stock form of taking something', () => {
  it('does not count what a sentence says on someone else\'s report, a need reported, or an act months back', () => {
    for (const sentence of [
      'Broke a window in the common room on Friday (staff report).',
      'Refused the morning walk per night staff.',
      'States she needs a bus pass and a quieter room.',
      'Moved out of her sister\'s flat two months ago after the argument.',
    ]) expect(read(sentence).participation, sentence).toBe(false);
  });

  it('reads "accepted the consequence appropriately" as stock, and taking up a named suggestion as a response', () => {
    expect(read('Accepted redirection appropriately.', true).response).toBe(false);
    expect(read('Took feedback from peers well.', true, true).response).toBe(false);
    expect(read('Accepted the suggestion to text her sponsor and typed the message during the break.', true).response).toBe(true);
  });
});

describe('form habits of other countries', () => {
  it('reads a screen answer alone, "gets involved" and a reported improvement as no participation', () => {
    for (const sentence of ['Suicidal ideation: denied.', 'Gets involved in the dynamics.', 'Reports improvement since the first appointment.', 'Says she has been "flatter than usual" all week.', 'Interested, cooperative.', 'Showed understanding.'])
      expect(read(sentence).participation, sentence).toBe(false);
    expect(read('Got involved in the role-play as the angry neighbour and raised her voice on cue.').participation).toBe(true);
  });
});

describe('plan references', () => {
  it('reads clinic notations and goals in words', () => {
    for (const text of ['My Action Step 2: walk to the shop twice a week.', 'STG 3: two meetings a week.', 'Goal III: regular sleep.', 'O-2.1', 'Obj. C: cook twice a week.', 'Works toward his treatment-plan goal of keeping his temper at work.', 'Problem 2 / STG 1b'])
      expect(ownPlanReferences(text).length, text).toBeGreaterThan(0);
  });

  it('leaves out goals someone else owns, session goals and reviews', () => {
    for (const text of ['Helped a newer member whose goal 2 is finding a sponsor.', 'The workbook lesson 4 lists objective 3.', 'Her parole plan has goal 1, steady work.', 'Her goal for tonight was to speak once.', 'Her probation conditions list goal 1, twenty sessions.'])
      expect(ownPlanReferences(text), text).toEqual([]);
    expect(fieldNamesGoal('Reviewed with client; still fits.')).toBe(false);
    expect(fieldNamesGoal('Continue DBT skills group.')).toBe(false);
    expect(fieldNamesGoal('parole condition: attend twelve weeks of group.')).toBe(false);
    expect(fieldNamesGoal('Replace shouting with a time-out at home.')).toBe(true);
  });

  it('reads an abbreviation with the goal written after its colon, and leaves out another aim written in a goal field', () => {
    expect(ownPlanReferences('P: STG: ride the bus to the library alone by June.').length).toBeGreaterThan(0);
    expect(ownPlanReferences('P: LTG: as discussed.')).toEqual([]);
    expect(ownPlanReferences('Personal goal: Group aim: feel steadier on the stairs.')).toEqual([]);
    expect(ownPlanReferences('Individual goal: Series goal (everyone): finish the memory box.')).toEqual([]);
    expect(fieldNamesGoal('Homework: log each panic spell in the notebook.')).toBe(false);
    expect(fieldNamesGoal('Walk to the post office with the frame twice a week.')).toBe(true);
  });

  it('reads a clinic\'s own objective code with the goal in words after it, but not a scale\'s score', () => {
    expect(ownPlanReferences('ITO-2: take the bus to the market alone.').length).toBeGreaterThan(0);
    expect(ownPlanReferences('**PIA 3 (individual care plan):** sleep before midnight.').length).toBeGreaterThan(0);
    expect(ownPlanReferences('**Goal of the PIA:** fewer nights in the crisis unit.').length).toBeGreaterThan(0);
    expect(ownPlanReferences('PCL-5: 44, BDI-2: 21.')).toEqual([]);
  });

  it('leaves out a school plan, a goal given to the whole group, and ticked goal areas; reads a goal name across a line', () => {
    expect(ownPlanReferences('IEP goal 3: raise a hand before speaking in class.')).toEqual([]);
    expect(ownPlanReferences('Goal 1 (set for everyone this month): bring one song to share.')).toEqual([]);
    expect(fieldNamesGoal('[x] Self-esteem [ ] Anger [ ] Grief')).toBe(false);
    expect(ownPlanReferences('Works on her ISP\nobjective: take the tram to the day centre without staff.').length).toBeGreaterThan(0);
  });
});
