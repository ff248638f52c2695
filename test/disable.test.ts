// Inline disable comments: every form, which lines they cover, justifications, unknown ids,
// comments in code, line endings.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSuppressed, parseDisableComments } from '../engine/parse/disable-comments.js';

const RULE_IDS = ['other-member-identifier', 'member-copy-paste', 'participation-missing', 'response-missing', 'treatment-plan-link-missing', 'frontmatter-invalid'];
const parse = (text: string) => parseDisableComments(text, RULE_IDS);
/** 0-based line of the first line containing marker */
const lineOf = (text: string, marker: string) => text.split(/\r\n|\r|\n/).findIndex((l) => l.includes(marker));
/** the lines (0-based) on which ruleId is suppressed */
const suppressedLines = (text: string, ruleId: string) => {
  const d = parse(text);
  const count = text.split(/\r\n|\r|\n/).length;
  return [...Array(count).keys()].filter((l) => isSuppressed(d, ruleId, l).suppressed);
};

describe('groupnote-disable-next-line', () => {
  it('covers the next line only, for the named rules only', () => {
    const text = 'a\n<!-- groupnote-disable-next-line other-member-identifier -->\nJim helped.\nJim again.\n';
    const d = parse(text);
    expect(d.problems).toEqual([]);
    expect(d.comments).toHaveLength(1);
    expect(d.comments[0]).toMatchObject({ kind: 'disable-next-line', ruleIds: ['other-member-identifier'], line: 1, endLine: 1, targetLine: 2 });
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([2]);
    expect(suppressedLines(text, 'response-missing')).toEqual([]);
  });

  it('skips blank lines, so a comment in its own paragraph covers the heading or field below', () => {
    const text = [
      'Shared text.',
      '',
      '<!-- groupnote-disable-next-line participation-missing response-missing -->',
      '',
      '   ',
      '## Maria Lopez',
      '',
      '<!-- groupnote-disable-next-line treatment-plan-link-missing -- plan under review -->',
      '',
      '**Treatment plan:** pending',
      'After.',
    ].join('\n');
    const heading = lineOf(text, '## Maria');
    const field = lineOf(text, '**Treatment plan');
    expect(suppressedLines(text, 'participation-missing')).toEqual([heading]);
    expect(suppressedLines(text, 'response-missing')).toEqual([heading]);
    expect(suppressedLines(text, 'treatment-plan-link-missing')).toEqual([field]);
    expect(parse(text).comments.map((c) => c.targetLine)).toEqual([heading, field]);
  });

  it('does not reach past a non-blank line', () => {
    const text = '<!-- groupnote-disable-next-line other-member-identifier -->\nfirst line\n\nJim.\n';
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([1]);
  });

  it('counts from the last line of a multi-line comment, and stacked directives both apply', () => {
    const text = [
      '<!-- groupnote-disable-next-line other-member-identifier',
      '     -- Jim is named with consent on file -->',
      '<!-- groupnote-disable-next-line member-copy-paste -->',
      'Target line.',
    ].join('\n');
    const d = parse(text);
    expect(d.comments[0]).toMatchObject({ line: 0, endLine: 1, targetLine: 3, justification: 'Jim is named with consent on file' });
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([3]);
    expect(suppressedLines(text, 'member-copy-paste')).toEqual([3]);
  });

  it('without rule ids covers every rule', () => {
    const text = '<!-- groupnote-disable-next-line -->\nX\nY\n';
    for (const id of RULE_IDS) expect(suppressedLines(text, id)).toEqual([1]);
    expect(parse(text).comments[0].ruleIds).toBeNull();
  });

  it('accepts commas between ids and any case', () => {
    const text = '<!-- groupnote-disable-next-line Response-Missing,participation-missing -->\nX\n';
    expect(parse(text).comments[0].ruleIds).toEqual(['response-missing', 'participation-missing']);
    expect(suppressedLines(text, 'participation-missing')).toEqual([1]);
  });

  it('reports a comment with no line after it', () => {
    const d = parse('text\n<!-- groupnote-disable-next-line response-missing -->\n\n');
    expect(d.comments[0].targetLine).toBeNull();
    expect(d.problems).toHaveLength(1);
  });
});

describe('groupnote-disable-line', () => {
  it('covers the line the comment is on', () => {
    const text = 'one\nJim offered a ride. <!-- groupnote-disable-line other-member-identifier -- family member, not a peer -->\nthree\n';
    const d = parse(text);
    expect(d.problems).toEqual([]);
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([1]);
    expect(isSuppressed(d, 'other-member-identifier', 1)).toMatchObject({ suppressed: true, justification: 'family member, not a peer' });
  });

  it('on a line of its own it covers nothing useful and is reported', () => {
    const d = parse('<!-- groupnote-disable-line other-member-identifier -->\nJim.\n');
    expect(d.problems.map((p) => p.message)).toEqual([expect.stringMatching(/disable-next-line/)]);
    expect(isSuppressed(d, 'other-member-identifier', 1).suppressed).toBe(false);
  });
});

