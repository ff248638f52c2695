// Estimated revenue at risk: each claim (one member in one session note, billed once as 90853)
// with at least one finding that puts the claim at risk counts once, at the claim's expected
// allowed amount. Amounts are summed in whole cents.

import { normalizePath } from './sarif.js';
import type { ReportFinding } from './types.js';

/** The code every claim in a group note is billed under. */
export const GROUP_CPT = '90853';

/**
 * Built-in default allowed amount for 90853, from the project's reference
 * (90853-documentation-facts.md, "Coding facts"): "2026 national estimate: total RVU 0.67,
 * conversion factor $33.40 (seed 002_0117d5fd0a9e3224.txt figures), about $22.38 per member per
 * session before locality adjustment." 0.67 x 33.40 = 22.378. A practice should set its own
 * contracted rates in the fee schedule (see docs/reports.md).
 */
export const DEFAULT_FEE_90853 = {
  cpt: GROUP_CPT,
  amount: 22.38,
  year: 2026,
  basis: 'national estimate for CPT 90853: total RVU 0.67 × conversion factor $33.40, before locality adjustment (0.67 × 33.40 = 22.378)',
  source: 'seed 002_0117d5fd0a9e3224.txt figures, as given in the project reference 90853-documentation-facts.md (Coding facts)',
} as const;

export interface FeeSchedule {
  [cpt: string]: number;
}

export interface ClaimAtRisk {
  file: string;
  member: string;
  memberName: string | null;
  clinician: string | null;
  date: string | null;
  cpt: string;
  /** whole cents */
  cents: number;
  ruleIds: string[];
  findings: number;
}

export interface RevenueAtRisk {
  claims: ClaimAtRisk[];
  /** whole cents */
  totalCents: number;
  /** the allowed amount used for each 90853 claim, in cents */
  perClaimCents: number;
  /** where perClaimCents came from */
  feeFrom: 'fee schedule' | 'default';
  /** findings marked claimAtRisk but in a shared section (no member): they name no claim and are not counted */
  sharedFindingsNotCounted: number;
}

export const toCents = (amount: number) => Math.round(amount * 100);

/** Key of a claim: the note (one session) and the member. */
export const claimKey = (f: Pick<ReportFinding, 'file' | 'member'>) => `${normalizePath(f.file)}\u0000${f.member ?? ''}`;

export function allowedAmount(feeSchedule: FeeSchedule, defaultAllowedAmount: number): { cents: number; from: 'fee schedule' | 'default' } {
  const scheduled = feeSchedule[GROUP_CPT];
  if (typeof scheduled === 'number' && Number.isFinite(scheduled) && scheduled >= 0) return { cents: toCents(scheduled), from: 'fee schedule' };
  const fallback = Number.isFinite(defaultAllowedAmount) && defaultAllowedAmount >= 0 ? defaultAllowedAmount : DEFAULT_FEE_90853.amount;
  return { cents: toCents(fallback), from: 'default' };
}

export function revenueAtRisk(findings: readonly ReportFinding[], feeSchedule: FeeSchedule, defaultAllowedAmount: number): RevenueAtRisk {
  const fee = allowedAmount(feeSchedule, defaultAllowedAmount);
  const claims = new Map<string, ClaimAtRisk>();
  let shared = 0;
  for (const f of findings) {
    if (!f.claimAtRisk) continue;
    if (f.member === null) {
      shared++;
      continue;
    }
    const key = claimKey(f);
    let claim = claims.get(key);
    if (!claim) {
      claim = {
        file: f.file,
        member: f.member,
        memberName: f.memberName ?? null,
        clinician: f.clinician ?? null,
        date: f.date ?? null,
        cpt: GROUP_CPT,
        cents: fee.cents,
        ruleIds: [],
        findings: 0,
      };
      claims.set(key, claim);
    }
    claim.findings++;
    if (!claim.ruleIds.includes(f.ruleId)) claim.ruleIds.push(f.ruleId);
    claim.memberName ??= f.memberName ?? null;
    claim.clinician ??= f.clinician ?? null;
    claim.date ??= f.date ?? null;
  }
  const list = [...claims.values()];
  return {
    claims: list,
    totalCents: list.reduce((sum, c) => sum + c.cents, 0),
    perClaimCents: fee.cents,
    feeFrom: fee.from,
    sharedFindingsNotCounted: shared,
  };
}

/** 123456 -> "$1,234.56" */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}
