// Treatment plans (docs/note-format.md, "Treatment plans"): one Markdown file per patient with
// `note: treatment-plan` frontmatter, goals as headings ("## Goal 1: ...") and objectives as
// numbered items ("- **1.1** ..."). Read so fixes and hovers can offer the member's own goals.

import { parseDocument } from 'yaml';
import { readSimpleYaml } from '../parse/simple-yaml.js';
import { withLineBreaks } from '../parse/text.js';

export interface PlanGoal {
  /** "1" for a goal, "1.2" for an objective */
  ref: string;
  kind: 'goal' | 'objective';
  text: string;
  /** 0-based line of the goal in the plan file */
  line: number;
}

export interface TreatmentPlan {
  /** the patient's id (or name when the plan has no id) */
  patient: string;
  name: string | null;
  effective: string | null;
  reviewBy: string | null;
  /** ICD-10 codes from the frontmatter's `diagnoses` */
  diagnoses: string[];
  goals: PlanGoal[];
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const GOAL_HEADING = /^#{1,6}[ \t]+(?:goal|problem)[ \t]+(\d+)[ \t]*[:.)-]?[ \t]*(.*)$/i;
const OBJECTIVE_ITEM = /^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__)?(?:objective[ \t]+|obj\.?[ \t]+)?(\d+\.\d+)(?:\*\*|__)?[ \t]*[:.)-]?(?:\*\*|__)?[ \t]*(.*)$/i;

/** Reads a treatment plan, or returns null when the text is not one. */
export function parsePlan(rawText: string): TreatmentPlan | null {
  const text = withLineBreaks(rawText);
  const fm = FRONTMATTER.exec(text);
  if (!fm) return null;
  const data = readSimpleYaml(fm[1]) ?? readYaml(fm[1]);
  if (!data || typeof data !== 'object' || !/treatment[- ]?plan/i.test(String(data.note ?? data.type ?? ''))) return null;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
  const patient = str(data.patient ?? data.id ?? data.mrn) ?? str(data.name);
  if (!patient) return null;
  const fmLineCount = fm[0].split(/\r\n|\r|\n/).length - 1;
  const goals: PlanGoal[] = [];
  let previous: PlanGoal | null = null;
  text.split(/\r\n|\r|\n/).forEach((rawLine, line) => {
    if (line < fmLineCount) return;
    const goal = GOAL_HEADING.exec(rawLine);
    const objective = goal ? null : OBJECTIVE_ITEM.exec(rawLine);
    if (goal) previous = { ref: goal[1], kind: 'goal', text: goal[2].trim(), line };
    else if (objective && objective[2].trim()) previous = { ref: objective[1], kind: 'objective', text: objective[2].trim(), line };
    else {
      // an indented line continues a wrapped objective; anything else ends it
      if (previous && /^[ \t]{2,}\S/.test(rawLine)) previous.text = `${previous.text} ${rawLine.trim()}`;
      else previous = null;
      return;
    }
    goals.push(previous);
  });
  const diagnoses = (Array.isArray(data.diagnoses) ? data.diagnoses : data.diagnoses == null ? [] : [data.diagnoses]).map((d) => String(d).trim()).filter(Boolean);
  return { patient, name: str(data.name), effective: str(data.effective), reviewBy: str(data['review-by'] ?? data.reviewBy ?? data.review), diagnoses, goals };
}

/** The frontmatter's values by the yaml package, or null when it has errors. */
function readYaml(yaml: string): Record<string, unknown> | null {
  // logLevel 'error': the yaml package would print a warning that quotes the text
  const doc = parseDocument(yaml, { logLevel: 'error' });
  if (doc.errors.length) return null;
  try {
    return doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | null;
  } catch {
    return null; // aliases that would expand to a huge value
  }
}

/** How a note refers to a plan goal: "Goal 1" or "Objective 1.2". */
export function goalReference(goal: PlanGoal): string {
  return goal.kind === 'goal' ? `Goal ${goal.ref}` : `Objective ${goal.ref}`;
}
