// The engine's public API, used by the language server and the CLI. No editor imports here.

import { parseNote, type GroupNote, type Member } from './facts/note.js';
import { NameMatcher } from './facts/names.js';
import { RULES } from './rules/index.js';
import { DEFAULT_RULE_OPTIONS, type RuleContext, type RuleOptions, type Severity } from './rules/rule.js';
import { LineIndex, type Position } from './parse/text.js';
import { isSuppressed, parseDisableComments } from './parse/disable-comments.js';
import { sessionContext } from './facts/session.js';

export type { GroupNote, Member } from './facts/note.js';
export type { Rule, Severity, RuleOptions } from './rules/rule.js';
export type { Position } from './parse/text.js';
export { RULES } from './rules/index.js';
export { parseNote } from './facts/note.js';

export interface LintConfig {
  /** per-rule severity, or "off" */
  rules?: Record<string, Severity | 'off'>;
  options?: Partial<RuleOptions>;
}

export interface LintOptions {
  /** the caller matched a configured group-note glob */
  forceGroupNote?: boolean;
  config?: LintConfig;
  /** diagnoses from members' treatment plans (member id or name -> plan facts), when plans are known */
  treatmentPlans?: ReadonlyMap<string, { diagnoses: string[] }>;
  /** @internal time budget for rule work on one note, in ms (default TIME_BUDGET_MS) */
  timeBudgetMs?: number;
  /** @internal the clock the budget is measured with (tests inject one) */
  now?: () => number;
}

/**
 * Rule work per note stops once this much time has passed (checked between rules), so one
 * pathological note cannot stall the editor. The remaining rules are reported as not run.
 */
export const TIME_BUDGET_MS = 2000;

export interface RelatedFinding {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** id (or name, when there is no id) of the member whose section holds the finding; null for shared text */
  member: string | null;
  startOffset: number;
  endOffset: number;
  start: Position;
  end: Position;
  related: RelatedFinding[];
  data?: Record<string, unknown>;
}

export interface SuppressedFinding {
  finding: Finding;
  /** the text after " -- " in the disable comment, if any */
  justification?: string;
}

export interface LintResult {
  isGroupNote: boolean;
  findings: Finding[];
  /** findings switched off by groupnote-disable comments, kept for reports */
  suppressed: SuppressedFinding[];
  note: GroupNote;
}

/** Path of a rule's doc page relative to the package root. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export function memberLabel(member: Member): string {
  return member.name ?? member.id ?? member.key;
}

/** An info finding about the check itself (not the note's content), at the start of the note. */
function noteNotice(ruleId: string, message: string, data?: Record<string, unknown>): Finding {
  return { ruleId, severity: 'info', message, member: null, startOffset: 0, endOffset: 0, start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, related: [], ...(data ? { data } : {}) };
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const note = parseNote(text, { forceGroupNote: options.forceGroupNote });
  if (!note.isGroupNote) return { isGroupNote: false, findings: [], suppressed: [], note };
  const lines = new LineIndex(text);
  const ruleOptions: RuleOptions = { ...DEFAULT_RULE_OPTIONS, ...options.config?.options };
  const directives = parseDisableComments(text, RULES.map((r) => r.id));
  const context: RuleContext = {
    note,
    names: new NameMatcher(note.roster, note.staff),
    options: ruleOptions,
    label: memberLabel,
    sections: note.sections.filter((s) => !/absent|no[- ]?show|excused|cancel/i.test(s.member.attendance)),
    disableProblems: directives.problems,
    ...sessionContext(note, options),
  };
  const findings: Finding[] = [];
  const budget = options.timeBudgetMs ?? TIME_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let lastRule: string | null = null;
  const settingOf = (rule: (typeof RULES)[number]) => options.config?.rules?.[rule.id] ?? rule.defaultSeverity;
  for (const [index, rule] of RULES.entries()) {
    const setting = settingOf(rule);
    if (setting === 'off') continue;
    const elapsed = Math.round(now() - started);
    if (lastRule && elapsed > budget) {
      // Name the rule and the ones skipped, never the note's text.
      const skipped = RULES.slice(index).filter((r) => settingOf(r) !== 'off').map((r) => r.id);
      findings.push(
        noteNotice(
          lastRule,
          `Check stopped after ${elapsed} ms on rule ${lastRule} (the budget is ${budget} ms per note); ${skipped.length} more rule${skipped.length === 1 ? '' : 's'} did not run (${skipped.join(', ')}). Split the note to check it fully.`,
          { timeBudgetMs: budget, elapsedMs: elapsed, skippedRules: skipped },
        ),
      );
      break;
    }
    lastRule = rule.id;
    let raw;
    try {
      raw = rule.check(context);
    } catch (error) {
      // Never let one rule take the others (or the server) down; never echo note text.
      findings.push(noteNotice(rule.id, `Rule ${rule.id} could not check this note (internal ${error instanceof Error ? error.name : 'error'}); other rules ran.`));
      continue;
    }
    for (const f of raw) {
      // past the parse budget nothing is checked (a rule that looks at the whole text, such as
      // the signature's, would report on text that was not read)
      if (note.unparsedFrom !== null && f.start > note.unparsedFrom) continue;
      findings.push({
        ruleId: rule.id,
        severity: setting,
        message: f.message,
        member: f.member ? f.member.key : null,
        startOffset: f.start,
        endOffset: f.end,
        start: lines.positionAt(f.start),
        end: lines.positionAt(f.end),
        related: (f.related ?? []).map((r) => ({ start: lines.positionAt(r.start), end: lines.positionAt(r.end), startOffset: r.start, endOffset: r.end, message: r.message })),
        data: f.data,
      });
    }
  }
  findings.sort((a, b) => a.startOffset - b.startOffset || a.ruleId.localeCompare(b.ruleId));
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    // the budget notice is about other rules: disabling the rule it names must not hide it
    const s = finding.ruleId === 'disable-comment-invalid' || finding.data?.timeBudgetMs !== undefined ? { suppressed: false } : isSuppressed(directives, finding.ruleId, finding.start.line);
    if (s.suppressed) suppressed.push({ finding, justification: s.justification });
    else kept.push(finding);
  }
  return { isGroupNote: true, findings: kept, suppressed, note };
}
