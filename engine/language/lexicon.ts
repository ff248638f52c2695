// Word classes the sentence analysis reads: who a noun phrase is (staff, peer, relative, agency),
// what kind of act a verb reports (speech, disclosure, uptake, avoidance, status), and the words of
// status, mental-status and stock language that never document an act on their own.
// Lists hold general English and clinical vocabulary, not phrases of any one note: a word is here
// because of what it means; test/language/sentence-analysis.test.ts shows the classes at work.

export const words = (list: string) => new Set(list.trim().split(/\s+/));

/** Words that open a clause and stand for the member whose section it is. */
// "you": notes written as feedback to the member ("you turned your chair toward him")
export const MEMBER_SUBJECTS = words('he she they you client member patient pt participant resident consumer veteran individual youth student');

/** Staff of the group or clinic; "nurse Alma", "the intern, Idris" name staff, not members. */
export const STAFF_NOUNS = words(`
  facilitator facilitators co-facilitator cofacilitator co-leader coleader leader leaders therapist therapists
  clinician clinicians counselor counsellor counselors writer staff nurse nurses intern interns coach coaches
  dietitian dietician nutritionist psychiatrist psychologist doctor physician prescriber ot pt-aide aide tech
  technician chaplain specialist specialists mentor mentors volunteer volunteers instructor instructors trainer
  teacher clinician's provider providers case-manager moderator host presenter presenters speaker speakers social-worker worker navigator
  practitioner np pa rn lpn lcsw lpc lmft psyd phd md do lac ladc cadc i
`);
/** Two-word staff titles whose second word alone is ambiguous ("recovery coach", "art therapist"). */
export const STAFF_TITLES = [
  'peer mentor', 'peer specialist', 'peer support', 'peer recovery', 'recovery coach', 'recovery specialist',
  'art therapist', 'music therapist', 'occupational therapist', 'physical therapist', 'social worker',
  'case manager', 'care coordinator', 'group leader', 'co leader', 'nurse practitioner', 'this writer',
];

/** Other members of the group, named generically. */
export const PEER_NOUNS = words('peer peers member members others group everyone somebody someone neighbor neighbour partner classmates groupmates participants');
/** Peers named as people (not "the group" as the session itself): they can give feedback. */
// (a neighbour is someone in the member's life, not in the room: "left the children with a neighbour")
export const PEER_PEOPLE = words('peer peers others somebody someone partner classmates groupmates');

/** Relatives and people outside the group whose reports are collateral, not the member's act. */
export const OUTSIDE_PEOPLE = words(`
  mother mom mum father dad sister brother son daughter wife husband spouse fiance fiancee girlfriend boyfriend
  cousin aunt uncle niece nephew grandmother grandfather grandma grandpa grandson granddaughter stepmother
  stepfather child children kids parent parents family guardian foster caregiver roommate landlord boss supervisor
  employer coworker co-worker friend friends sponsor neighbor neighbour
  manager caseworker agent officer po probation parole court judge school teacher pharmacy pharmacist insurer
  housing shelter residence group-home home
`);

/** Verbs of speech whose object or clause is what the member said. */
export const SPEECH_VERBS = words(`
  say says said saying tell tells told telling share shares shared sharing describe describes described describing
  explain explains explained explaining disclose discloses disclosed admit admits admitted confess confesses
  confessed confide confides confided recount recounts recounted recall recalls recalled raise raises raised
  mention mentions mentioned ask asks asked wonder wondered answer answers answered reply replied respond
  talk talks talked speak speaks spoke discuss discusses discussed insist insists insisted argue argues argued
  joke jokes joked complain complains complained announce announced brag bragged boast boasted grumble grumbled
  admit acknowledge acknowledges acknowledged reveal revealed report reports reported state states stated note
  notes noted express expresses expressed voice voices voiced name names named list lists listed identify identifies
  identified offer offers offered suggest suggests suggested propose proposed read reads relate related relates
  call calls called describe vent vented open opened process processed reflect reflected point pointed
  add added agree agrees agreed disagree disagreed object objected protest protested
  saying stating adding noting calling telling explaining admitting joking
`);

/** Speech verbs that usually carry a status report (how the member has been) rather than a disclosure. */
export const REPORT_VERBS = words('report reports reported reporting state states stated endorse endorses endorsed deny denies denied rate rates rated rating indicate indicates indicated say says said note notes noted complain complains complained');

/** Verbs that show presence, attendance, logistics or affect: never the member's contribution. */
export const NOT_ACT_VERBS = words(`
  arrive arrives arrived attend attends attended join joins joined log logged sign signs signed check checks checked
  stay stays stayed remain remains remained sit sits sat present presents presented appear appears appeared seem
  seems seemed look looks looked was were is are be been became become becomes felt feel feels cry cries cried
  tear teared listen listens listened attend follow followed complete completes completed take took fill filled
  enter entered come came return returned wait waited get got have has had use used carry carries carried
  receive received wear wears wore keep kept groomed dressed oriented slept sleeps ate eats drank drinks napped woke
  depressed worried stressed tired exhausted frustrated agitated withdrawn guarded anxious overwhelmed
  court-ordered mandated referred sentenced enrolled discharged
`);

