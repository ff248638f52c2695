#!/usr/bin/env node
// Seeded generator of synthetic group-psychotherapy note folders for the benchmark.
//
// Every name, id, group and clinician is invented (surnames are built from syllables). The corpus
// is a stream of groups; each group has a roster of 4 to 12 members (with turnover) and a weekly
// series of sessions, so cross-session clone detection has real work. Some members have a
// treatment plan file and some sessions have a same-day individual note. Problems are injected
// into member sections at known rates (RATES below) and counted in the manifest.
//
// The stream is a pure function of the seed: group g is generated from its own RNG, so the first
// 1,000 files of a 30,000-file corpus are the same files as a 1,000-file corpus.
//
//   node bench/generate.mjs --out /tmp/notes --notes 1000 [--seed 8]
//
// Library use: generateNotes({ seed, notes }) yields { path, text }; writeCorpus(dir, options)
// writes the files and returns the manifest (also written to <dir>/manifest.json).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Injection rates, per present member section (clone: per section that has an earlier one). */
export const RATES = {
  /** section copied from the same member's previous session (cross-session clone) */
  crossSessionClone: 0.04,
  /** response copied from another member's section in the same note */
  copyPaste: 0.05,
  /** another member's first name, full name or id in the section */
  nameLeak: 0.03,
  /** stock phrases only in participation ("participated appropriately") */
  stockParticipation: 0.03,
  /** no response field */
  responseMissing: 0.02,
  /** no treatment-plan reference */
  planLinkMissing: 0.03,
  /** same canned response text every session (per member, chosen when they join) */
  cannedResponseMember: 0.01,
  /** a same-day individual note for this member (30% of them overlap the group's time) */
  individualNote: 0.01,
  /** member has a treatment plan file (per member, when they join) */
  treatmentPlan: 0.8,
};

// ---------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashSeed(...parts) {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  chance(p) {
    return this.next() < p;
  }
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Invented names and vocabulary

const FIRST = {
  she: ['Adela', 'Brina', 'Calla', 'Dorit', 'Elowen', 'Fenna', 'Greer', 'Hollis', 'Ilse', 'Junia', 'Kestra', 'Liesel', 'Marisol', 'Nerys', 'Odile', 'Perrin', 'Quilla', 'Rosalind', 'Saoirse', 'Tamsin', 'Ulla', 'Verity', 'Wynne', 'Yara', 'Zinnia', 'Amara', 'Beatrix', 'Cressida', 'Delphine', 'Emmeline', 'Faye', 'Ginevra', 'Honora', 'Isolde', 'Jessamy', 'Kaia', 'Linnea', 'Maren', 'Nadia', 'Oriel', 'Philippa', 'Rowena', 'Sable', 'Thea', 'Vesna', 'Wren'],
  he: ['Alder', 'Bram', 'Caspian', 'Dorian', 'Emrys', 'Fitzroy', 'Gideon', 'Hale', 'Ivo', 'Jory', 'Kellan', 'Lucan', 'Marek', 'Nevin', 'Osric', 'Piers', 'Quentin', 'Rafferty', 'Soren', 'Tobiah', 'Ulric', 'Vance', 'Wystan', 'Yannick', 'Zeb', 'Anselm', 'Barnaby', 'Cormac', 'Desmond', 'Ewan', 'Fergus', 'Gareth', 'Hartley', 'Ignatius', 'Jasper', 'Konrad', 'Leopold', 'Magnus', 'Niall', 'Oberon', 'Percival', 'Ronan', 'Silas', 'Tiernan', 'Vaughn', 'Wilder'],
  they: ['Ash', 'Blair', 'Cove', 'Dale', 'Eden', 'Finch', 'Gray', 'Harper', 'Indigo', 'Jules', 'Kit', 'Lark', 'Marlo', 'Nico', 'Onyx', 'Pax', 'Quinn', 'Reese', 'Sage', 'Tate'],
};
const ALIASES = { Beatrix: 'Bea', Rosalind: 'Roz', Philippa: 'Pippa', Emmeline: 'Emmy', Jessamy: 'Jess', Isolde: 'Izzy', Barnaby: 'Barney', Ignatius: 'Iggy', Leopold: 'Leo', Percival: 'Percy', Caspian: 'Cas', Tobiah: 'Toby', Gideon: 'Gid', Marisol: 'Mari', Honora: 'Nora', Cressida: 'Cressy' };
const SUR_A = ['Ash', 'Bel', 'Cor', 'Dun', 'Ell', 'Fen', 'Gar', 'Hal', 'Ives', 'Kel', 'Lor', 'Mar', 'Nor', 'Orr', 'Pell', 'Quin', 'Rad', 'Sel', 'Tam', 'Vall', 'Wen', 'Yar', 'Brack', 'Thorn', 'Whit', 'Carr', 'Hol', 'Stam'];
const SUR_B = ['ford', 'brook', 'wick', 'mere', 'ton', 'den', 'ley', 'more', 'by', 'croft', 'well', 'stead', 'ridge', 'holt', 'field', 'combe', 'thwaite', 'worth'];
const PRONOUNS = {
  she: { sub: 'she', obj: 'her', pos: 'her', Sub: 'She', Pos: 'Her' },
  he: { sub: 'he', obj: 'him', pos: 'his', Sub: 'He', Pos: 'His' },
  they: { sub: 'they', obj: 'them', pos: 'their', Sub: 'They', Pos: 'Their' },
};
const CREDENTIALS = ['LCSW', 'LMFT', 'LPC', 'PsyD', 'PhD', 'LICSW', 'LMHC', 'LCPC'];

