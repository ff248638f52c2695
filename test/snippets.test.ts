// The snippets (snippets/groupnote.code-snippets) as VS Code expands them with their default
// values: the note snippet is a valid two-member group note, and every placeholder left in it is
// reported, by placeholder-text or by the rule that owns the field (an empty or placeholder
// Participation is participation-missing's to report).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../engine/index.js';
import { parseNote } from '../engine/facts/note.js';

const snippets = JSON.parse(readFileSync(new URL('../snippets/groupnote.code-snippets', import.meta.url), 'utf8')) as Record<string, { body: string[] }>;

/** A snippet body with each tab stop's default value (the first choice), mirrors and date variables filled in. */
function expand(body: string[]): string {
  const defaults = new Map<string, string>();
  const text = body
    .join('\n')
    .replace(/\$CURRENT_YEAR/g, '2026')
    .replace(/\$CURRENT_MONTH/g, '03')
    .replace(/\$CURRENT_DATE/g, '04')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, value: string) => (defaults.set(n, value), value))
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_, n: string, value: string) => (defaults.set(n, value), value));
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a?: string, b?: string) => defaults.get(a ?? b!) ?? '');
}

// the rules that report an empty or placeholder field of their own
const FIELD_RULES = new Set(['participation-missing', 'response-missing', 'treatment-plan-link-missing', 'member-plan-missing']);

/** Each bracketed placeholder with the rules reporting something on its line. */
function placeholders(text: string): { placeholder: string; line: number; rules: string[] }[] {
  const findings = lintText(text).findings;
  return text.split('\n').flatMap((line, i) =>
    [...line.matchAll(/\[[^\]]+\]/g)].map((m) => ({
      placeholder: m[0],
      line: i,
      rules: findings.filter((f) => f.start.line === i && (f.ruleId === 'placeholder-text' ? f.start.character === m.index : FIELD_RULES.has(f.ruleId))).map((f) => f.ruleId),
    })),
  );
}

describe('snippets', () => {
  it('"groupnote" expands to a valid group note with two members, each with a section', () => {
    const text = expand(snippets['Group note'].body);
    const note = parseNote(text);
    expect(note.isGroupNote).toBe(true);
    expect(note.problems).toEqual([]);
    expect(note.roster.map((m) => m.key)).toEqual(['[member 1 id]', '[member 2 id]']);
    expect(note.sections.map((s) => s.member.key)).toEqual(['[member 1 id]', '[member 2 id]']);
    const rules = new Set(lintText(text).findings.map((f) => f.ruleId));
    for (const rule of ['frontmatter-invalid', 'single-member-group', 'group-size-below-minimum', 'member-copy-paste', 'diagnosis-missing']) expect(rules, rule).not.toContain(rule);
  });

  it('every placeholder the "groupnote" snippet leaves is reported', () => {
    const found = placeholders(expand(snippets['Group note'].body));
    expect(found.length).toBeGreaterThan(20);
    for (const p of found) expect(p.rules, `${p.placeholder} on line ${p.line + 1}`).not.toEqual([]);
  });

  it('"member" adds a section whose placeholders are reported', () => {
    const note = expand(snippets['Group note'].body);
    const member = expand(snippets['Group note member section'].body).replace('[member name]', '[member 1 name]').replace('[member id]', '[member 1 id]');
    const text = note.replace('\n---\nSigned:', `\n${member}\n---\nSigned:`);
    const added = text.split('\n').indexOf(member.split('\n')[0], text.split('\n').indexOf('## [member 2 name] ([member 2 id])'));
    const found = placeholders(text).filter((p) => p.line >= added && p.line < added + member.split('\n').length);
    expect(found.map((p) => p.placeholder)).toEqual(['[member 1 name]', '[member 1 id]', '[what they said and did]', '[techniques used with them]', '[how they responded]', '[goal or objective addressed]', '[next steps]']);
    for (const p of found) expect(p.rules, p.placeholder).not.toEqual([]);
  });
});