/** Verbs of taking something up after a prompt, a tip or an exercise. */
export const UPTAKE_VERBS = words(`
  agree agrees agreed accept accepts accepted take took adopt adopted try tries tried choose chooses chose pick
  picks picked select selected set sets write writes wrote jot jotted add adds added change changed rewrite rewrote
  reword reworded revise revised redo redid repeat repeated move moved circle circled cross crossed copy copied
  commit commits committed plan plans planned decide decides decided schedule scheduled mark marked program
  practice practise practices practises practiced practised rehearse rehearsed role-play role-played roleplayed
  re-rate re-rated rerated volunteer volunteered thank thanked ask asked follow followed use
  used apply applied test tested save saved store stored keep kept put zip zipped hold held show showed swap
  swapped replace replaced switch switched drop dropped cut sign signed book booked call called text texted
  finish finished fill filled complete completed tape taped pocket pocketed stick stuck pin pinned read
  answer answered respond responded
`);

/** Reactions of feeling, body or face, and evaluative remarks (positive or negative). */
export const REACTION_WORDS = words(`
  laugh laughs laughed smile smiles smiled nod nods nodded grin grinned sigh sighed wince winced flinch flinched
  relax relaxed relaxes calm calmed calmer settle settled steady steadied steadier soften softened loosen loosened
  unclench unclenched ease eased brighten brightened relieved relief lighter comforted encouraged hopeful
  surprised tearful teared cry cried choke choked blush blushed frown frowned stiffen stiffened tense tensed
  shrug shrugs shrugged bristle bristled sneer scoff scoffed groan groaned laughed
  admit admitted realize realized realise realised notice noticed recognize recognized
  apologize apologized apologise apologised apologizes apologises
  useful helpful helped helps worked works easier harder awkward doable possible weird odd silly strange scary
  better worse safer stronger calmer clearer manageable
`);

/** Avoidant or oppositional behaviour: a (negative) reaction, and documented participation. */
export const AVOIDANT_WORDS = words(`
  decline declines declined refuse refuses refused resist resisted avoid avoided dodge dodged deflect deflected
  interrupt interrupted argue argued object objected dismiss dismissed mock mocked whisper whispered
  walk walked storm stormed leave left exit exited skip skipped ignore ignored steer steered change changed
  disengage disengaged withdraw withdrew roll rolled shrug shrugged scoff scoffed sulk sulked pass passed
  talk-over protest protested
`);

/** Body parts and states whose change during an exercise is a reaction. */
export const BODY_WORDS = words('dizziness nausea urge urges craving cravings shoulders jaw jaws breathing breath breaths hands hand fists fist shoulders shoulder voice face posture chest heart heartbeat body muscles legs leg knee knees eyes brow forehead stomach tension shaking trembling pulse');

/** Verbs of change said of a body part or a feeling. */
export const CHANGE_VERBS = words(`
  slowed slow slows dropped drop drops relaxed relax unclenched loosened eased stopped stop settled steadied
  softened lowered opened uncurled quieted quietened calmed evened came come fell fall faded fade eased lifted
  shook shaking trembled tightened clenched rose raced peaked passed subsided
`);

/** Things done to or with the member in a session: exercises, skills, prompts and feedback. */
export const INTERVENTION_NOUNS = words(`
  exercise exercises drill drills skill skills technique techniques practice role-play role-plays roleplay
  rehearsal script scripts worksheet worksheets handout handouts chart charts log logs card cards list lists video
  videos module modules psychoeducation education lesson lessons feedback suggestion suggestions idea ideas tip
  tips advice question questions prompt prompts challenge reflection reflections model modeling modelling
  demonstration example examples bell count breathing grounding imagery scan meditation mindfulness relaxation
  exposure exposures record records diary diaries homework assignment activity activities game games skit
  skits thermometer timer strategy strategies tool tools visualization visualisation stretch stretches
  collage drawing journaling letter letters journal reframe reframing scaling hierarchy experiment experiments reassurance
  encouragement input validation confrontation redirection interpretation explanation explanations offer
  round rounds invitation invitations support story stories account ritual rituals ceremony
`);

/** Clause openers that report a prompt or intervention without naming who gave it. */
export const PROMPT_OPENERS = [
  'when asked', 'asked by', 'asked to', 'prompted', 'invited', 'given', 'encouraged', 'challenged', 'coached',
  'after hearing', 'on hearing', 'hearing', 'in response', 'when invited', 'when prompted', 'when challenged',
  'with prompting', 'with encouragement', 'redirected', 'offered', 'shown', 'reminded', 'once reminded',
];

