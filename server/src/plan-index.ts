// Treatment plans found in the workspace folders, read on first use and re-read after a plan
// file changes. Used for goal-link quick fixes and hovers. Reads only files whose frontmatter
// says `note: treatment-plan`.

import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectFiles } from '../../engine/files.js';
import { parsePlan, type PlanGoal, type TreatmentPlan } from '../../engine/plans.js';

/** Enough of a file to see its frontmatter's `note:` line. */
const HEAD_BYTES = 2048;

export class PlanIndex {
  private plans: Map<string, TreatmentPlan & { path: string }> | null = null;

  constructor(private readonly folders: () => string[]) {}

  goalsOf(memberKey: string): PlanGoal[] {
    return this.load().get(memberKey)?.goals ?? [];
  }

  planOf(memberKey: string): (TreatmentPlan & { path: string }) | undefined {
    return this.load().get(memberKey);
  }

  /** Called for every changed Markdown file; only plan files (or new ones) force a re-read. */
  invalidate(uri: string): void {
    if (!this.plans || !uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    if ([...this.plans.values()].some((p) => p.path === path) || looksLikePlan(path)) this.plans = null;
  }

  private load(): Map<string, TreatmentPlan & { path: string }> {
    if (this.plans) return this.plans;
    const plans = new Map<string, TreatmentPlan & { path: string }>();
    const folders = this.folders();
    if (folders.length) {
      for (const file of collectFiles(folders)) {
        if (file.error || !looksLikePlan(file.path)) continue;
        try {
          const plan = parsePlan(readFileSync(file.path, 'utf8'));
          if (plan) plans.set(plan.patient, { ...plan, path: file.path });
        } catch {
          // unreadable files are skipped; the linter reports them where they are notes
        }
      }
    }
    this.plans = plans;
    return plans;
  }
}

function looksLikePlan(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return /^\uFEFF?---[\s\S]*?\bnote:\s*["']?treatment[- ]?plan/i.test(buffer.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