const PROGRAMS = [
  {
    kind: 'anxiety',
    names: ['Anxiety skills group', 'CBT for anxiety group', 'Panic and avoidance group', 'Social anxiety group', 'Worry management group'],
    topics: ['anticipatory anxiety and avoidance', 'cognitive restructuring of catastrophic predictions', 'building an exposure hierarchy', 'safety behaviors and how they keep fear going', 'interoceptive exposure', 'worry time and postponement', 'tolerating uncertainty', 'assertive requests', 'relapse prevention after exposure work'],
    skills: ['paced breathing', 'a thought record', 'the worry postponement plan', 'interoceptive exposure', 'a graded exposure step', 'behavioral experiment', 'cognitive restructuring', 'grounding with five senses'],
    measures: ['anxiety', 'belief in the prediction', 'urge to leave', 'dread'],
    actions: ['avoiding', 'leaving early from', 'putting off', 'cancelling', 'dreading', 'over-preparing for', 'sitting through', 'walking out of', 'rehearsing for hours before'],
    objects: ['the supermarket checkout', 'a staff meeting', 'a dentist appointment', 'a call to the landlord', 'the crowded 8 am bus', "a friend's birthday dinner", 'a parent-teacher conference', 'a job interview on Zoom', 'the drive over the river bridge', 'a presentation to the regional team', 'a haircut', 'a first date arranged online', "the pharmacy queue", 'a performance review', 'the gym changing room', 'a neighbour\'s barbecue'],
  },
  {
    kind: 'dbt',
    names: ['DBT skills group', 'Emotion regulation group', 'DBT skills group (adolescent)', 'Distress tolerance group'],
    topics: ['wise mind and the what skills', 'TIPP for crisis urges', 'checking the facts', 'opposite action', 'DEAR MAN for requests', 'radical acceptance', 'building mastery and cope ahead', 'self-soothe with the five senses', 'chain analysis of a problem behavior'],
    skills: ['TIPP', 'opposite action', 'DEAR MAN', 'check the facts', 'a chain analysis', 'self-soothe', 'wise mind', 'the STOP skill', 'pros and cons'],
    measures: ['distress', 'urge to act', 'emotion intensity', 'shame'],
    actions: ['a fight with', 'an urge to text', 'walking out on', 'shouting at', 'ignoring messages from', 'a blow-up with', 'a tense call with', 'hiding in the bathroom from'],
    objects: ['a sibling over a borrowed car', 'an ex after midnight', 'a roommate about rent', 'a parent at dinner', 'a shift supervisor', 'a best friend', 'a teacher after class', 'a case manager', 'a cousin at a wedding', 'a partner about chores', 'a coach at practice', 'a landlord about repairs', 'a group chat', 'a grandmother about curfew'],
  },
  {
    kind: 'substance',
    names: ['Relapse prevention group', 'IOP recovery group', 'Early recovery group', 'Alcohol use process group'],
    topics: ['high-risk situations and triggers', 'urge surfing', 'refusal skills', 'rebuilding routines in early recovery', 'repairing trust with family', 'managing weekends', 'recovery supports and meetings', 'HALT and self-care', 'cravings after a lapse'],
    skills: ['urge surfing', 'a refusal script', 'playing the tape forward', 'a trigger map', 'HALT check-ins', 'a recovery schedule', 'calling a support person', 'a decisional balance'],
    measures: ['craving', 'confidence to stay sober', 'stress', 'urge'],
    actions: ['an offer of a drink from', 'cravings around', 'a near-lapse after', 'a tense weekend with', 'boredom and cravings after', 'an argument with', 'an invitation from', 'a payday trip past'],
    objects: ['a coworker at a retirement party', "a former dealer's street", 'an old drinking friend', 'a cousin still using', 'a wedding with an open bar', 'the night shift', 'a funeral', 'a partner about money', 'a football game', 'the liquor store by the bus stop', 'a sponsor who cancelled', 'a brother back from rehab', 'a Friday-night poker game', 'a fishing trip'],
  },
  {
    kind: 'grief',
    names: ['Bereavement support group', 'Grief process group', 'Loss and transition group'],
    topics: ['anniversaries and holidays', 'guilt and what-ifs', 'changes in identity after a loss', 'secondary losses', 'continuing bonds', 'sleep and grief', 'anger at the medical system', 'returning to work after a loss', 'sorting belongings'],
    skills: ['a letter to the person who died', 'a grief timeline', 'scheduling pleasant activities', 'a self-compassion break', 'a memory box', 'a plan for a hard date', 'a walk with a support person', 'journaling with prompts'],
    measures: ['sadness', 'guilt', 'loneliness', 'yearning'],
    actions: ['the first birthday without', 'clearing out the flat of', 'a song that reminded them of', 'dinner alone after losing', 'questions from a grandchild about', 'a hospital visit that brought back', 'a holiday card addressed to', 'selling the car that belonged to', 'a voicemail saved from'],
    objects: ['a spouse of 40 years', 'a mother', 'a younger brother', 'a best friend from school', 'a father who died in hospice', 'a stillborn daughter', 'a husband lost to cancer', 'a wife after a long illness', 'an uncle who raised them', 'a son lost to an overdose', 'a grandmother', 'a former partner', 'a twin sister'],
  },
  {
    kind: 'mood',
    names: ['Depression recovery group', 'Behavioral activation group', 'Mood management group', 'Women\'s mood group'],
    topics: ['behavioral activation and values', 'self-criticism', 'sleep and routine', 'rumination', 'problem solving', 'social connection', 'activity scheduling', 'coping with setbacks', 'values-based goals'],
    skills: ['an activity schedule', 'a values worksheet', 'a problem-solving worksheet', 'a compassionate letter', 'the rumination interruption plan', 'a sleep diary', 'a pleasant activity list', 'a mastery and pleasure log'],
    measures: ['mood', 'energy', 'hopelessness', 'self-criticism'],
    actions: ['staying in bed through', 'missing', 'cancelling', 'dropping out of', 'dreading', 'avoiding', 'barely getting through', 'forcing themself to attend'],
    objects: ["a niece's recital", 'a pottery class', 'a walk with a neighbour', 'the weekly family call', 'a performance review', 'a volunteer shift at the food bank', 'a doctor follow-up', 'the Sunday market', 'a choir rehearsal', 'a lunch with an old colleague', 'the school pickup', 'a job fair', 'a book club meeting', 'a bike ride with a son'],
  },
];

