// The reviewer's summary of a folder: findings per rule and per member, and the revenue at risk as
// the HTML report counts it (engine/report). Built from what the server already holds (the index,
// each note's findings); shown to the reviewer in the editor, never logged.

import { relative } from 'node:path';
import { revenueAtRisk, toHtml, toReportFinding, toRuleInfos, DEFAULT_FEE_90853, formatCents, type ReportFinding } from '../../engine/report/index.js';
import type { Severity } from '../../engine/index.js';
import type { NoteSummary } from '../../engine/workspace/summary.js';

export interface NoteFindings {
  path: string;
  /** what the index knows of the note (kind, date, members), when it is indexed */
  summary: NoteSummary | undefined;
  findings: { ruleId: string; severity: Severity; message: string; member: string | null; start: { line: number; character: number }; end: { line: number; character: number } }[];
}

export interface FolderSummary {
  notes: number;
  groupNotes: number;
  notesWithFindings: number;
  totals: Record<Severity, number>;
  byRule: { ruleId: string; total: number; error: number; warning: number; info: number }[];
  byMember: { member: string; name: string | null; total: number; rules: string[] }[];
  revenueAtRisk: { claims: number; total: string; perClaim: string };
}

/** The notes' findings as report findings (engine/report), for the HTML report. */
export function reportFindings(folder: string, notes: Iterable<NoteFindings>): { findings: ReportFinding[]; notes: number } {
  const findings: ReportFinding[] = [];
  let count = 0;
  for (const note of notes) {
    count++;
    const facts = { file: relative(folder, note.path), date: note.summary?.date ?? null, clinician: note.summary?.clinician ?? null, memberNames: Object.fromEntries((note.summary?.members ?? []).map((m) => [m.key, m.name])) };
    for (const f of note.findings) findings.push(toReportFinding(f, facts));
  }
  return { findings, notes: count };
}

/** The HTML report (as the CLI's --report writes it) for the notes. */
export function htmlReport(folder: string, notes: Iterable<NoteFindings>, rules: readonly { id: string; defaultSeverity: Severity; description: string }[], docsBaseUri: string): string {
  const { findings, notes: count } = reportFindings(folder, notes);
  return toHtml(findings, toRuleInfos(rules), {
    title: `groupnote-lint: ${folder}`,
    generatedAt: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
    feeSchedule: {},
    defaultAllowedAmount: DEFAULT_FEE_90853.amount,
    filesChecked: count,
    docsBaseUri,
  });
}

export function folderSummary(folder: string, notes: Iterable<NoteFindings>): FolderSummary {
  const list = [...notes];
  const { findings } = reportFindings(folder, list);
  const rules = new Map<string, FolderSummary['byRule'][number]>();
  const members = new Map<string, FolderSummary['byMember'][number]>();
  const totals = { error: 0, warning: 0, info: 0 };
  for (const f of findings) {
    totals[f.severity]++;
    let rule = rules.get(f.ruleId);
    if (!rule) rules.set(f.ruleId, (rule = { ruleId: f.ruleId, total: 0, error: 0, warning: 0, info: 0 }));
    rule.total++;
    rule[f.severity]++;
    if (f.member === null) continue;
    let member = members.get(f.member);
    if (!member) members.set(f.member, (member = { member: f.member, name: null, total: 0, rules: [] }));
    member.total++;
    member.name ??= f.memberName ?? null;
    if (!member.rules.includes(f.ruleId)) member.rules.push(f.ruleId);
  }
  const revenue = revenueAtRisk(findings, {}, DEFAULT_FEE_90853.amount);
  return {
    notes: list.length,
    groupNotes: list.filter((n) => n.summary?.kind === 'group').length,
    notesWithFindings: list.filter((n) => n.findings.length > 0).length,
    totals,
    byRule: [...rules.values()].sort((a, b) => b.total - a.total || a.ruleId.localeCompare(b.ruleId)),
    byMember: [...members.values()].sort((a, b) => b.total - a.total || a.member.localeCompare(b.member)),
    revenueAtRisk: { claims: revenue.claims.length, total: formatCents(revenue.totalCents), perClaim: formatCents(revenue.perClaimCents) },
  };
}

/** The summary as a Markdown page (the client opens it in the Markdown preview). */
export function summaryMarkdown(folder: string, s: FolderSummary): string {
  const cell = (text: string) => text.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
  const lines = [
    `# groupnote-lint: ${cell(folder)}`,
    '',
    `${s.notes} notes indexed, ${s.groupNotes} group notes, ${s.notesWithFindings} with findings: ${s.totals.error} errors, ${s.totals.warning} warnings, ${s.totals.info} info.`,
    '',
    `**Revenue at risk:** ${s.revenueAtRisk.total} (${s.revenueAtRisk.claims} member claims at ${s.revenueAtRisk.perClaim} each, the 90853 national estimate; a practice's fee schedule is used by the CLI's HTML report). The whole report: *groupnote-lint: Open Folder Report (HTML)*.`,
    '',
    '## Findings per rule',
    '',
    '| rule | total | errors | warnings | info |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...s.byRule.map((r) => `| ${r.ruleId} | ${r.total} | ${r.error} | ${r.warning} | ${r.info} |`),
    '',
    '## Findings per member',
    '',
    '| member | name | total | rules |',
    '| --- | --- | ---: | --- |',
    ...s.byMember.map((m) => `| ${cell(m.member)} | ${cell(m.name ?? '')} | ${m.total} | ${m.rules.join(', ')} |`),
    '',
  ];
  return lines.join('\n');
}