/** Verbs that others (peers, staff) use to intervene or give feedback. */
export const INTERVENING_VERBS = words(`
  suggest suggests suggested mention mentions mentioned offer offers offered show showed shown explain explains explained
  model modeled modelled demonstrate demonstrated reflect reflected validate validated challenge challenged
  invite invited praise praised encourage encouraged prompt prompted ask asked coach coached redirect redirected
  point pointed remind reminded teach taught led lead guide guided introduce introduced propose proposed
  share shared describe described tell told recommend recommended give gave hand handed slow slowed
  question questioned confront confronted reframe reframed name named return returned come came tease teased
  joke joked talk talked speak spoke start started ring rang play played read
`);

/** Words of habit and disposition: what the member is usually like, not what they did today. */
export const HABIT_WORDS = words('always usually often typically generally tends tend habitually routinely normally frequently sometimes never rarely enjoys enjoy likes loves prefers');

/** Openers of future or plan statements. */
export const FUTURE_WORDS = words('will shall would should could might may must going plans plan intends hopes hope wants expected needs need');

/** Status and symptom vocabulary: a check-in report, not an act. */
export const STATUS_WORDS = words(`
  mood moods sleep sleeping slept sleeps nap naps insomnia nightmare nightmares appetite eating ate energy tired
  tiredness fatigue fatigued exhausted anxiety anxious anxiousness worry worries depressed depression sad sadness
  low down irritable irritability cravings craving urges urge use using used drinking drank drink alcohol sober
  sobriety clean relapse relapsed lapse symptoms symptom pain pains headache headaches migraine concentration focus
  panic attack attacks stress stressed stressful week weeks weekend day days night nights rough hard okay ok fine
  good great bad better worse same hanging doing well score scores scored gad-7 gad7 phq-9 phq9 pcl-5 audit bdi
  dose doses medication medications meds pill pills missed weight lb lbs pounds kg lost gained denies denied deny
  si hi suicidal homicidal ideation rating rated rate level levels scale out of rest feeling feelings felt feel
  since last this past today yesterday tonight morning afternoon afternoons evening evenings
  stable unchanged improved improving worsening overall mostly about around poor falling easier harder struggles
  unable return back ongoing problems problem issues irritability trouble difficulty difficulties
  anger angry rage irritation voices hallucinations paranoia paranoid dissociation flashbacks loud louder quieter softer
  worrying worried motivation motivated unmotivated abstinent abstinence improvement improvements
`);

/** Mental-status, appearance and diagnostic language: a presentation, not an act. */
export const MSE_WORDS = words(`
  groomed grooming hygiene dressed casually appropriately attire appearance eye contact speech rate volume rhythm
  tone affect congruent constricted restricted blunted flat full euthymic dysphoric labile mood thought thoughts
  process linear goal-directed tangential circumstantial organized disorganized oriented orientation x3 x4 person
  place time judgment judgement insight fair poor good intact impaired psychomotor agitation retardation slowing
  tics tremor cooperative calm pleasant guarded alert presents presented presentation diagnosis diagnosed
  disorder carries hallucinations delusions perception cognition memory attention concentration normal wnl
  unremarkable well-groomed disheveled unkempt soft slow pressured tense wringing fidgety restless
  cane walker wheelchair crutches gait limp limping
`);

/** Level and manner words that say how much, not what. */
export const LEVEL_WORDS = words(`
  interested collaborative cooperative pleasant polite friendly
  quiet quietly mostly briefly minimally moderately actively active passive passively occasionally little lot
  much more less twice once several times few when prompted called name by on throughout whole entire session
  group hour minutes engaged attentive appropriate appropriately participation level participated participating
  contributed contributing contribution spoke speaking talked talking listened listening teary tearful emotional
  animated visibly upset anxious withdrawn guarded reserved shy open openly only direct directly question questions
  asked prompted invited part parts discussion discussions assigned instructed required
  check-in check-out checkin checkout involved invested uninvolved
`);

/** Words that carry no member-specific content on their own. */
export const FUNCTION_WORDS = words(`
  a an the and or but of in on at to for from with by as is was were are be been being it its this that these
  those there here then than so very also too not no yes do did does had has have having about into over under
  again just still even only some any all each every both either neither other another such what which who whom
  whose how why when where while after before during until because if though although whether up out off down
  her his their them him she he they i me my we our you your us one ones himself herself themselves themself
  mr ms mrs dr per via would could should will shall may might can must because like what
`);

/** Words of a role that introduce staff by name in the text ("house manager Dominic", "nurse Alma"). */
export const ROLE_WORDS = new Set([...STAFF_NOUNS, ...words('manager director supervisor coordinator attendant administrator chaplain')]);
