// frontmatter-invalid: the YAML frontmatter of a group note cannot be read, or its roster has
// the wrong shape. Other rules still run on what could be read.

import type { Rule } from './rule.js';

export const frontmatterInvalid: Rule = {
  id: 'frontmatter-invalid',
  defaultSeverity: 'error',
  description: 'YAML frontmatter of a group note that cannot be parsed, or a members roster with the wrong shape.',
  check({ note }) {
    return note.problems.map((p) => ({ start: p.start, end: p.end, member: null, message: p.message }));
  },
};
