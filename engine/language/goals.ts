// References to a goal or objective of the member's own treatment plan, in the notations clinics
// use: "Goal 2", "Goal III", "STG 3", "LTG 1", "Problem #2 / STG 1", "O-1.3", "G2", "Obj. C",
// "TP obj 1a", "ISP objective A", "his treatment-plan goal of ...", "her short-term goal of ...".
// A reference owned by someone or something else (a peer "whose goal 2", the group's series goal,
// a workbook lesson, a job coach, a child's school plan) or about this session ("tonight's goal")
// is not a link; nor is "treatment plan reviewed" or "continue per plan".

import { FUNCTION_WORDS, STAFF_NOUNS } from './lexicon.js';

// Numbered ids; letters and roman numerals are checked on the original case below.
const NUMBERED = /\b(?:(?:treatment|tx|tp|isp|itp|care|service)[ -]?(?:plan[ -]?)?)?(?:goal|objective|obj\.?|stg|ltg|target|action[ \t]step)s?[ \t]*(?:\r?\n|\r)?[ \t]*(?:#|no\.?|number)?[ \t]*[:\-]?[ \t]*\d+[a-z]?(?:\.\d+[a-z]?)*\b/gi;
const TP_NUMBER = /\b(?:TP|Tx|ISP|ITP)[ \t]*#?\d+(?:\.\d+)*[a-z]?\b/g;
const LETTER_OR_ROMAN = /\b(?:[Gg]oal|GOAL|[Oo]bjective|OBJECTIVE|[Oo]bj\.?|STG|LTG|[Tt]arget)[ \t]*#?[ \t]*(?:[IVX]{1,4}|[A-H])(?:\.\d+)?(?![\p{L}\d])/gu;
const SHORT_CODE = /(?<![\p{L}\d-])(?:[GO]-?\d+(?:\.\d+)*[a-z]?|[GO]-[A-H])(?![\p{L}\d])/gu;
// (a line may wrap between the words: "ISP\nobjective: ...")
const IN_WORDS = /\b(?:(?:treatment|tx|care|service|recovery|individual(?:ized)?|isp|itp)[ -]plan|short[ -]term|long[ -]term|treatment|tx|individual|stated|own|plan|isp)(?:[ -]|[ \t]*\r?\n[ \t]*)(?:goals?|objectives?|targets?)\b/gi;
// "LTG: return to college in September": a goal abbreviation with the goal written after its colon
const ABBREVIATION_COLON = /\b(?:STG|LTG)(?=[ \t]*:)/g;
// "OTI-1: reduce avoidance of the metro", "PTI 1 (individual treatment plan): improve sleep": a
// clinic's own code for a plan objective, a number and the goal in words after the colon (a scale's
// score, "GAD-7: 15", has a number there, not words); "goal of the PTI: ..." names the plan's goal
const CODE_COLON = /\b[A-Z]{2,5}[ -]?\d{1,2}(?:\.\d{1,2})?[a-z]?(?=[ \t]*(?:\([^()\n]{0,40}\))?[ \t]*:(?:\*\*|__)?\s{0,8}\p{L})|\b[Gg]oals? of (?:the |her |his |their )?[A-Z]{2,5}(?=[ \t]*(?:\*\*|__)?[ \t]*:)/gu;
// "headway on his anger-management goals": the member's goals named by their topic ("his treatment
// goals" names none)
const PROGRESS_ON_GOALS = /\b(?:progress|headway|working|works|worked|work|toward|towards|addresses|addressed|addressing|supports?|supported|related)\s+(?:\w+\s+)?(?:on|toward|towards|to)?\s*(?:his|her|their|the member's|client's)\s+(?:own\s+)?(?!(?:treatment|tx|tp|plan|recovery|therapy|personal|individual|overall|stated|current|identified|set|main|many|various|several|daily|weekly)\b)[\w-]+\s+(?:goals?|objectives?)\b/gi;

// Words before a reference (within its clause) that give it another owner or make it about the session.
// (an IEP is the school's plan for the student, not the treatment plan)
const OTHER_OWNER = /\b(?:iep|individuali[sz]ed education(?:al)? (?:plan|program)|whose|peer's|peers'|member's|newcomer's|group's|(?:the|this|[\w-]+-week) series|curriculum|workbook|lesson \d+|module \d+|chapter \d+|class's|coach's|job coach|employer's|boss's|(?:school|probation|parole|court|work|employment|job|dcfs|cps|diversion)(?:'s)? (?:case )?(?:plan|review|evaluation|contract|order|conditions?|requirements?|mandates?|terms)|son's|daughter's|child's|kid's|wife's|husband's|partner's|today's|tonight's|session|program's)\b/i;
const SESSION_GOAL = /^\s*(?:for|of)\s+(?:tonight|today|the session|this session|group|the group)\b/i;