describe('groupnote-disable / groupnote-enable ranges', () => {
  it('covers lines from the disable comment up to, not including, the enable comment', () => {
    const text = ['0', '<!-- groupnote-disable member-copy-paste -- template text approved -->', '2', '3', '<!-- groupnote-enable member-copy-paste -->', '5'].join('\n');
    expect(suppressedLines(text, 'member-copy-paste')).toEqual([1, 2, 3]);
    expect(suppressedLines(text, 'response-missing')).toEqual([]);
    expect(isSuppressed(parse(text), 'member-copy-paste', 2).justification).toBe('template text approved');
  });

  it('runs to the end of the file without an enable', () => {
    const text = '0\n<!-- groupnote-disable response-missing -->\n2\n3';
    expect(suppressedLines(text, 'response-missing')).toEqual([1, 2, 3]);
  });

  it('enable without ids re-enables everything that was disabled', () => {
    const text = [
      '<!-- groupnote-disable response-missing -->',
      '<!-- groupnote-disable participation-missing -->',
      '2',
      '<!-- groupnote-enable -->',
      '4',
    ].join('\n');
    expect(suppressedLines(text, 'response-missing')).toEqual([0, 1, 2]);
    expect(suppressedLines(text, 'participation-missing')).toEqual([1, 2]);
  });

  it('disable without ids covers every rule; enabling one leaves the others disabled', () => {
    const text = ['<!-- groupnote-disable -- pilot session -->', '1', '<!-- groupnote-enable other-member-identifier -->', '3', '<!-- groupnote-enable -->', '5'].join('\n');
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([0, 1]);
    expect(suppressedLines(text, 'response-missing')).toEqual([0, 1, 2, 3]);
    expect(isSuppressed(parse(text), 'response-missing', 3).justification).toBe('pilot session');
  });

  it('enabling one rule of several ends only its range', () => {
    const text = ['<!-- groupnote-disable response-missing participation-missing -->', '1', '<!-- groupnote-enable response-missing -->', '3'].join('\n');
    expect(suppressedLines(text, 'response-missing')).toEqual([0, 1]);
    expect(suppressedLines(text, 'participation-missing')).toEqual([0, 1, 2, 3]);
  });
});

describe('groupnote-disable-file', () => {
  it('covers every line, wherever the comment is', () => {
    const text = 'a\nb\nc\n<!-- groupnote-disable-file treatment-plan-link-missing -- plans kept elsewhere -->\n';
    expect(suppressedLines(text, 'treatment-plan-link-missing')).toEqual([0, 1, 2, 3, 4]);
    expect(suppressedLines(text, 'response-missing')).toEqual([]);
    expect(isSuppressed(parse(text), 'treatment-plan-link-missing', 0)).toMatchObject({ suppressed: true, justification: 'plans kept elsewhere' });
  });

  it('without ids covers every rule', () => {
    const text = '<!-- groupnote-disable-file -->\nx';
    for (const id of RULE_IDS) expect(suppressedLines(text, id)).toEqual([0, 1]);
  });
});

describe('justifications', () => {
  it('keeps everything after " -- " and never reads it as rule ids', () => {
    const text = '<!-- groupnote-disable-next-line other-member-identifier -- sister, not a member -- see ROI 2026 -->\nx\n';
    const d = parse(text);
    expect(d.problems).toEqual([]);
    expect(d.comments[0].ruleIds).toEqual(['other-member-identifier']);
    expect(d.comments[0].justification).toBe('sister, not a member -- see ROI 2026');
    expect(isSuppressed(d, 'other-member-identifier', 1)).toMatchObject({ suppressed: true, justification: 'sister, not a member -- see ROI 2026' });
  });

  it('a justification with no ids still covers every rule', () => {
    const d = parse('<!-- groupnote-disable-next-line -- co-led with another group -->\nx\n');
    expect(d.comments[0]).toMatchObject({ ruleIds: null, justification: 'co-led with another group' });
    expect(isSuppressed(d, 'response-missing', 1).suppressed).toBe(true);
  });

  it('a suppression without a justification has none', () => {
    const d = parse('<!-- groupnote-disable-next-line response-missing -->\nx\n');
    expect(isSuppressed(d, 'response-missing', 1)).toEqual({ suppressed: true, comment: d.comments[0] });
  });
});

