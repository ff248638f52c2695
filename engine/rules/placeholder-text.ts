// placeholder-text: template or draft text left in the note: "[insert]", "TBD", "XX", "<name>",
// "{{date}}", "TODO", "____". Whole-field placeholders in the participation, response,
// treatment-plan and plan fields are left to the rules for those fields.

import { isPlaceholder } from '../language/cues.js';
import type { Rule, RuleFinding } from './rule.js';
import { sectionAt } from '../facts/sections.js';
import { matchesIn } from '../facts/text-match.js';

const PLACEHOLDER = new RegExp(
  [
    // [insert ...], [client name], [date], [XX], [...]; not a Markdown link, footnote or task box
    String.raw`\[(?:insert|enter|add|type|fill(?: in)?|todo|tbd|tba|name|first name|last name|client(?: name)?|member(?: name)?|patient(?: name)?|date|time|hh:mm|yyyy-mm-dd|mm\/dd\/yyyy|goal|objective|diagnosis|dx|icd|clinician|therapist|signature|credentials?|number|minutes|xx+|\.{3}|…)\b[^\]\r\n]{0,60}\](?![(\[:])`,
    String.raw`\[(?:\.{3}|…|_+|xx+|\?+)\](?![(\[:])`,
    String.raw`<(?:insert|enter|name|client|member|patient|date|time|goal|clinician|signature)\b[^>\r\n]{0,40}>`,
    String.raw`\{\{[^}\r\n]{0,60}\}\}`,
    String.raw`\b(?:TBD|TBA|TODO|FIXME|XXX+|XX)\b`,
    String.raw`\blorem ipsum\b`,
    String.raw`\?{3,}`,
    // a blank line "____" with text before or after it on its line (looked for only where the
    // underscores start: a lookbehind tried at every position made long lines quadratic)
    String.raw`(?=_{4})(?<=\S[^\r\n]*?)_{4,}|_{4,}(?=[^\r\n]*?\S)`,
  ].join('|'),
  'gi',
);
// A bracketed phrase that is the whole value of a line or field: "**Focus:** [topic covered]"
// The label starts with a non-space, so indentation has one reading (a label that could start with
// spaces made deeply indented lines take quadratic time).
const LINE_BRACKET = /^[ \t]*(?:[-*+][ \t]+)?(?:(?:(?:\*\*|__)[ \t]*)?[^ \t\r\n:*_[\]][^\r\n:*_[\]]{0,39}(?:\*\*|__)?[ \t]*:(?:\*\*|__)?[ \t]*)?(\[[^\]\r\n]{2,80}\])[ \t.]*$/gm;
const CASE_SENSITIVE = /^(?:tbd|tba|todo|fixme|xx+)$/i;
// Fields whose empty or placeholder content other rules report (participation-missing,
// response-missing, treatment-plan-link-missing, member-plan-missing)
const OWNED_FIELDS = new Set(['participation', 'response', 'treatment-plan', 'plan']);
// Frontmatter fields that other rules read and report when unreadable
const CHECKED_KEYS = /^(?:date|start|end|time|times|setting|pos|modifiers?|cpt|codes|payer|minutes|duration)[ \t]*:/;

export const placeholderText: Rule = {
  id: 'placeholder-text',
  defaultSeverity: 'warning',
  description: 'Template or draft text left in the note, such as "[insert]", "TBD", "XX", "<name>" or "{{date}}".',
  check({ note, label }) {
    const text = note.text;
    const findings: RuleFinding[] = [];
    const comments = matchesIn(text, 0, text.length, /<!--[\s\S]*?-->/);
    const fm = note.frontmatterSpan;
    const body = fm ? fm.end : 0;
    const candidates = [
      ...matchesIn(text, 0, text.length, PLACEHOLDER),
      ...matchesIn(text, body, text.length, LINE_BRACKET).map((m) => {
        const start = m.start + m.text.indexOf(m.groups[0]!);
        return { ...m, start, end: start + m.groups[0]!.length, text: m.groups[0]! };
      }),
    ].sort((a, b) => a.start - b.start);
    let lastEnd = -1;
    for (const m of candidates) {
      if (m.start < lastEnd) continue;
      lastEnd = m.end;
      // "TBD", "XX" only in capitals: "xx" and "todo" are words in some notes
      if (CASE_SENSITIVE.test(m.text) && m.text !== m.text.toUpperCase()) continue;
      if (comments.some((c) => c.start <= m.start && m.end <= c.end)) continue;
      if (fm && m.start < fm.end) {
        const lineStart = Math.max(text.lastIndexOf('\n', m.start - 1), text.lastIndexOf('\r', m.start - 1)) + 1;
        if (CHECKED_KEYS.test(text.slice(lineStart, m.start))) continue;
      }
      const section = sectionAt(note, m.start);
      const field = section?.fields.find((f) => f.content.start <= m.start && m.start < f.content.end);
      if (field && OWNED_FIELDS.has(field.kind) && isPlaceholder(text.slice(field.content.start, field.content.end))) continue;
      const where = section ? `in ${label(section.member)}'s section` : fm && m.start < fm.end ? 'in the frontmatter' : 'in the shared section';
      findings.push({
        start: m.start,
        end: m.end,
        member: section?.member ?? null,
        message: `Placeholder text left ${where}. Replace it with what happened, or remove it, before the note is signed.`,
      });
    }
    return findings;
  },
};
