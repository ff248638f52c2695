import { describe, expect, it } from 'vitest';
import { findingsOf, flagged, groupNote } from '../helpers.js';

const roster = [
  { id: '3391', name: 'Teresa Ruiz' },
  { id: '3407', name: 'Kevin Marsh' },
];

function note(teresa: string, kevin = 'Kevin described a craving on Sunday and used a heating pad instead; he rated the urge 8/10 falling to 5/10 after urge surfing. Treatment plan goal 1.2.'): string {
  return groupNote(roster, `## Teresa Ruiz (3391)\n\n${teresa}\n\n## Kevin Marsh (3407)\n\n${kevin}\n`);
}

describe('participation-missing', () => {
  const RULE = 'participation-missing';

  it('fires at the heading when nothing says what the member did', () => {
    const text = note('**Treatment plan:** Goal 2.3.\n\n**Plan:** Call sponsor before family events.');
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(1);
    expect(flagged(text, found)).toEqual(['## Teresa Ruiz (3391)']);
    expect(found[0].member).toBe('3391');
  });

  it('fires at the label of an empty or placeholder field', () => {
    for (const placeholder of ['', 'N/A', 'see above', 'TBD', '[insert participation]']) {
      const text = note(`**Participation:** ${placeholder}\n\n**Response:** Said she felt relieved after disclosing.\n\n**Treatment plan:** Goal 2.3.`);
      const found = findingsOf(text, RULE);
      expect(found, placeholder).toHaveLength(1);
      expect(found[0].message).toContain('empty or a placeholder');
      expect(flagged(text, found)[0]).toContain('Participation');
    }
  });

  it('reads a form\'s free-text item when its Participation item is only a rating', () => {
    const text = note('- Objective: Obj. 3, cook a simple meal.\n- Staff comments: Cracked the eggs herself and told the intern she learned it from her uncle "back when things were OK."\n- Participation: 4-Active. Mood: 3-Flat.');
    expect(findingsOf(text, RULE)).toHaveLength(0);
    const bare = note('- Objective: Obj. 3, cook a simple meal.\n- Staff comments: Pleasant and cooperative throughout.\n- Participation: 4-Active. Mood: 3-Flat.');
    expect(findingsOf(bare, RULE)).toHaveLength(1);
  });

  it('reads a discussion of the topic the Interventions field names as topic only', () => {
    const topicOnly = note('**Interventions:** Psychoeducation on the cycle of avoidance.\n\n**Participation:** Discussed the cycle of avoidance.\n\n**Response:** Rated urge 7/10 before and 4/10 after the drill.\n\n**Treatment plan:** Goal 2.3.');
    expect(findingsOf(topicOnly, RULE)).toHaveLength(1);
    const own = note('**Interventions:** Psychoeducation on the cycle of avoidance.\n\n**Participation:** Discussed skipping her cousin\'s wedding to dodge questions about work.\n\n**Response:** Rated urge 7/10 before and 4/10 after the drill.\n\n**Treatment plan:** Goal 2.3.');
    expect(findingsOf(own, RULE)).toHaveLength(0);
  });

  it('reports stock phrases as generic, at the phrase', () => {
    const text = note('**Participation:** Client participated appropriately and was engaged and attentive throughout the session.\n\n**Response:** Rated 6/10 before and 3/10 after.\n\n**Treatment plan:** Goal 2.3.');
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('stock phrases');
    expect(flagged(text, found)).toEqual(['Client participated appropriately and was engaged and attentive throughout the session.']);
  });

  it('accepts narrative prose and documented non-participation', () => {
    expect(findingsOf(note('Teresa opened the check-in by disclosing a lapse on Saturday after an argument with her mother. She appeared relieved after disclosing. Plan goal 2.3.'), RULE)).toEqual([]);
    expect(findingsOf(note('Declined to share during check-in and kept her camera off for the first hour. Did not respond when invited to the exercise. Goal 2.3.'), RULE)).toEqual([]);
  });

  it('accepts SOAP, DAP and BIRP layouts', () => {
    const soap = note('S: Reports two nights of poor sleep before her court date.\nO: Fidgeting, spoke quickly, practised paced breathing with the group.\nA: Anxiety decreased from 8/10 to 5/10 after the exercise.\nP: Goal 2.3, breathing twice daily.');
    expect(findingsOf(soap, RULE)).toEqual([]);
    expect(findingsOf(soap, 'response-missing')).toEqual([]);
    const birp = note('- B: Described urges after payday and named the trigger "cash in hand".\n- I: Chain analysis.\n- R: Agreed to give her card to her sister on paydays.\n- P: Objective 2.1.');
    expect(findingsOf(birp, RULE)).toEqual([]);
    expect(findingsOf(birp, 'response-missing')).toEqual([]);
  });
});