describe('problems', () => {
  it('reports unknown rule ids with their offsets and ignores them', () => {
    const text = 'x\n<!-- groupnote-disable-next-line foo response-missing bar-baz -- not foo -->\ny\n';
    const d = parse(text);
    expect(d.problems.map((p) => [text.slice(p.start, p.end), p.message])).toEqual([
      ['foo', "Unknown rule id 'foo' in disable comment."],
      ['bar-baz', "Unknown rule id 'bar-baz' in disable comment."],
    ]);
    expect(d.comments[0].ruleIds).toEqual(['response-missing']);
  });

  it('a comment naming only unknown ids disables nothing (not every rule)', () => {
    const text = '<!-- groupnote-disable-file respnse-missing -->\nx\n';
    const d = parse(text);
    expect(d.comments[0].ruleIds).toEqual([]);
    expect(d.problems).toHaveLength(1);
    for (const id of RULE_IDS) expect(suppressedLines(text, id)).toEqual([]);
  });

  it('reports an unknown directive', () => {
    const text = '<!-- groupnote-disabel response-missing -->\nx\n';
    const d = parse(text);
    expect(d.comments).toEqual([]);
    expect(d.problems.map((p) => text.slice(p.start, p.end))).toEqual(['groupnote-disabel']);
  });

  it('ignores other HTML comments', () => {
    const d = parse('<!-- reviewed by supervisor -->\n<!---->\nx\n');
    expect(d.comments).toEqual([]);
    expect(d.problems).toEqual([]);
  });

  it('reads "<!-->" and "<!--->" as empty comments that hide nothing after them', () => {
    const d = parse('<!--> <!---> <!-- groupnote-disable-line response-missing -->\n');
    expect(d.comments.map((c) => c.kind)).toEqual(['disable-line']);
  });
});

describe('comments that are not directives', () => {
  it('ignores comments in fenced code blocks (``` and ~~~, indented in lists too)', () => {
    const text = [
      '```markdown',
      '<!-- groupnote-disable-file -->',
      '```',
      '~~~~',
      '<!-- groupnote-disable-file -->',
      '~~~',
      'still inside: the fence is closed only by 4 or more tildes',
      '~~~~',
      '- item',
      '  ```',
      '  <!-- groupnote-disable-file -->',
      '  ```',
      'x',
    ].join('\n');
    const d = parse(text);
    expect(d.comments).toEqual([]);
    expect(suppressedLines(text, 'response-missing')).toEqual([]);
  });

  it('ignores comments in inline code, but not after it', () => {
    const text = 'Write `<!-- groupnote-disable-file -->` or ``a ` <!-- groupnote-disable-file --> b``.\nJim. <!-- groupnote-disable-line other-member-identifier -->\n';
    const d = parse(text);
    expect(d.comments.map((c) => c.kind)).toEqual(['disable-line']);
    expect(suppressedLines(text, 'other-member-identifier')).toEqual([1]);
  });

  it('an unmatched backtick does not hide a directive', () => {
    const text = 'It`s fine. <!-- groupnote-disable-line response-missing -->\n';
    expect(suppressedLines(text, 'response-missing')).toEqual([0]);
  });

  it('ignores the YAML frontmatter and reads comments after it', () => {
    const text = '---\nnote: "<!-- groupnote-disable-file -->"\n---\n<!-- groupnote-disable-next-line response-missing -->\n## A\n';
    const d = parse(text);
    expect(d.comments.map((c) => c.kind)).toEqual(['disable-next-line']);
    expect(suppressedLines(text, 'response-missing')).toEqual([4]);
  });

  it('reads a directive after a closed fence', () => {
    const text = '```\ncode\n```\n<!-- groupnote-disable-next-line response-missing -->\n\nx\n';
    expect(suppressedLines(text, 'response-missing')).toEqual([5]);
  });
});

describe('line endings and offsets', () => {
  const lf = [
    '---',
    'note: group-psychotherapy',
    '---',
    '<!-- groupnote-disable-next-line other-member-identifier foo -- consent on file -->',
    '',
    '## Maria Lopez',
    'Jim. <!-- groupnote-disable-line response-missing -->',
    '<!-- groupnote-disable participation-missing -->',
    'a',
    '<!-- groupnote-enable -->',
    'b',
  ].join('\n');

  const summary = (text: string) => {
    const d = parse(text);
    return {
      comments: d.comments.map((c) => [c.kind, c.line, c.endLine, c.targetLine, c.justification, text.slice(c.start, c.end)]),
      problems: d.problems.map((p) => text.slice(p.start, p.end)),
      suppressed: RULE_IDS.map((id) => suppressedLines(text, id)),
    };
  };

  it('gives the same lines with LF, CRLF and CR, and offsets into the original string', () => {
    const expected = summary(lf);
    expect(expected.comments.map((c) => c[3])).toEqual([5, 6, undefined, undefined]);
    expect(expected.problems).toEqual(['foo']);
    expect(summary(lf.replace(/\n/g, '\r\n'))).toEqual(expected);
    expect(summary(lf.replace(/\n/g, '\r'))).toEqual(expected);
  });

  it('keeps offsets right with a byte-order mark', () => {
    const bom = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const s = summary(bom);
    expect(s).toEqual(summary(lf));
    expect(parse(bom).comments[0].start).toBe(bom.indexOf('<!--'));
  });
});

describe('docs/disable-comments.md', () => {
  it('shows its examples in code, so the page itself disables nothing', () => {
    const page = readFileSync(new URL('../docs/disable-comments.md', import.meta.url), 'utf8');
    const d = parse(page);
    expect(d.comments).toEqual([]);
    expect(d.problems).toEqual([]);
  });
});
