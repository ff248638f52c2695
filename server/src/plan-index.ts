// Treatment plans found in the workspace folders, read on first use and re-read after a plan
// file changes. Used for goal-link quick fixes and hovers. Reads only files whose frontmatter
// says `note: treatment-plan`.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectFiles, looksLikePlan } from '../../engine/workspace/files.js';
import { parsePlan, type PlanGoal, type TreatmentPlan } from '../../engine/facts/plans.js';

export class PlanIndex {
  private plans: Map<string, TreatmentPlan & { path: string }> | null = null;

  constructor(private readonly folders: () => string[]) {}

  goalsOf(memberKey: string): PlanGoal[] {
    return this.load().get(memberKey)?.goals ?? [];
  }

  planOf(memberKey: string): (TreatmentPlan & { path: string }) | undefined {
    return this.load().get(memberKey);
  }

  /** The diagnoses on a member's plan (for the fix that copies them into the note). */
  diagnosesOf(memberKey: string): string[] {
    return this.load().get(memberKey)?.diagnoses ?? [];
  }

  /** Plan diagnoses by patient, for diagnosis-plan-mismatch. */
  diagnoses(): ReadonlyMap<string, { diagnoses: string[] }> {
    return this.load();
  }

  /**
   * Called for every changed Markdown file; only plan files (or new ones) force a re-read. True
   * when the plans were dropped (every note's diagnosis check depends on them).
   */
  invalidate(uri: string): boolean {
    if (!this.plans || !uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    if (![...this.plans.values()].some((p) => p.path === path) && !looksLikePlan(path)) return false;
    this.plans = null;
    return true;
  }

  /**
   * Reads the plans from these files (every Markdown file of the folders, as a scan lists them)
   * unless they are read already: spares load() a walk of the folders of its own.
   */
  loadFrom(paths: readonly string[]): void {
    if (!this.plans) this.plans = this.read(paths);
  }

  private load(): Map<string, TreatmentPlan & { path: string }> {
    if (this.plans) return this.plans;
    const folders = this.folders();
    this.plans = this.read(folders.length ? [...collectFiles(folders)].filter((f) => !f.error).map((f) => f.path) : []);
    return this.plans;
  }

  private read(paths: readonly string[]): Map<string, TreatmentPlan & { path: string }> {
    const plans = new Map<string, TreatmentPlan & { path: string }>();
    for (const path of paths) {
      if (!looksLikePlan(path)) continue;
      try {
        const plan = parsePlan(readFileSync(path, 'utf8'));
        if (plan) plans.set(plan.patient, { ...plan, path });
      } catch {
        // unreadable files are skipped; the linter reports them where they are notes
      }
    }
    return plans;
  }
}
