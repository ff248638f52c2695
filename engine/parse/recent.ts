// A small least-recently-used cache for work the editor repeats on every keystroke (YAML of an
// unchanged frontmatter, unchanged note sections, unchanged fields). Values are shared with every
// caller, so they must be treated as read-only.

export class RecentCache<K, V> {
  /**
   * Off for a command-line run, which reads each note once: there keys would only be hashed and
   * values kept for nothing (on by default, for the editor).
   */
  static enabled = true;

  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, or `compute()` kept as the newest entry (the oldest makes room). */
  get(key: K, compute: () => V): V {
    if (!RecentCache.enabled) return compute();
    let value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
    } else {
      value = compute();
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
    return value;
  }
}
