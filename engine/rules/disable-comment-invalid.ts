// disable-comment-invalid: a groupnote disable comment that names an unknown rule or is not a
// directive, so it silently suppresses nothing. Reported so a typo cannot hide behind it.

import type { Rule } from './rule.js';

export const disableCommentInvalid: Rule = {
  id: 'disable-comment-invalid',
  defaultSeverity: 'warning',
  description: 'A groupnote-disable comment with an unknown rule id or directive, which suppresses nothing.',
  check({ disableProblems }) {
    return disableProblems.map((p) => ({ start: p.start, end: p.end, member: null, message: p.message }));
  },
};