describe('participation-missing, reading who acts', () => {
  const RULE = 'participation-missing';

  it('does not take the clinician\'s Interventions field, or a collateral report after a named person, as the member\'s acts', () => {
    expect(findingsOf(note('**Progress:** Said her mood was low all week.\n**Interventions:** Taught box breathing; rehearsed it together twice.\n**Response:** Seemed open to it.\n**Treatment plan:** Goal 2.3.'), RULE)).toHaveLength(1);
    expect(findingsOf(note('Her outpatient psychiatrist, Dr. Aalto, reported by phone that she missed two doses. Alert, affect restricted. Goal 2.3.'), RULE)).toHaveLength(1);
    expect(findingsOf(note('**Problem:** Court-ordered to attend 20 sessions; 9 attended.\n**Intervention:** Psychoeducation on tolerance.\n**Evaluation:** Was attentive. Goal 2.3.'), RULE)).toHaveLength(1);
  });

  it('still counts the member written out in an Interventions field', () => {
    expect(findingsOf(note('**Interventions:** Teresa role-played asking her landlord for a repair, twice.\n**Response:** Said the second try felt "less shaky."\n**Treatment plan:** Goal 2.3.'), RULE)).toEqual([]);
  });
});

describe('response-missing', () => {
  const RULE = 'response-missing';

  it('counts a rating that changed from one field to the Response field', () => {
    const text = note('**Participation:** Worry 9/10 at check-in; named the landlord letter as the cause.\n\n**Response:** Worry 6/10 after the worry-time drill.\n\n**Treatment plan:** Goal 2.3.');
    expect(findingsOf(text, 'response-missing')).toHaveLength(0);
    const one = note('**Participation:** Named the landlord letter as the worry.\n\n**Response:** Worry 6/10 at the end.\n\n**Treatment plan:** Goal 2.3.');
    expect(findingsOf(one, 'response-missing')).toHaveLength(1);
  });

  it('reads a PIE Evaluation field as the response, and a short field that only names what was done to the member as no response', () => {
    expect(findingsOf(note('**Problem:** Described drinking alone after shifts.\n**Intervention:** Motivational interviewing.\n**Evaluation:** Verbalized understanding.\nGoal 2.3.'), RULE)).toHaveLength(1);
    expect(findingsOf(note('**B:** Described yelling at a driver who cut her off; said her thought was "she did that to me" and that she felt "insulted."\n**I:** Role-play with peer feedback.\n**R:** Teresa was given feedback by peers.\n**P:** Goal 2.3.'), RULE)).toHaveLength(1);
  });

  it('reads "Unable to assess" as a placeholder, and "her partner" as someone in the member\'s life', () => {
    const unable = findingsOf(note('**Participation:** Asked the group how they keep friends while working nights.\n**Response:** Unable to assess.\n**Treatment plan:** Goal 2.3.'), RULE);
    expect(unable.map((f) => f.data?.evidence)).toEqual(['placeholder']);
    expect(findingsOf(note('Described a week of fighting with her partner and skipping meals; asked the group whether feeling this bad means treatment is failing. Goal 2.3.'), RULE)).toHaveLength(1);
  });

  it('does not count tears while the member told their own story as a response', () => {
    expect(findingsOf(note('**D:** Described the week she stopped answering her sister\'s calls and stayed in bed; said her sister has texted twice and she has opened neither.\n**A:** Client tearful while describing Sunday. Affect congruent with content.\n**P:** Goal 2.3.'), RULE)).toHaveLength(1);
  });

  it('fires when the member did things but no response is documented (the Kevin case)', () => {
    const kevin = 'Kevin was quiet and kept his camera off for most of the session. He typed in the chat that he was "fine" and had no cravings this week. The facilitator invited him twice to join the exercise. Plan: check in by phone tomorrow.';
    const text = note('Teresa disclosed a lapse and walked the group through the chain; she said she felt relieved after. Goal 2.3.', kevin);
    const found = findingsOf(text, RULE);
    expect(found.map((f) => f.member)).toEqual(['3407']);
    expect(flagged(text, found)).toEqual(['## Kevin Marsh (3407)']);
    expect(findingsOf(text, 'participation-missing')).toEqual([]);
  });

  it('reports stock response phrases as generic', () => {
    const text = note('**Participation:** Described the flight to her sister and rated takeoff 6/10.\n\n**Response:** Client was receptive to feedback and appeared to benefit from the group.\n\n**Treatment plan:** Goal 2.3.');
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/stock phrases \("was receptive.*", "appeared to benefit/);
  });

  it('fires at a placeholder Response subheading', () => {
    const text = note('### Participation\n\nDescribed the argument with her mother in detail.\n\n### Response\n\nsee above\n\n### Treatment plan\n\nGoal 2.3');
    const found = findingsOf(text, RULE);
    expect(found).toHaveLength(1);
    expect(flagged(text, found)).toEqual(['Response']);
  });

  it('accepts a specific response written in a Response field or in narrative, and a documented non-response', () => {
    expect(findingsOf(note('- Participation: Described the flight.\n- Response: Tolerated the exposure; dizziness peaked and faded within a minute.\n- Goal 2.3'), RULE)).toEqual([]);
    expect(findingsOf(note('During urge surfing she rated the craving 8/10 at the start and 5/10 after six minutes. Goal 2.3.'), RULE)).toEqual([]);
    expect(findingsOf(note('Listened during the exercise but did not respond to two invitations to try urge surfing. Goal 2.3.'), RULE)).toEqual([]);
  });

  it("reports the snippets' own prompts as placeholders, never as documentation", () => {
    const text = note('**Participation:** what this member said or did\n\n**Interventions:** what the facilitator or peers did with this member\n\n**Response:** how this member responded: ratings, words, change\n\n**Treatment plan:** Goal 2.3');
    const found = [...findingsOf(text, 'participation-missing'), ...findingsOf(text, RULE)];
    expect(found.map((f) => f.data?.evidence)).toEqual(['placeholder', 'placeholder']);
  });
});

describe('session 11: screens, trends, collateral, form lines and prompts', () => {
  const P = 'participation-missing';
  const R = 'response-missing';

  it('does not read a risk screen in a Response field as a reaction', () => {
    const fires = note('**D:** Told the group her landlord raised the rent and she has not told her son yet.\n**A:** Denies suicidal ideation. Alert and oriented.\n**P:** Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
    const quiet = note('**D:** Told the group her landlord raised the rent and she has not told her son yet.\n**A:** Denies SI. When the leader reflected how tired she sounded, she nodded and said "I am done being the one who fixes everything."\n**P:** Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
  });

  it('reads "more reluctant, less invested than before" as a trend, not a reaction', () => {
    const fires = note('**D:** Said she spent the weekend packing boxes for the move to her cousin\'s flat.\n**A:** More reluctant and less invested than the week before.\n**P:** Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
    const quiet = note('**D:** Said she spent the weekend packing boxes for the move to her cousin\'s flat.\n**A:** Reluctant at first to try the empty chair; once the leader showed how, she spoke to her cousin for two minutes.\n**P:** Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
  });

  it("does not treat staff passing on collateral, or laughing to oneself, as something answered", () => {
    const fires = note('Described the bus route she now takes to the pharmacy. Case manager Dana Frye reports she has missed two meals at the shelter. Smiled to herself at times. Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
    const quiet = note('Described the bus route she now takes to the pharmacy. The counselor asked what she noticed in the video; she smiled and said the man\'s excuses sounded like her own. Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
  });

  it('reads a labelled line of a form on its own, even right under rated rows', () => {
    const row = 'Time present: 45 min | Role-plays: 2 | Attentiveness: 3 | Cooperation: 4\nHomework done: [ ] Yes [x] No\n';
    const quiet = note(`${row}Notes: told the group she priced three phone plans and asked which one has no contract.\nGoal: Goal 2.3.`);
    expect(findingsOf(quiet, P)).toEqual([]);
    const fires = note(`${row}Notes: engaged and pleasant.\nGoal: Goal 2.3.`);
    expect(findingsOf(fires, P)).toHaveLength(1);
  });

  it('counts a reaction that names the others in the group as a response to the group', () => {
    const quiet = note('Said "I was relieved that other parents lose their temper too" and that she had "thought it was only me." Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
    const fires = note('Said "I was relieved, my week was long" and that she had "thought it was only me." Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
  });

  it('does not count the leader\'s question ("when asked about ...") as what the member did', () => {
    const fires = note('When asked about her job search, her shoulders tensed and she looked at the floor. Goal 2.3.');
    expect(findingsOf(fires, P)).toHaveLength(1);
    const quiet = note('When asked about her job search, said she drove four hours to see her son for the first time in a year. Goal 2.3.');
    expect(findingsOf(quiet, P)).toEqual([]);
  });
});

describe('session 11 (held-out 9 read): reasons, travel, quoted status, guests, processing, doing what was proposed', () => {
  const P = 'participation-missing';
  const R = 'response-missing';

  it('counts a status the member explains with a reason of their own', () => {
    expect(findingsOf(note('Said she does not have a problem and only came because her aunt drove her. Goal 2.3.'), P)).toEqual([]);
    expect(findingsOf(note('Said she had no problems this week because "nothing happened." Goal 2.3.'), P)).toHaveLength(1);
  });

  it('does not count getting to the group as taking part in it', () => {
    expect(findingsOf(note('Drove in from the coast after a night shift. Seemed tired; mostly quiet. Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('Drove the group through her relapse timeline on the whiteboard, week by week. Goal 2.3.'), P)).toEqual([]);
  });

  it('reads a quoted symptom rating standing alone as status, and a screen answer as no act', () => {
    expect(findingsOf(note('**S:** "The noise in my head was loud again, maybe a 7."\n**O:** Affect flat.\n**A:** Stable.\n**P:** Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('**S:** Denies hearing voices since Friday.\n**O:** Affect flat.\n**A:** Stable.\n**P:** Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('**S:** Said "I threw out the bottle my brother left at my place."\n**O:** Affect flat.\n**A:** Stable.\n**P:** Goal 2.3.'), P)).toEqual([]);
  });

  it('treats a guest speaker as someone acting in the session', () => {
    const text = note('Asked the visiting speaker how she told her children. When the speaker said she waited until she could say it without crying, she nodded and wrote "wait until steady" in her notebook. Goal 2.3.');
    expect(findingsOf(text, R)).toEqual([]);
  });

  it('reads a remark in the processing round as an answer to the exercise', () => {
    const quiet = note('Wore the blindfold first and found the door in two minutes. In processing said following one voice at a time was "hard, like learning to drive again." Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
    const fires = note('Wore the blindfold first and found the door in two minutes. Said she has two dogs at home. Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
  });

  it('counts doing what a peer just proposed', () => {
    const quiet = note('**Participation:** Said sitting near the door keeps her calm at meals.\n**Response:** When a peer suggested she face the wall clock instead of the plates, she did, and ate most of the soup.\n**Treatment plan:** Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
  });

  it('does not count helping others, with nothing said of the help, as participation', () => {
    expect(findingsOf(note('Helped others during the exercise. Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('Helped a newer member fill out her first budget worksheet line by line. Goal 2.3.'), P)).toEqual([]);
  });

  it('reads a clause after a parenthesis and its comma as a clause of its own', () => {
    const text = note('When the co-leader described her own version (a neighbour\'s dog barking at night), Teresa laughed, said "so I\'m not the only one," and agreed to try earplugs this week. Goal 2.3.');
    expect(findingsOf(text, R)).toEqual([]);
  });
});

describe('session 11 (held-out 10 read): compound labels, template lists, roles, mobility, progress, rehearsals', () => {
  const P = 'participation-missing';
  const R = 'response-missing';

  it('reads "Response/progress:" as a Response field and "Mood/appearance:" as a field of its own', () => {
    const fires = note('Mood/appearance: Tidy; restless.\nBehavior: When the leader asked about her week, said her son moved out on Sunday and she has not cooked since.\nResponse/progress: Receptive to feedback; verbalized understanding.\nGoal: Goal 2.3.');
    expect(findingsOf(fires, R)).toHaveLength(1);
    const quiet = note('Mood/appearance: Tidy; restless.\nBehavior: Told the group her son moved out on Sunday and she has not cooked since.\nResponse/progress: When the leader asked what one meal would look like, she named soup on Thursday and wrote it on her card.\nGoal: Goal 2.3.');
    expect(findingsOf(quiet, R)).toEqual([]);
  });

  it("reads the prose under a template's list of interventions as the member's narrative", () => {
    const text = note('Interventions: psychoeducation, thought records, pair work.\nSaid she cancelled her sister\'s visit because the flat "was a mess" and wrote that thought in the first column. Goal 2.3.');
    expect(findingsOf(text, P)).toEqual([]);
  });

  it('does not count a role, a mobility aid or "made progress" as what the member did', () => {
    expect(findingsOf(note('Friendly as ever; acted as the group\'s note-taker. Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('Pain 7/10. Walks with a walker. Goal 2.3.'), P)).toHaveLength(1);
    expect(findingsOf(note('**Participation:** Described the fall in her kitchen and how long she waited for help.\n**Response:** Made good progress toward goals.\n**Treatment plan:** Goal 2.3.'), R)).toHaveLength(1);
  });

  it('keeps an act that opens a sentence before a colon, and a change from one rehearsal to the next', () => {
    expect(findingsOf(note('**Participation:** Presented her family map: four siblings who "never talk about Dad," and a line drawn through her own name.\n**Response:** Said drawing it was "like seeing it from the ceiling."\n**Treatment plan:** Goal 2.3.'), P)).toEqual([]);
    expect(findingsOf(note('Rehearsed asking for a raise with the co-leader playing her boss; on the third attempt she made the request in one sentence. Goal 2.3.'), R)).toEqual([]);
  });
});