const MAY_REFERENCE = /goal|obj|stg|ltg|target|action step|\b(?:tp|tx|isp|itp)\b|\b[GO]-?(?:\d|[A-H]\b)/i;
const MAY_BE_CODE = /\b[A-Z]{2,5}[ -]?\d/;

export interface PlanReference {
  start: number;
  end: number;
}

/** Plan references in the text that belong to the member. */
export function ownPlanReferences(text: string): PlanReference[] {
  // most sentences name no goal at all: one cheap test before the six expressions
  if (!MAY_REFERENCE.test(text) && !MAY_BE_CODE.test(text)) return [];
  const found: PlanReference[] = [];
  const scan = (re: RegExp, accept?: (end: number) => boolean) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      if (accept && !accept(end)) continue;
      if (ownedElsewhere(text, start, end)) continue;
      found.push({ start, end });
    }
  };
  scan(NUMBERED);
  scan(TP_NUMBER);
  scan(LETTER_OR_ROMAN);
  scan(SHORT_CODE);
  scan(IN_WORDS, (end) => namesGoalAfter(text, end));
  scan(ABBREVIATION_COLON, (end) => namesGoalAfter(text, end));
  scan(CODE_COLON, (end) => namesGoalAfter(text, end));
  scan(PROGRESS_ON_GOALS);
  return found.sort((a, b) => a.start - b.start);
}

