// The rules of the foundation issue (the five core rules, frontmatter-invalid and
// disable-comment-invalid). Tests written before the billing and documentation rules assert
// exactly what these report; they filter on this list, or switch every other rule off with
// ONLY_FOUNDATION, so a new rule's findings do not change what they check.

import { RULES } from '../../engine/index.js';

export const CORE_RULES = ['other-member-identifier', 'member-copy-paste', 'participation-missing', 'response-missing', 'treatment-plan-link-missing'] as const;

export const FOUNDATION_RULES: readonly string[] = [...CORE_RULES, 'frontmatter-invalid', 'disable-comment-invalid'];

export const isFoundationRule = (id: string): boolean => FOUNDATION_RULES.includes(id);

/** A `rules` setting that switches off every single-note rule outside the foundation. */
export const ONLY_FOUNDATION: Record<string, 'off'> = Object.fromEntries(RULES.filter((r) => !isFoundationRule(r.id)).map((r) => [r.id, 'off' as const]));