const QUOTES = ['felt fairer than my own voice', 'like letting air out of a balloon', 'harder than it looks', 'the first time the feeling ended on its own', 'weirdly calming', 'not as scary the second time', 'like I was watching myself', 'too much right now', 'something I can actually do at work', 'like a reset button', 'less stupid than I expected', 'the part I keep skipping', 'easier with people watching, oddly', 'like a weight off my chest', 'what my sister keeps telling me', 'something I used to do before all this', 'the only quiet ten minutes of my week', 'a lot to think about', 'not for me yet', 'like cheating, but it worked'];
const MORE_QUOTES = ['I did not think I could sit through it', 'I kept waiting for the other shoe to drop', 'my chest unclenched a bit', 'I want that on a sticky note', 'it is not magic but it helps', 'I was proud of that one', 'honestly exhausting', 'I almost walked out, then did not', 'my kids noticed before I did', 'it was smaller than the story in my head', 'I need to see it written down', 'I can do five minutes, not twenty', 'it made me angry at first', 'a relief to say it out loud', 'I forgot to breathe until the end', 'my body did it before my brain agreed', 'not yet, maybe next week', 'the numbers surprised me', 'like talking to an old friend', 'I wish I had learned this at twenty'];
const WORK = ['warehouse job', 'night shifts at the bakery', 'job at the call centre', 'retail job at the garden centre', 'classes at the community college', 'work as a bus driver', 'new job in accounts', 'shifts at the care home', 'job at the print shop', 'part-time work at the library', 'delivery route', 'apprenticeship with an electrician', 'work on the hospital switchboard', 'job at the car wash'];
const PEOPLE = ['a younger sister', 'an older brother', 'a teenage son', 'a daughter away at college', 'a mother with dementia', 'a father in another state', 'a partner of ten years', 'a new girlfriend', 'a new boyfriend', 'a roommate', 'a grandmother', 'a stepfather', 'a best friend', 'an aunt'];
const PEOPLE_DETAIL = ['who just moved back home', 'in the army', 'who stopped calling', 'recovering from surgery', 'who lives upstairs', 'back from prison', 'expecting a baby', 'who drinks heavily', 'in a care home', 'who lost a job', 'starting high school', 'who criticises everything', 'in another city', 'with long COVID', 'going through a divorce', 'who owes money'];
const TIMEFRAMES = ['last Tuesday', 'over the weekend', 'twice since the last session', 'on Friday evening', 'early in the week', 'three days ago', 'on the way to group', 'after a long shift', 'on Sunday morning', 'during a family visit'];
const CONTEXTS = ['at work', 'at home', 'with a parent', 'with a partner', 'at the shops', 'on the bus', 'with a roommate', 'at a friend\'s house', 'with coworkers', 'in the car'];
const WORKSHEETS = ['diary card', 'thought record', 'tracking sheet', 'weekly log', 'worksheet', 'practice log', 'exposure log', 'homework sheet'];
const PEER_REFS = ['a peer', 'another member', 'the co-facilitator', 'two peers', 'the group'];
const INTERVENTIONS = ['Socratic questioning', 'a role-play', 'paired practice with a peer', 'guided imagery', 'psychoeducation with a handout', 'a brief behavioral rehearsal', 'group problem solving', 'validation and reflection', 'motivational interviewing', 'a chain analysis on the board', 'modeling by the facilitator', 'a mindfulness practice'];
const STOCK = ['Participated appropriately in group discussion.', 'Was attentive and engaged throughout the session.', 'Present and actively participated.', 'Engaged in group discussion and was receptive to feedback.'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday'];

// ---------------------------------------------------------------------------------------------
// Sentence templates (each fills several slots so sections are not near-identical)

const fill = (rng, list) => rng.pick(list);
const situation = (rng, prog) => `${rng.pick(prog.actions)} ${rng.pick(prog.objects)}`;

/** Expands "{a|b|c}" alternatives (not nested) into one random choice each. */
const vary = (rng, text) => text.replace(/\{([^{}]*)\}/g, (_, options) => rng.pick(options.split('|')));

function participation(rng, m, prog) {
  const p = PRONOUNS[m.pronoun];
  const who = m.alias && rng.chance(0.5) ? m.alias : m.first;
  const s = () => situation(rng, prog);
  const options = [
    () => `{${who} described|${who} talked through|Described|Brought up} ${s()} ${fill(rng, TIMEFRAMES)}{, and froze|; left within ten minutes|, then called ${m.person}|; said nothing for an hour afterwards|, handled it better than expected|, and blamed ${p.obj}self for days}.`,
    () => `{Brought|Handed in|Showed the group} ${p.pos} ${fill(rng, WORKSHEETS)} (${rng.int(2, 6)} of 7 days {filled in|completed|done}); {the hardest entry was|the worst day involved|most of it was about} ${s()} ${fill(rng, CONTEXTS)}.`,
    () => `{Quiet for the first ${rng.int(10, 40)} minutes|Slow to join in|Kept ${p.pos} camera off at first|Sat back during check-in}; {when invited, spoke about|eventually raised|opened up about} ${s()} and {how ${m.person} reacted|what ${m.person} said|the argument with ${m.person} after}.`,
    () => `{Asked how others cope with|Wanted ideas for|Asked the group about} ${s()}{, then described ${p.pos} attempt| and shared what happened|; ${p.pos} own try went badly} ${fill(rng, TIMEFRAMES)} ${fill(rng, CONTEXTS)}.`,
    () => `{Volunteered to demonstrate|Offered to model|Took the first turn at|Walked the group through} ${fill(rng, prog.skills)}{ and named| with| tied to} ${s()} {as the moment ${p.sub} would use it|as the next test|as the hard case|in mind}.`,
    () => `{Reported|Counted|Logged} ${rng.int(2, 5)} {spikes|bad days|episodes} of ${fill(rng, prog.measures)} {since the last session|this week|in seven days}, {the worst during|mostly around|peaking with} ${s()} ${fill(rng, TIMEFRAMES)}.`,
    () => `${who} {mentioned|brought up|started with} ${fill(rng, ['a bus delay', 'a shift change', 'a school pickup', 'a medical appointment', 'a call from a caseworker', 'a late rent payment', 'a flat tyre'])} ${fill(rng, TIMEFRAMES)} {that left ${p.obj} rattled before|that spilled into|on top of} ${m.work}.`,
    () => `{Talked about|Spent a while on|Connected} ${m.work} {and|to|with} ${s()}; {said|put it as|summed up:} "${fill(rng, MORE_QUOTES)}."`,
    () => `{Spent most of check-in on|Focused on|Kept coming back to} ${m.person} and ${s()} ${fill(rng, TIMEFRAMES)}.`,
    () => `{Challenged|Pushed back on|Questioned} a peer's {prediction|assumption|story} about ${s()} and {linked it to|compared it with|related it to} ${m.person}.`,
  ];
  return rng.sample(options, rng.int(2, 3)).map((f) => vary(rng, f())).join(' ');
}

function interventions(rng, prog) {
  const a = fill(rng, INTERVENTIONS);
  const b = fill(rng, prog.skills);
  return vary(rng, rng.pick([
    () => `{Facilitator used|Used|Led} ${a} on ${situation(rng, prog)}{ and coached| plus| then} ${b}{ with ${fill(rng, PEER_REFS)} giving feedback|; peers gave feedback|}.`,
    () => `${a[0].toUpperCase()}${a.slice(1)} {about|around|using} ${situation(rng, prog)}; {practiced|rehearsed|tried} ${b} {for about ${rng.int(3, 15)} minutes|twice|with coaching}.`,
    () => `{Therapist set up|Set up|Ran} ${a} {around|on|about} ${situation(rng, prog)} and {reviewed|modelled|assigned} ${b}.`,
  ])());
}

function response(rng, m, prog) {
  const p = PRONOUNS[m.pronoun];
  const measure = fill(rng, prog.measures);
  const before = rng.int(5, 10);
  const after = Math.max(0, before - rng.int(0, 5));
  const s = () => situation(rng, prog);
  const options = [
    () => `{Rated|Put|Scored} ${measure} {at |}${before}/10 {before|ahead of|going into} ${fill(rng, prog.skills)} and ${after}/10 {after|afterwards|by the end}{; said it felt|, calling it|:} "${fill(rng, QUOTES)}."`,
    () => `{Identified|Named|Listed} ${rng.int(2, 4)} {early signs|warning signs|cues} of ${s()}{ and wrote them on| for| in} ${p.pos} ${fill(rng, WORKSHEETS)}; {unsure the plan would hold|doubts it will work|thinks it will be hard} ${fill(rng, CONTEXTS)}.`,
    () => `{Was skeptical of|Resisted|Doubted} ${fill(rng, prog.skills)} {at first|initially|early on} ("${fill(rng, MORE_QUOTES)}"), then {practiced it with|tried it alongside|rehearsed it with} ${fill(rng, PEER_REFS)} {while picturing|thinking of|with an eye to} ${m.person}.`,
    () => `${p.Sub} {became tearful|got angry|went quiet|laughed nervously} {talking about|describing|recalling} ${s()}; ${measure} {went from|dropped from|moved from} ${before}/10 to ${after}/10 {by the end|over the practice|by the close of group}.`,
    () => `{Accepted|Took in|Argued with, then accepted} feedback from ${fill(rng, PEER_REFS)} about ${fill(rng, prog.topics)} and {restated it|put it|summed it up} {in ${p.pos} own words|as|like this}: "${fill(rng, QUOTES)}."`,
    () => `{Declined|Skipped|Sat out} the role-play about ${s()} but {completed|did|managed} ${fill(rng, prog.skills)} {seated|quietly|on ${p.pos} own}; ${measure} ${before}/10 {falling to|down to|then} ${after}/10.`,
    () => `{Practiced|Rehearsed|Used} ${fill(rng, prog.skills)} with ${m.person} in mind; ${measure} ${before} -> ${after}, "${fill(rng, MORE_QUOTES)}."`,
    () => `When ${fill(rng, PEER_REFS)} {pointed out|noticed|named} ${p.pos} ${fill(rng, ['shoulders', 'pace', 'silence', 'jokes', 'apologies', 'eye contact'])}, ${p.sub} {paused|stopped|took a breath} and said "${fill(rng, MORE_QUOTES)}."`,
  ];
  return rng.sample(options, rng.int(1, 2)).map((f) => vary(rng, f())).join(' ');
}

function planLink(rng, m) {
  const goal = rng.pick(m.goals);
  const obj = rng.pick(goal.objectives);
  return rng.pick([
    `Goal ${obj.ref}, ${obj.text}.`,
    `Objective ${obj.ref}: ${obj.text}.`,
    `TP goal ${goal.n} (${goal.text[0].toLowerCase()}${goal.text.slice(1)}); Obj ${obj.ref}.`,
  ]);
}

function nextStep(rng, m, prog, nextDate) {
  const when = nextDate.slice(5).replace('-', '/');
  return vary(rng, rng.pick([
    () => `{Practice|Rehearse|Use} ${fill(rng, prog.skills)} ${rng.int(2, 5)} times before ${situation(rng, prog)}{; review on ${when}|, report back| and log it}.`,
    () => `{Log|Track|Rate} ${fill(rng, prog.measures)} {each evening after|around|during} ${m.work}{; bring the ${fill(rng, WORKSHEETS)} on ${when}|| and bring it next week}.`,
    () => `{Try|Test|Plan} ${fill(rng, prog.skills)} before {talking to|seeing|calling} ${m.person} about ${situation(rng, prog)}.`,
    () => `{Individual session|1:1|Check-in call} ${fill(rng, ['Monday', 'Tuesday', 'Wednesday', 'Friday'])} {to follow up on|about|re:} ${m.person} and ${fill(rng, prog.topics)}.`,
    () => `{One|A daily|A short} ${fill(rng, prog.skills)} practice {a day|each morning|after ${m.work}}, ${rng.int(5, 20)} minutes{, ${fill(rng, CONTEXTS)}|}; rate ${fill(rng, prog.measures)} before and after.`,
  ])());
}

function risk(rng) {
  return rng.pick(['Denies SI/HI.', 'No risk indicators reported.', 'Denies current SI, intent or plan; safety plan reviewed.', 'Passive SI last month per chart; denies current SI. Safety plan on file.', 'No change from last risk assessment.']);
}

// ---------------------------------------------------------------------------------------------
// Groups, members and sessions

function makeMember(rng, state) {
  const pronoun = rng.chance(0.08) ? 'they' : rng.chance(0.5) ? 'she' : 'he';
  const first = rng.pick(FIRST[pronoun]);
  const last = rng.pick(SUR_A) + rng.pick(SUR_B);
  const id = state.idStyle === 'mrn' ? `MRN-${state.nextId++}` : String(state.nextId++);
  return { id, first, last, name: `${first} ${last}`, alias: ALIASES[first] && rng.chance(0.5) ? ALIASES[first] : null, pronoun, work: rng.pick(WORK), person: `${rng.pick(PEOPLE)} ${rng.pick(PEOPLE_DETAIL)}`, goals: null, canned: null, prevBody: null };
}

function planGoals(rng, m, prog) {
  const n = rng.int(2, 3);
  const goals = [];
  for (let g = 1; g <= n; g++) {
    const text = rng.pick([
      () => `Reduce ${rng.pick(prog.measures)} that interferes with ${m.work}`,
      () => `Improve communication with ${m.person} when ${rng.pick(prog.measures)} runs high`,
      () => `Decrease ${rng.pick(prog.actions)} ${rng.pick(prog.objects)}`,
      () => `Increase use of ${rng.pick(prog.skills)} during ${m.work}`,
      () => `Return to ${rng.pick(prog.objects)} with ${m.person}`,
    ])();
    const objectives = [];
    for (let o = 1; o <= rng.int(2, 3); o++) {
      objectives.push({
        ref: `${g}.${o}`,
        text: rng.pick([
          () => `use ${rng.pick(prog.skills)} during ${situation(rng, prog)}`,
          () => `rate ${rng.pick(prog.measures)} ${rng.int(3, 7)}/10 or lower after ${m.work}`,
          () => `${rng.pick(['name', 'list', 'track'])} ${rng.int(2, 4)} triggers tied to ${m.person}`,
        ])(),
      });
    }
    goals.push({ n: g, text, objectives });
  }
  return goals;
}

const pad = (n) => String(n).padStart(2, '0');
const addDays = (iso, days) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const clock = (minutes) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function planFile(m, prog, effective) {
  const lines = ['---', 'note: treatment-plan', `patient: ${m.id}`, `name: ${m.name}`, `diagnoses: [${prog.kind === 'substance' ? 'F10.20' : prog.kind === 'mood' ? 'F33.1' : prog.kind === 'grief' ? 'F43.21' : prog.kind === 'dbt' ? 'F60.3' : 'F41.1'}]`, `effective: ${effective}`, `review-by: ${addDays(effective, 180)}`, '---', '', `# Treatment plan: ${m.name}`, ''];
  for (const g of m.goals) {
    lines.push(`## Goal ${g.n}: ${g.text}`, '');
    for (const o of g.objectives) lines.push(`- **${o.ref}** ${o.text[0].toUpperCase()}${o.text.slice(1)}.`);
    lines.push('');
  }
  return lines.join('\n');
}

function individualFile(rng, m, date, start, facilitator, prog) {
  const length = rng.pick([45, 53, 60]);
  const cpt = length === 45 ? 90834 : length === 53 ? 90834 : 90837;
  return [
    '---',
    'note: individual-psychotherapy',
    `cpt: ${cpt}`,
    `patient: ${m.id}`,
    `name: ${m.name}`,
    `date: ${date}`,
    `start: "${clock(start)}"`,
    `end: "${clock(start + length)}"`,
    'setting: in-person',
    `provider: ${facilitator}`,
    '---',
    '',
    '# Individual session',
    '',
    `Reviewed the week's practice of ${rng.pick(prog.skills)} and ${situation(rng, prog)}. ${participation(rng, m, prog)}`,
    '',
    `**Plan:** ${nextStep(rng, m, prog, addDays(date, 7))}`,
    '',
  ].join('\n');
}

/**
 * Yields { path, text, kind } for `notes` files (group notes, plans and individual notes), and
 * counts what was injected into `stats` when given.
 */
export function* generateNotes({ seed = 8, notes = 1000, rates = RATES, stats = newStats() } = {}) {
  let produced = 0;
  for (let g = 0; produced < notes; g++) {
    for (const file of generateGroup(seed, g, rates)) {
      if (produced >= notes) return;
      produced++;
      stats.files[file.kind]++;
      for (const [k, v] of Object.entries(file.injected ?? {})) stats.injected[k] += v;
      if (file.kind === 'group') {
        stats.memberSections += file.sections;
        stats.membersPerNote[file.roster] = (stats.membersPerNote[file.roster] ?? 0) + 1;
      }
      yield file;
    }
  }
}

export function newStats() {
  return {
    files: { group: 0, plan: 0, individual: 0 },
    memberSections: 0,
    membersPerNote: {},
    injected: { crossSessionClone: 0, cannedResponse: 0, copyPaste: 0, nameLeak: 0, stockParticipation: 0, responseMissing: 0, planLinkMissing: 0, individualOverlap: 0 },
    bytes: 0,
  };
}

function* generateGroup(seed, g, rates) {
  const rng = new Rng(hashSeed(seed, 'group', g));
  const prog = PROGRAMS[g % PROGRAMS.length];
  const state = { nextId: 10000 + g * 1000, idStyle: rng.chance(0.7) ? 'mrn' : 'numeric' };
  const groupName = `${rng.pick(prog.names)} ${rng.pick(['A', 'B', 'C', 'North', 'East', 'evening', 'morning', 'Tuesday', 'Thursday'])}`;
  const groupSlug = `${String(g).padStart(5, '0')}-${slug(groupName)}`;
  const cred = () => rng.pick(CREDENTIALS);
  const facilitator = `${rng.pick([...FIRST.she, ...FIRST.he])} ${rng.pick(SUR_A)}${rng.pick(SUR_B)}, ${cred()}`;
  const coFacilitator = rng.chance(0.3) ? `${rng.pick([...FIRST.she, ...FIRST.he])} ${rng.pick(SUR_A)}${rng.pick(SUR_B)}, ${cred()}` : null;
  const telehealth = rng.chance(0.25);
  const length = rng.pick([60, 75, 90, 90, 120]);
  const start = rng.pick([9 * 60, 10 * 60, 13 * 60, 14 * 60, 17 * 60 + 30, 18 * 60]);
  const targetSize = rng.int(4, 12);
  const sessions = rng.int(12, 40);
  const style = rng.pick(['bold', 'bold', 'bold', 'list', 'dap', 'narrative']);
  const headingStyle = rng.pick(['name-id', 'name-id', 'name', 'id']);
  const flowRoster = rng.chance(0.5);
  let date = addDays('2025-01-06', rng.int(0, 300));
  date = addDays(date, WEEKDAYS.indexOf(rng.pick(WEEKDAYS)));

  const roster = [];
  const join = (when) => {
    const m = makeMember(rng, state);
    if (rng.chance(rates.cannedResponseMember)) m.canned = `Said the group helped and ${PRONOUNS[m.pronoun].sub} will keep practicing the skill from ${rng.pick(prog.topics)} at home.`;
    m.goals = planGoals(rng, m, prog);
    if (rng.chance(rates.treatmentPlan)) {
      m.planEffective = addDays(when, -rng.int(0, 60));
      m.planPending = true;
    }
    roster.push(m);
  };
  for (let i = 0; i < targetSize; i++) join(date);

  for (let s = 0; s < sessions; s++, date = addDays(date, 7)) {
    // turnover: someone leaves, someone joins, size stays within 4..12
    if (s > 0 && rng.chance(0.15) && roster.length > 4) roster.splice(rng.int(0, roster.length - 1), 1);
    if (s > 0 && rng.chance(0.15) && roster.length < 12) join(date);
    while (roster.length < 4) join(date);

    for (const m of roster) {
      if (m.planPending) {
        m.planPending = false;
        yield { kind: 'plan', path: `${groupSlug}/plans/${m.id}.md`, text: planFile(m, prog, m.planEffective) };
      }
    }

    const attendance = roster.map(() => (rng.chance(0.07) ? 'absent' : rng.chance(0.05) ? 'late' : 'present'));
    if (attendance.every((a) => a === 'absent')) attendance[0] = 'present';
    const presentMembers = roster.filter((_, i) => attendance[i] !== 'absent');
    const injected = { crossSessionClone: 0, cannedResponse: 0, copyPaste: 0, nameLeak: 0, stockParticipation: 0, responseMissing: 0, planLinkMissing: 0, individualOverlap: 0 };
    const nextDate = addDays(date, 7);
    const fm = ['---', 'note: group-psychotherapy', 'cpt: 90853', `date: ${date}`, `start: "${clock(start)}"`, `end: "${clock(start + length)}"`];
    fm.push(telehealth ? 'setting: telehealth' : 'setting: in-person', telehealth ? 'pos: 10' : 'pos: 11');
    if (telehealth) fm.push('modifiers: [95]');
    fm.push(`group: ${groupName}`, `facilitator: ${facilitator}`);
    if (coFacilitator) fm.push(`co-facilitator: ${coFacilitator}`);
    fm.push('members:');
    roster.forEach((m, i) => {
      const extra = [m.alias ? `aliases: [${m.alias}]` : null, attendance[i] !== 'present' ? `attendance: ${attendance[i]}` : null].filter(Boolean);
      if (flowRoster) fm.push(`  - {${[`id: ${m.id}`, `name: ${m.name}`, ...extra].join(', ')}}`);
      else {
        fm.push(`  - id: ${m.id}`, `    name: ${m.name}`);
        for (const e of extra) fm.push(`    ${e}`);
      }
    });
    fm.push('---', '');

    const topic = rng.pick(prog.topics);
    const body = [
      `# ${groupName}: ${topic}`,
      '',
      `**Focus:** ${topic[0].toUpperCase()}${topic.slice(1)}; ${rng.pick(prog.skills)} with peer feedback.`,
      `**Format:** ${telehealth ? 'Telehealth (video), members joined from home; identity and location confirmed at start' : 'In-person'}, ${length} minutes, ${presentMembers.length} of ${roster.length} enrolled members present.`,
      `**Interventions used across the group:** ${rng.sample(INTERVENTIONS, 3).join(', ')}.`,
      '',
    ];

    const sections = new Map();
    for (let i = 0; i < roster.length; i++) {
      const m = roster[i];
      if (attendance[i] === 'absent') continue;
      const heading = headingStyle === 'id' ? `## ${m.id}` : headingStyle === 'name' ? `## ${m.alias ?? m.first} ${m.last}` : `## ${m.name} (${m.id})`;
      let text;
      if (m.prevBody && rng.chance(rates.crossSessionClone)) {
        text = m.prevBody;
        injected.crossSessionClone++;
      } else {
        const stock = rng.chance(rates.stockParticipation);
        if (stock) injected.stockParticipation++;
        let part = stock ? rng.pick(STOCK) : participation(rng, m, prog);
        if (attendance[i] === 'late') part = `Arrived ${rng.int(5, 25)} minutes late. ${part}`;
        const others = presentMembers.filter((o) => o !== m);
        if (others.length && rng.chance(rates.nameLeak)) {
          const o = rng.pick(others);
          part += ' ' + rng.pick([`Offered ${o.first} feedback about ${situation(rng, prog)}.`, `Sat with ${o.name} during the break and compared notes.`, `Paired with ${o.first} for the practice.`, `Referred to a conversation with member ${o.id} last week.`]);
          injected.nameLeak++;
        }
        let resp;
        if (m.canned) {
          resp = m.canned;
          injected.cannedResponse++;
        } else if (sections.size && rng.chance(rates.copyPaste)) {
          const [otherMember, other] = rng.pick([...sections.entries()]);
          resp = other.response.split(otherMember.first).join(m.first);
          injected.copyPaste++;
        } else resp = response(rng, m, prog);
        const missingResponse = rng.chance(rates.responseMissing);
        if (missingResponse) injected.responseMissing++;
        const missingLink = rng.chance(rates.planLinkMissing);
        if (missingLink) injected.planLinkMissing++;
        const tp = missingLink ? null : planLink(rng, m);
        const iv = rng.chance(0.6) ? interventions(rng, prog) : null;
        const rk = rng.chance(0.35) ? risk(rng) : null;
        const next = nextStep(rng, m, prog, nextDate);
        text = formatSection(style, { part, iv, resp: missingResponse ? null : resp, tp, rk, next });
        sections.set(m, { response: resp });
      }
      m.prevBody = text;
      body.push(heading, '', text, '');

      if (rng.chance(rates.individualNote)) {
        const overlap = rng.chance(0.3);
        if (overlap) injected.individualOverlap++;
        const at = overlap ? start + rng.int(0, length - 15) : start + length + rng.int(15, 120);
        yield { kind: 'individual', path: `${groupSlug}/individual/${date}-${m.id}.md`, text: individualFile(rng, m, date, at, facilitator, prog) };
      }
    }
    body.push('---', `Signed: ${facilitator}, ${date} ${clock(start + length + rng.int(10, 90))}`);
    if (coFacilitator) body.push(`Co-facilitator: ${coFacilitator}`);
    const text = fm.join('\n') + body.join('\n') + '\n';
    yield { kind: 'group', path: `${groupSlug}/${date}-${slug(prog.kind)}-s${String(s + 1).padStart(2, '0')}.md`, text, injected, sections: presentMembers.length, roster: roster.length };
  }
}

function formatSection(style, { part, iv, resp, tp, rk, next }) {
  const wrap = (s) => s.replace(/(.{1,96})(?:\s+|$)/g, '$1\n').trimEnd();
  const out = [];
  if (style === 'narrative') {
    const sentences = [part, iv, resp, tp ? `Addresses ${tp[0].toLowerCase()}${tp.slice(1)}` : null, rk, `Plan: ${next}`].filter(Boolean);
    return wrap(sentences.join(' '));
  }
  const labels =
    style === 'dap'
      ? { part: 'D', iv: 'I', resp: 'A', tp: 'Treatment plan', rk: 'Risk', next: 'P' }
      : { part: 'Participation', iv: 'Interventions', resp: 'Response', tp: 'Treatment plan', rk: 'Risk', next: 'Plan' };
  for (const key of ['part', 'iv', 'resp', 'tp', 'rk', 'next']) {
    const value = { part, iv, resp, tp, rk, next }[key];
    if (!value) continue;
    if (style === 'list') out.push(`- ${labels[key]}: ${value}`);
    else out.push(wrap(`**${labels[key]}:** ${value}`), '');
  }
  return out.join('\n').trimEnd();
}

/** Writes `notes` files under dir; returns the manifest (also written to dir/manifest.json). */
export function writeCorpus(dir, { seed = 8, notes = 1000, rates = RATES } = {}) {
  const stats = newStats();
  const made = new Set();
  for (const file of generateNotes({ seed, notes, rates, stats })) {
    const path = join(dir, file.path);
    const folder = dirname(path);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path, file.text);
    stats.bytes += Buffer.byteLength(file.text);
  }
  const manifest = { seed, notes, rates, ...stats };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

if (process.argv[1] && typeof import.meta.url === 'string' && fileURLToPath(import.meta.url) === process.argv[1] && /generate\.mjs$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const out = opt('--out', null);
  if (!out) {
    process.stderr.write('usage: node bench/generate.mjs --out <dir> [--notes 1000] [--seed 8]\n');
    process.exit(2);
  }
  const manifest = writeCorpus(out, { seed: Number(opt('--seed', 8)), notes: Number(opt('--notes', 1000)) });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
}
