import { afterEach, describe, expect, it } from 'vitest';
import { RecentCache } from '../engine/parse/recent.js';

describe('RecentCache', () => {
  afterEach(() => {
    RecentCache.enabled = true;
  });

  it('returns the kept value for a key seen before, and makes room by dropping the least recently used', () => {
    const cache = new RecentCache<string, number>(2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => ++computed);
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(2);
    expect(get('a')).toBe(1); // kept; now the most recent
    expect(get('c')).toBe(3); // drops b, the least recently used
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4); // computed again
    expect(computed).toBe(4);
  });

  it('computes every time and keeps nothing when turned off (as the command line does)', () => {
    RecentCache.enabled = false;
    const cache = new RecentCache<string, number>(2);
    let computed = 0;
    expect(cache.get('a', () => ++computed)).toBe(1);
    expect(cache.get('a', () => ++computed)).toBe(2);
    RecentCache.enabled = true;
    expect(cache.get('a', () => ++computed)).toBe(3); // nothing was kept while off
    expect(cache.get('a', () => ++computed)).toBe(3);
  });
});
