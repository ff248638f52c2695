// The reviewer's report: one self-contained HTML page (inline CSS and SVG, no scripts, nothing
// loaded from anywhere; a Content-Security-Policy that forbids every fetch), readable on screen
// and on paper. Every piece of text is escaped.

import { createHash } from 'node:crypto';
import { CLAIM_RISK_RULES } from './claim-risk.js';
import { html } from './escape.js';
import { claimKey, DEFAULT_FEE_90853, formatCents, GROUP_CPT, revenueAtRisk, type FeeSchedule } from './revenue.js';
import { normalizePath } from './sarif.js';
import { ruleDocs, type ReportFinding, type ReportSeverity, type RuleInfo } from './types.js';

export interface HtmlReportOptions {
  title?: string;
  /** shown as given, e.g. an ISO timestamp */
  generatedAt: string;
  /** expected allowed amount per claim by CPT code; 90853 is used for group-note claims */
  feeSchedule: FeeSchedule;
  /** allowed amount per 90853 claim when the fee schedule has none (normally DEFAULT_FEE_90853.amount) */
  defaultAllowedAmount: number;
  /** number of files checked (with or without findings) */
  filesChecked: number;
  /** where the rule doc links point: resolved against this URI when given, else the relative path docs/rules/<id>.md */
  docsBaseUri?: string;
  /** where defaultAllowedAmount comes from, when it is not the built-in default */
  defaultFeeSource?: string;
}

const SEVERITIES: readonly ReportSeverity[] = ['error', 'warning', 'info'];
const SHARED = '\u0000shared';
const UNKNOWN = '\u0000unknown';

const CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --error: #b42318; --warning: #a15c07; --info: #1d5fbf; --risk: #6e2594; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; page-break-after: avoid; }
p { margin: 6px 0; }
.meta, .note { color: var(--muted); }
.note { font-size: 12.5px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin: 18px 0 8px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--panel); break-inside: avoid; }
.card .value { display: block; font-size: 24px; font-weight: 650; }
.card .label { color: var(--muted); font-size: 12.5px; }
.card.risk { border-color: var(--risk); }
.card.risk .value { color: var(--risk); }
.sev { display: inline-block; padding: 0 6px; border-radius: 10px; border: 1px solid currentColor; font-size: 12px; font-weight: 600; }
.sev-error { color: var(--error); } .sev-warning { color: var(--warning); } .sev-info { color: var(--info); }
.tag-risk { color: var(--risk); font-weight: 600; font-size: 12px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 13px; }
caption { text-align: left; color: var(--muted); font-size: 12.5px; padding: 4px 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.loc { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 12px; overflow-wrap: anywhere; min-width: 16ch; max-width: 250px; }
td.msg { min-width: 280px; }
td.nowrap { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
a { color: #0a54c2; }
figure { margin: 8px 0 12px; }
svg.chart { display: block; width: 100%; max-width: 820px; height: auto; }
svg.chart text { font: 12px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif; fill: var(--ink); }
svg.chart .axis { stroke: var(--line); }
svg.chart .bar-error { fill: var(--error); } svg.chart .bar-warning { fill: #d98e04; } svg.chart .bar-info { fill: var(--info); }
.legend { font-size: 12.5px; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; border-radius: 2px; }
.swatch-error { background: var(--error); } .swatch-warning { background: #d98e04; } .swatch-info { background: var(--info); }
.method { border-left: 3px solid var(--risk); padding: 4px 12px; background: #faf7fc; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 3px 5px; }
  td.loc { font-size: 7.5pt; max-width: 45mm; }
  h2 { margin-top: 18pt; }
  a { color: inherit; text-decoration: none; }
  .cards { grid-template-columns: repeat(5, 1fr); }
  .card { background: #fff; }
  svg.chart { max-width: 100%; }
  section { break-inside: auto; }
  figure { break-inside: avoid; }
}
`;

interface Count {
  total: number;
  bySeverity: Record<ReportSeverity, number>;
  files: Set<string>;
  claims: Set<string>;
}

const newCount = (): Count => ({ total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, files: new Set(), claims: new Set() });

function tally<K>(findings: readonly ReportFinding[], keyOf: (f: ReportFinding) => K): Map<K, Count> {
  const counts = new Map<K, Count>();
  for (const f of findings) {
    const key = keyOf(f);
    let c = counts.get(key);
    if (!c) counts.set(key, (c = newCount()));
    c.total++;
    c.bySeverity[SEVERITIES.includes(f.severity) ? f.severity : 'info']++;
    c.files.add(normalizePath(f.file));
    if (f.claimAtRisk && f.member !== null) c.claims.add(claimKey(f));
  }
  return counts;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function monthOf(date: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})/.exec(date ?? '');
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${m[2]}` : UNKNOWN;
}
const monthLabel = (key: string) => (key === UNKNOWN ? 'No session date' : `${MONTHS[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`);

function docHref(docs: string, base: string | undefined): string {
  const safe = /^[a-z][a-z0-9+.-]*:/i.test(docs) && !/^(https?|file):/i.test(docs) ? '#' : docs;
  if (!base || safe === '#') return safe;
  try {
    return new URL(safe, base.endsWith('/') ? base : `${base}/`).href;
  } catch {
    return safe;
  }
}

interface Bar {
  label: string;
  counts: Record<ReportSeverity, number>;
}

/** A horizontal bar chart in inline SVG, bars stacked by severity, each labelled with its count. */
export function barChart(bars: readonly Bar[], title: string, id: string): string {
  const width = 820;
  const labelWidth = 250;
  const countWidth = 56;
  const row = 24;
  const top = 8;
  const height = top * 2 + Math.max(1, bars.length) * row;
  const max = Math.max(1, ...bars.map((b) => b.counts.error + b.counts.warning + b.counts.info));
  const scale = (width - labelWidth - countWidth) / max;
  const parts: string[] = [];
  parts.push(`<title id="${id}-title">${html(title)}</title>`);
  if (bars.length === 0) parts.push(`<text x="0" y="${top + 16}">No findings.</text>`);
  bars.forEach((bar, i) => {
    const y = top + i * row;
    const label = bar.label.length > 38 ? `${bar.label.slice(0, 37)}…` : bar.label;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${html(label)}</text>`);
    let x = labelWidth;
    const total = bar.counts.error + bar.counts.warning + bar.counts.info;
    for (const severity of SEVERITIES) {
      const n = bar.counts[severity];
      if (n === 0) continue;
      const w = Math.max(2, n * scale);
      parts.push(`<rect class="bar bar-${severity}" x="${x.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${row - 8}"><title>${html(`${bar.label}: ${plural(n, severity === 'info' ? 'info finding' : severity)}`)}</title></rect>`);
      x += w;
    }
    parts.push(`<text class="count" x="${(x + 6).toFixed(1)}" y="${y + 16}">${total}</text>`);
  });
  parts.push(`<line class="axis" x1="${labelWidth}" y1="${top - 2}" x2="${labelWidth}" y2="${height - top + 2}"/>`);
  return `<figure><svg class="chart" id="${id}" role="img" aria-labelledby="${id}-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg><figcaption class="legend">Stacked by severity:<span class="swatch swatch-error"></span>error<span class="swatch swatch-warning"></span>warning<span class="swatch swatch-info"></span>info</figcaption></figure>`;
}

function memberLabel(member: string | null, name: string | null | undefined): string {
  if (member === null) return 'Shared section (no member)';
  return name && name !== member ? `${name} (${member})` : member;
}

export function toHtml(findings: readonly ReportFinding[], rules: readonly RuleInfo[], options: HtmlReportOptions): string {
  const title = options.title ?? 'groupnote-lint report';
  const revenue = revenueAtRisk(findings, options.feeSchedule, options.defaultAllowedAmount);
  const perClaimByKey = new Map(revenue.claims.map((c) => [claimKey(c), c.cents]));
  const centsOf = (claims: Set<string>) => [...claims].reduce((sum, key) => sum + (perClaimByKey.get(key) ?? 0), 0);

  // rules: the given ones, then any the findings use that were not given
  const ruleList: RuleInfo[] = [];
  const seenRules = new Set<string>();
  const addRule = (rule: RuleInfo) => {
    if (seenRules.has(rule.id)) return;
    seenRules.add(rule.id);
    ruleList.push(rule);
  };
  for (const r of rules) addRule(r);
  for (const f of findings) addRule({ id: f.ruleId, defaultSeverity: f.severity, description: '', docs: ruleDocs(f.ruleId) });
  const ruleById = new Map(ruleList.map((r) => [r.id, r]));
  const ruleLink = (id: string) => {
    const rule = ruleById.get(id);
    return `<a href="${html(docHref(rule?.docs ?? ruleDocs(id), options.docsBaseUri))}">${html(id)}</a>`;
  };

  const total = tally(findings, () => 'all').get('all') ?? newCount();
  const byRule = tally(findings, (f) => f.ruleId);
  const names = new Map<string, string>();
  for (const f of findings) if (f.member !== null && f.memberName && !names.has(f.member)) names.set(f.member, f.memberName);
  const byMember = tally(findings, (f) => f.member ?? SHARED);
  const byClinician = tally(findings, (f) => (f.clinician && f.clinician.trim() ? f.clinician.trim() : UNKNOWN));
  const byMonth = tally(findings, (f) => monthOf(f.date));
  const members = new Set(findings.filter((f) => f.member !== null).map((f) => f.member!));
  const filesWithFindings = new Set(findings.map((f) => normalizePath(f.file))).size;

  const sevCells = (c: Count) => SEVERITIES.map((s) => `<td class="num">${c.bySeverity[s]}</td>`).join('');
  const sevHeads = SEVERITIES.map((s) => `<th scope="col" class="num">${s === 'info' ? 'Info' : `${s[0].toUpperCase()}${s.slice(1)}s`}</th>`).join('');
  const riskCells = (c: Count) => `<td class="num">${c.claims.size}</td><td class="num">${formatCents(centsOf(c.claims))}</td>`;
  const riskHeads = `<th scope="col" class="num">Claims at risk</th><th scope="col" class="num">Revenue at risk</th>`;
  const byCountThenName = <K>(a: [K, Count], b: [K, Count], name: (k: K) => string) => b[1].total - a[1].total || name(a[0]).localeCompare(name(b[0]));

  // --- by rule
  const ruleRows = ruleList
    .map((r) => [r, byRule.get(r.id) ?? newCount()] as const)
    .sort((a, b) => b[1].total - a[1].total || ruleList.indexOf(a[0]) - ruleList.indexOf(b[0]));
  // the chart shows the rules that found something; the table lists every rule checked
  const firing = ruleRows.filter(([, c]) => c.total > 0);
  const ruleChart = barChart(
    firing.map(([r, c]) => ({ label: r.id, counts: c.bySeverity })),
    `Findings by rule: ${plural(total.total, 'finding')} from ${plural(firing.length, 'rule')}`,
    'chart-rules',
  );
  const ruleTable = `<table id="table-rules"><caption>Every rule checked, most findings first. A claim with findings from several rules counts once in the total at risk.</caption><thead><tr><th scope="col">Rule</th><th scope="col">Default</th><th scope="col">What it reports</th>${sevHeads}<th scope="col" class="num">Total</th><th scope="col" class="num">Claims at risk</th></tr></thead><tbody>${ruleRows
    .map(
      ([r, c]) =>
        `<tr><td>${ruleLink(r.id)}${CLAIM_RISK_RULES.has(r.id) ? ' <span class="tag-risk">claim risk</span>' : ''}</td><td><span class="sev sev-${html(r.defaultSeverity)}">${html(r.defaultSeverity)}</span></td><td>${html(r.description)}</td>${sevCells(c)}<td class="num">${c.total}</td><td class="num">${c.claims.size}</td></tr>`,
    )
    .join('')}</tbody></table>`;

  // --- by member
  const memberName = (key: string) => (key === SHARED ? 'Shared section (no member)' : memberLabel(key, names.get(key)));
  const memberRows = [...byMember].sort((a, b) => (a[0] === SHARED ? 1 : b[0] === SHARED ? -1 : byCountThenName(a, b, memberName)));
  const memberTable = `<table id="table-members"><caption>${plural(members.size, 'member')} with findings; the same member id in several notes is one row.</caption><thead><tr><th scope="col">Member</th>${sevHeads}<th scope="col" class="num">Total</th><th scope="col" class="num">Notes</th>${riskHeads}</tr></thead><tbody>${memberRows
    .map(([k, c]) => `<tr><td>${html(memberName(k))}</td>${sevCells(c)}<td class="num">${c.total}</td><td class="num">${c.files.size}</td>${riskCells(c)}</tr>`)
    .join('')}</tbody></table>`;

  // --- by clinician
  const clinicianName = (key: string) => (key === UNKNOWN ? 'Not recorded' : key);
  const clinicianRows = [...byClinician].sort((a, b) => (a[0] === UNKNOWN ? 1 : b[0] === UNKNOWN ? -1 : byCountThenName(a, b, clinicianName)));
  const clinicianTable = `<table id="table-clinicians"><caption>Rendering clinician (the note's facilitator).</caption><thead><tr><th scope="col">Clinician</th>${sevHeads}<th scope="col" class="num">Total</th><th scope="col" class="num">Notes</th>${riskHeads}</tr></thead><tbody>${clinicianRows
    .map(([k, c]) => `<tr><td>${html(clinicianName(k))}</td>${sevCells(c)}<td class="num">${c.total}</td><td class="num">${c.files.size}</td>${riskCells(c)}</tr>`)
    .join('')}</tbody></table>`;

  // --- by month
  const monthRows = [...byMonth].sort((a, b) => (a[0] === UNKNOWN ? 1 : b[0] === UNKNOWN ? -1 : a[0].localeCompare(b[0])));
  const monthChart = barChart(
    monthRows.map(([k, c]) => ({ label: monthLabel(k), counts: c.bySeverity })),
    `Findings by month of session: ${plural(monthRows.length, 'month')}`,
    'chart-months',
  );
  const monthTable = `<table id="table-months"><caption>By the month of the session date.</caption><thead><tr><th scope="col">Month</th>${sevHeads}<th scope="col" class="num">Total</th><th scope="col" class="num">Notes</th>${riskHeads}</tr></thead><tbody>${monthRows
    .map(([k, c]) => `<tr><td>${html(monthLabel(k))}</td>${sevCells(c)}<td class="num">${c.total}</td><td class="num">${c.files.size}</td>${riskCells(c)}</tr>`)
    .join('')}</tbody></table>`;

  // --- revenue at risk
  const perClaim = formatCents(revenue.perClaimCents);
  const builtIn = `$${DEFAULT_FEE_90853.amount.toFixed(2)}`;
  const defaultIsBuiltIn = Math.round(options.defaultAllowedAmount * 100) === Math.round(DEFAULT_FEE_90853.amount * 100);
  const feeUsed =
    revenue.feeFrom === 'fee schedule'
      ? `${perClaim} per ${GROUP_CPT} claim, from the fee schedule given for this report`
      : defaultIsBuiltIn
        ? `${perClaim} per ${GROUP_CPT} claim, the built-in default (no ${GROUP_CPT} rate in the fee schedule)`
        : `${perClaim} per ${GROUP_CPT} claim, the default allowed amount set for this report${options.defaultFeeSource ? ` (${html(options.defaultFeeSource)})` : ''}`;
  const revenueSection = `<section id="revenue" aria-labelledby="h-revenue"><h2 id="h-revenue">Estimated revenue at risk</h2>
<p><strong id="revenue-total">${formatCents(revenue.totalCents)}</strong>: ${plural(revenue.claims.length, 'claim')} at risk × ${perClaim}.</p>
<div class="method"><p><strong>Method.</strong> A claim is one member in one session note, billed once as CPT ${GROUP_CPT}. A claim is at risk when at least one finding in that member's section comes from a rule that puts the claim at risk (${[...CLAIM_RISK_RULES].map((id) => html(id)).join(', ')}). Each claim at risk counts once at its expected allowed amount, however many findings it has. Findings in a shared section name no claim and are not counted${revenue.sharedFindingsNotCounted ? ` (${plural(revenue.sharedFindingsNotCounted, 'such finding')} here)` : ''}. This is an estimate of what an audit could deny or recoup, not a billing figure.</p>
<p><strong>Fee used.</strong> ${feeUsed}.</p>
<p><strong>Built-in default.</strong> ${builtIn} per member per session: ${html(DEFAULT_FEE_90853.year)} ${html(DEFAULT_FEE_90853.basis)}. Source: ${html(DEFAULT_FEE_90853.source)}. It is a national Medicare estimate, not a contracted rate: a practice should set its own allowed amounts per payer in the fee schedule.</p></div>
</section>`;

  // --- all findings
  const sorted = [...findings].sort(
    (a, b) => normalizePath(a.file).localeCompare(normalizePath(b.file)) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
  const findingRows = sorted
    .map(
      (f) =>
        `<tr><td class="loc">${html(`${normalizePath(f.file)}:${f.line}:${f.column}`).replace(/\//g, '/<wbr>')}</td><td>${ruleLink(f.ruleId)}</td><td><span class="sev sev-${html(SEVERITIES.includes(f.severity) ? f.severity : 'info')}">${html(f.severity)}</span></td><td>${html(f.member === null ? 'shared section' : memberLabel(f.member, f.memberName))}</td><td class="nowrap">${html(f.date ?? '')}</td><td class="msg">${html(f.message)}${f.claimAtRisk && f.member !== null ? ' <span class="tag-risk">claim at risk</span>' : ''}</td></tr>`,
    )
    .join('\n');
  const findingsTable = `<table id="table-findings"><caption>${plural(findings.length, 'finding')}, by file and position (line:column, 1-based).</caption><thead><tr><th scope="col">Location</th><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Member</th><th scope="col">Session</th><th scope="col">Message</th></tr></thead><tbody>\n${findingRows}\n</tbody></table>`;

  const card = (id: string, value: string, label: string, extra = '') => `<div class="card${extra}" id="${id}"><span class="value">${html(value)}</span><span class="label">${html(label)}</span></div>`;
  const cards = `<div class="cards">${[
    card('total-findings', String(total.total), `findings: ${total.bySeverity.error} errors, ${total.bySeverity.warning} warnings, ${total.bySeverity.info} info`),
    card('total-files', `${filesWithFindings} / ${options.filesChecked}`, 'files with findings / files checked'),
    card('total-members', String(members.size), 'members with findings'),
    card('total-claims', String(revenue.claims.length), 'claims at risk (member × note)', ' risk'),
    card('total-revenue', formatCents(revenue.totalCents), 'estimated revenue at risk', ' risk'),
  ].join('')}</div>`;

  const styleHash = createHash('sha256').update(CSS).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${html(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="groupnote-lint">
<title>${html(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${html(title)}</h1>
<p class="meta">Generated ${html(options.generatedAt)} · ${plural(options.filesChecked, 'file')} checked · group psychotherapy notes (CPT ${GROUP_CPT})</p>
</header>
<main>
<section id="totals" aria-label="Totals">${cards}</section>
${revenueSection}
<section id="by-rule" aria-labelledby="h-rule"><h2 id="h-rule">Findings by rule</h2>
${ruleChart}
${ruleTable}
</section>
<section id="by-member" aria-labelledby="h-member"><h2 id="h-member">Findings by member</h2>
${memberTable}
</section>
<section id="by-clinician" aria-labelledby="h-clinician"><h2 id="h-clinician">Findings by clinician</h2>
${clinicianTable}
</section>
<section id="by-month" aria-labelledby="h-month"><h2 id="h-month">Findings by month</h2>
${monthChart}
${monthTable}
</section>
<section id="findings" aria-labelledby="h-findings"><h2 id="h-findings">All findings</h2>
${findingsTable}
</section>
</main>
<footer><p>Produced by groupnote-lint on this computer. This page contains no scripts and loads nothing from the network. The notes themselves are not included: each finding carries its position and its rule's message. Rule links point to each rule's documentation page (${html(options.docsBaseUri ? 'resolved against the documentation base given' : 'relative to the groupnote-lint package folder')}).</p></footer>
</body>
</html>
`;
}
