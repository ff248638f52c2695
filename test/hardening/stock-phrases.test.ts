// Stock phrases (engine/language/cues.ts) are looked for only in fields that contain words every
// match of the phrase contains. Checked here on text generated from each pattern itself: if a
// pattern could match without its words, the shortcut would hide a stock phrase.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { removeStockPhrases, STOCK_PHRASES } from '../../engine/language/cues.js';

describe('stock phrase shortcut', () => {
  it('every match of a stock phrase contains one of the words its shortcut needs', () => {
    for (const [needs, pattern] of STOCK_PHRASES) {
      if (!needs) continue;
      // without word boundaries (which the generator cannot make): a pattern that matches more
      const once = new RegExp(pattern.source.replace(/\\b/g, ''));
      fc.assert(
        fc.property(fc.stringMatching(once), (text) => {
          const match = once.exec(text);
          if (match) expect(needs.some((word) => match[0].includes(word)), `${pattern.source} on ${JSON.stringify(match[0])}`).toBe(true);
        }),
        { seed: 20260408, numRuns: 300 },
      );
    }
  });

  it('still finds each kind of stock phrase', () => {
    const text = 'Was present and participated. Listened attentively to peers. Seemed to benefit from the group. No concerns noted. Appropriately groomed. Good eye contact. Attended group today.';
    const { found } = removeStockPhrases(text);
    expect(found).toEqual(expect.arrayContaining(['was present and participated', 'listened attentively to peers', 'seemed to benefit from the group', 'no concerns noted', 'appropriately groomed', 'good eye contact', 'attended group today']));
  });
});
