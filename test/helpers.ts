// Small helpers for rule tests: build a group note, lint it, pick findings.

import { lintText, type Finding, type LintOptions } from '../engine/index.js';

export interface RosterEntry {
  id?: string | number;
  name?: string;
  aliases?: string[];
  attendance?: string;
  dob?: string;
  phone?: string;
  email?: string;
}

/** A group note with frontmatter built from the roster and the given Markdown body. */
export function groupNote(roster: RosterEntry[], body: string, extraFrontmatter = ''): string {
  const members = roster
    .map((m) => {
      const lines = [`  - name: ${JSON.stringify(m.name ?? '')}`];
      if (m.name === undefined) lines[0] = `  - id: ${JSON.stringify(String(m.id))}`;
      else if (m.id !== undefined) lines.push(`    id: ${JSON.stringify(String(m.id))}`);
      if (m.aliases) lines.push(`    aliases: [${m.aliases.map((a) => JSON.stringify(a)).join(', ')}]`);
      for (const key of ['attendance', 'dob', 'phone', 'email'] as const) if (m[key]) lines.push(`    ${key}: ${JSON.stringify(m[key])}`);
      return lines.join('\n');
    })
    .join('\n');
  return `---\nnote: group-psychotherapy\ncpt: 90853\ndate: 2026-03-04\nfacilitator: Dana Whitfield, LCSW\n${extraFrontmatter}members:\n${members}\n---\n\n${body.replace(/^\n/, '')}`;
}

export function findingsOf(text: string, ruleId: string, options?: LintOptions): Finding[] {
  return lintText(text, options).findings.filter((f) => f.ruleId === ruleId);
}

/** The exact text each finding points at. */
export function flagged(text: string, findings: Finding[]): string[] {
  return findings.map((f) => text.slice(f.startOffset, f.endOffset));
}

/** A member section that satisfies every core rule, to keep tests focused on one rule. */
export function goodSection(heading: string, detail: string, goal = 'Goal 1.1'): string {
  return `## ${heading}

**Participation:** ${detail}

**Response:** Rated distress 7/10 before the exercise and 4/10 after; said the role-play "made it feel doable."

**Treatment plan:** ${goal}.

**Plan:** Practice the skill twice before next group.
`;
}