// "treatment-plan goal of keeping his temper": words after a goal named in words must say what the goal is
function namesGoalAfter(text: string, end: number): boolean {
  // (a line wrapped inside the sentence runs on: "her treatment goal of\nsetting limits")
  const rest = /^[^.;\n]*/.exec(text.slice(end, end + 160).replace(/[ \t]*\r?\n(?![ \t]*(?:\r?\n|[-*+#|>]|\*\*|\p{Lu}[\p{L} ]{0,20}:))/gu, ' '))?.[0] ?? '';
  const after = rest.replace(/^\W+/, '');
  // "Individual goal: Group aim: ...", "Individual goal: Series goal (all members): ...": the goal
  // written after it is someone else's
  return !CONTINUATION.test(after) && !opensWithOtherAim(after) && goalWords(rest).length >= 2;
}

// A goal field or goal name whose text opens with the label of another kind of aim: "Homework: ...",
// "Group aim: ...", "Series goal (all members): ..."
const OTHER_AIM_LABEL = /^(?:the |this |today'?s |tonight'?s |our )?(?:iep|homework|assignment|group|session|series|class|curriculum|module|weekly|program(?:me)?)\b[^:.;\n]{0,30}:/i;
function opensWithOtherAim(text: string): boolean {
  return OTHER_AIM_LABEL.test(text.trimStart());
}

/** Where the first plan reference starts, or -1. */
export function planReferenceStart(text: string): number {
  const refs = ownPlanReferences(text);
  return refs.length ? refs[0].start : -1;
}

function ownedElsewhere(text: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < 80 && !/[.;:!?(\n,]/.test(text[from - 1])) from--;
  const before = text.slice(from, start);
  if (/\bown\b/i.test(before.slice(-12))) return false;
  if (OTHER_OWNER.test(before)) return true;
  // "Group objective 3", "session goal 2": the group's own numbering
  if (/\b(?:group|session|class|unit)[ -]$/i.test(before)) return true;
  // "Goal 2 (shared by the whole group this week)": an aside that gives the goal to everyone
  if (/^[ \t]*\([^()\n]{0,60}\b(?:whole group|all members|every member|everyone|the group|shared by)\b[^()\n]{0,60}\)/i.test(text.slice(end, end + 130))) return true;
  // "goal for tonight", "objective of the session"
  return SESSION_GOAL.test(text.slice(end, end + 30));
}

// Words that review or continue a plan without naming a goal.
const REVIEW_WORDS = new Set(
  ('reviewed review reviewing looked over still fits fit same as last prior previous session next revision revised ' +
    'revise family meeting discussed discuss with client member pt patient ongoing continue continues continued ' +
    'continuing per unchanged updated update updating signed sign plan plans treatment tx tp goals goal objectives ' +
    'objective see chart file current existing remains remain appropriate appropriately no changes change needed ' +
    'progress addressed addressing pending in place today week meeting team remains date due').split(/\s+/),
);

// A field that only carries the plan on: "continue per plan", "continue DBT skills group".
const CONTINUATION = /^(?:continue[sd]?|continuing|maintain current|as per|per|follow(?:s|ing)? (?:the )?(?:current )?plan|no change)\b/i;
const GROUP_GOAL = /\b(?:group|session|series|curriculum|class|module|workbook|today|tonight|weekly|this week)(?:'s)? (?:goals?|objectives?|aims?)\b|\b(?:goals?|objectives?) (?:of|for) (?:the |this |today'?s? )?(?:group|session|series|class)\b/i;

// A Goal field that opens with the group's own aim: "group skill this month: ...", "session focus: ..."
const GROUP_FIELD = /^(?:the |this |today'?s |tonight'?s |our )?(?:group|session|class|curriculum|module|unit|series|weekly|monthly)(?:'s)? (?:skill|focus|topic|theme|aim|target|lesson)s?\b|^[^.;:\n]{0,40}\b(?:of|for) (?:the|this) (?:month|week)\b|\bgroup (?:agreement|rules?|contract|norms?|expectations?)\b/i;

const TICKED_OPTION = /(?:\[[ xX✓✔*]\]|[☐☑☒])[ \t]{0,4}[\p{L}][\p{L}/'’ -]{0,40}?(?=[ \t]*(?:\[|[☐☑☒]|$|\n))/gmu;

function goalWords(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? [];
  return words.filter((w) => !FUNCTION_WORDS.has(w) && !REVIEW_WORDS.has(w));
}

/** A Treatment plan / Goal field that names a goal (a reference or the goal in words). */
export function fieldNamesGoal(content: string): boolean {
  if (ownPlanReferences(content).length > 0) return true;
  // "[x] Socialization [ ] Coping skills": ticked goal areas name no goal of the member's plan
  const text = content.replace(TICKED_OPTION, ' ').trim();
  if (CONTINUATION.test(text) || GROUP_GOAL.test(text) || OTHER_OWNER.test(text) || GROUP_FIELD.test(text) || opensWithOtherAim(text)) return false;
  // "Worker to follow up with his teacher", "Counselor will call Monday": a task of staff, not the member's goal
  const first = /^(?:the |this )?([\p{L}-]+)/u.exec(text.toLowerCase())?.[1] ?? '';
  if (STAFF_NOUNS.has(first) && /^(?:the |this )?[\p{L}-]+ (?:to|will|shall|should|plans?)\b/iu.test(text)) return false;
  return goalWords(text).length >= 2;
}
