// The reviewer's HTML page: self-contained (CSP, no scripts, nothing to fetch), escaped, and the
// revenue-at-risk numbers (each claim counted once). test/e2e/report-browser.e2e.ts renders it.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES, ruleDocPath } from '../../engine/index.js';
import { ALL_RULES } from '../../engine/rules/catalog.js';
import { CLAIM_RISK_RULES, DEFAULT_FEE_90853, formatCents, revenueAtRisk, toHtml, toReportFinding, toRuleInfos, type HtmlReportOptions } from '../../engine/report/index.js';
import { finding, NASTY, RULE_INFOS, SAMPLE_CLAIMS_AT_RISK, SAMPLE_FILES, SAMPLE_FINDINGS } from './fixtures.js';

const options: HtmlReportOptions = {
  generatedAt: '2026-06-01T09:30:00Z',
  feeSchedule: {},
  defaultAllowedAmount: DEFAULT_FEE_90853.amount,
  filesChecked: SAMPLE_FILES.length,
};
const page = toHtml(SAMPLE_FINDINGS, RULE_INFOS, options);
const section = (html: string, id: string) => {
  const start = html.indexOf(`<section id="${id}"`);
  return html.slice(start, html.indexOf('</section>', start));
};
const row = (html: string, label: string) => {
  const i = html.indexOf(`<td>${label}</td>`);
  if (i === -1) throw new Error(`no row ${label}`);
  return html.slice(i, html.indexOf('</tr>', i));
};

describe('revenue at risk', () => {
  it('the default fee is the reference figure: total RVU 0.67 x conversion factor $33.40', () => {
    expect(DEFAULT_FEE_90853.amount).toBe(Math.round(0.67 * 33.4 * 100) / 100);
    expect(DEFAULT_FEE_90853.amount).toBe(22.38);
    const reference = new URL('../../../shared/reference/90853-documentation-facts.md', import.meta.url);
    if (existsSync(reference)) {
      expect(readFileSync(reference, 'utf8').replace(/\s+/g, ' ')).toContain(
        '2026 national estimate: total RVU 0.67, conversion factor $33.40 (seed 002_0117d5fd0a9e3224.txt figures), about $22.38 per member per session before locality adjustment',
      );
    }
  });

  it('counts each claim (file + member) once, however many at-risk findings it has', () => {
    const r = revenueAtRisk(SAMPLE_FINDINGS, {}, 22.38);
    expect(r.claims).toHaveLength(SAMPLE_CLAIMS_AT_RISK);
    expect(r.totalCents).toBe(SAMPLE_CLAIMS_AT_RISK * 2238);
    const maria = r.claims.find((c) => c.file.includes('03-04') && c.member === 'MRN-1')!;
    expect(maria.findings).toBe(3);
    expect(maria.ruleIds).toEqual(['participation-missing', 'response-missing', 'member-copy-paste']);
  });

  it('the same member in two notes is two claims; two members in one note are two claims', () => {
    const at = (file: string, member: string) => finding({ file, ruleId: 'response-missing', line: 1, member, claimAtRisk: true });
    expect(revenueAtRisk([at('a.md', 'M1'), at('b.md', 'M1')], {}, 10).claims).toHaveLength(2);
    expect(revenueAtRisk([at('a.md', 'M1'), at('a.md', 'M2')], {}, 10).claims).toHaveLength(2);
    expect(revenueAtRisk([at('a.md', 'M1'), at('./a.md', 'M1'), at('a.md', 'M1')], {}, 10).totalCents).toBe(1000);
  });

  it('ignores findings not marked claimAtRisk, and does not count shared-section ones', () => {
    const r = revenueAtRisk(
      [
        finding({ file: 'a.md', ruleId: 'other-member-identifier', line: 1, member: null, claimAtRisk: true }),
        finding({ file: 'a.md', ruleId: 'frontmatter-invalid', line: 1, member: 'M1', claimAtRisk: false }),
      ],
      {},
      22.38,
    );
    expect(r.claims).toHaveLength(0);
    expect(r.totalCents).toBe(0);
    expect(r.sharedFindingsNotCounted).toBe(1);
  });

  it('uses the fee schedule rate for 90853 when there is one, else the default', () => {
    expect(revenueAtRisk(SAMPLE_FINDINGS, { '90853': 61.5 }, 22.38)).toMatchObject({ totalCents: 6 * 6150, feeFrom: 'fee schedule', perClaimCents: 6150 });
    expect(revenueAtRisk(SAMPLE_FINDINGS, { '90834': 120 }, 30)).toMatchObject({ totalCents: 6 * 3000, feeFrom: 'default' });
    expect(revenueAtRisk(SAMPLE_FINDINGS, { '90853': Number.NaN }, 30).feeFrom).toBe('default');
  });

  it('formats cents as dollars', () => {
    expect(formatCents(13428)).toBe('$134.28');
    expect(formatCents(123456789)).toBe('$1,234,567.89');
    expect(formatCents(5)).toBe('$0.05');
  });
});

describe('toHtml content', () => {
  it('states the totals, the revenue at risk, its method, the default fee and its source', () => {
    expect(page).toContain('<span class="value">14</span><span class="label">findings: 4 errors, 9 warnings, 1 info</span>');
    expect(page).toContain('<span class="value">4 / 5</span>');
    expect(page).toContain('<strong id="revenue-total">$134.28</strong>: 6 claims at risk × $22.38.');
    const revenue = section(page, 'revenue');
    expect(revenue).toContain('counts once at its expected allowed amount, however many findings it has');
    expect(revenue).toContain('$22.38 per member per session');
    expect(revenue).toContain('total RVU 0.67 × conversion factor $33.40');
    expect(revenue).toContain('seed 002_0117d5fd0a9e3224.txt figures');
    expect(revenue).toContain('the built-in default');
    expect(revenue).toContain('a practice should set its own allowed amounts');
    for (const id of CLAIM_RISK_RULES) expect(revenue).toContain(id);
  });

  it('says when the fee schedule or another default was used', () => {
    const scheduled = toHtml(SAMPLE_FINDINGS, RULE_INFOS, { ...options, feeSchedule: { '90853': 48.1 } });
    expect(scheduled).toContain('$288.60</strong>: 6 claims at risk × $48.10.');
    expect(scheduled).toContain('$48.10 per 90853 claim, from the fee schedule');
    const other = toHtml(SAMPLE_FINDINGS, RULE_INFOS, { ...options, defaultAllowedAmount: 30, defaultFeeSource: 'Acme <payer> 2026 contract' });
    expect(other).toContain('$30.00 per 90853 claim, the default allowed amount set for this report (Acme &lt;payer&gt; 2026 contract)');
    expect(other).toContain('$22.38 per member per session'); // the built-in default is still stated
  });

  it('groups findings by rule (with a chart), member, clinician and month, with claims and revenue per group', () => {
    const byRule = section(page, 'by-rule');
    expect(byRule).toContain('<svg class="chart" id="chart-rules"');
    for (const r of RULE_INFOS) expect(byRule).toContain(`<a href="${r.docs}">${r.id}</a>`);
    expect(byRule).toContain('duplicate-billing'); // a rule the list did not know
    // MRN-1: claims in two notes
    expect(row(section(page, 'by-member'), 'Maria Lopez (MRN-1)')).toMatch(/<td class="num">5<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">\$44\.76<\/td>$/);
    expect(section(page, 'by-member')).toContain('<td>Shared section (no member)</td>');
    expect(section(page, 'by-member')).toContain('<td>P-7</td>');
    expect(row(section(page, 'by-clinician'), 'Dana Whitfield, LCSW')).toMatch(/<td class="num">\$67\.14<\/td>$/);
    expect(section(page, 'by-clinician')).toContain('<td>Not recorded</td>');
    const months = section(page, 'by-month');
    expect(months).toContain('<svg class="chart" id="chart-months"');
    const order = ['Mar 2026', 'Apr 2026', 'May 2026', 'No session date'].map((m) => months.indexOf(`<td>${m}</td>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('lists every finding with file:line:column, a rule doc link, severity, member and message', () => {
    const table = section(page, 'findings');
    expect(table.match(/<tr><td class="loc">/g)).toHaveLength(SAMPLE_FINDINGS.length);
    expect(table).toContain('<td class="loc">anxiety/<wbr>2026-03-04-anxiety-skills.md:34:15</td><td><a href="docs/rules/member-copy-paste.md">member-copy-paste</a></td><td><span class="sev sev-warning">warning</span></td><td>Maria Lopez (MRN-1)</td>');
    expect(table).toContain('These 2 sentences are copied from James O&#39;Connor&#39;s section.');
  });

  it('resolves doc links against a base when one is given', () => {
    const withBase = toHtml(SAMPLE_FINDINGS, RULE_INFOS, { ...options, docsBaseUri: 'file:///opt/groupnote-lint' });
    expect(withBase).toContain('<a href="file:///opt/groupnote-lint/docs/rules/response-missing.md">');
  });

  it('renders an empty report', () => {
    const empty = toHtml([], RULE_INFOS, { ...options, filesChecked: 0 });
    expect(empty).toContain('<strong id="revenue-total">$0.00</strong>: 0 claims at risk');
    expect(empty).toContain('No findings.');
  });
});

describe('toHtml safety', () => {
  it('has a Content-Security-Policy that forbids every fetch and allows only its own stylesheet', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1].replace(/&#39;/g, "'");
    expect(csp).toMatch(/^default-src 'none'; /);
    for (const d of ['img-src', 'font-src', 'connect-src', 'script-src', 'object-src', 'frame-src', 'base-uri', 'form-action']) expect(csp).toContain(`${d} 'none'`);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<style>'));
  });

  it('has no scripts, no external resources and no inline style attributes', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(|\bsrc=|\bstyle=|\bon[a-z]+=/i);
    // the only absolute URL is the SVG namespace name, which is never fetched
    expect(page.match(/https?:\/\/[^\s"<]+/g)).toEqual(expect.arrayContaining(['http://www.w3.org/2000/svg']));
    expect(new Set(page.match(/https?:\/\/[^\s"<]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
  });

  it('escapes every piece of text: title, date, files, members, clinicians, messages, rules', () => {
    const hostile = finding({ file: `<img src=x>/${NASTY}.md`, ruleId: 'x"><script>', line: 1, member: '<b>M</b>', memberName: NASTY, clinician: NASTY, date: '<2026-01-01>', message: NASTY, claimAtRisk: true });
    const html = toHtml([hostile], [...RULE_INFOS, { id: '<rule>', defaultSeverity: 'error', description: NASTY, docs: 'javascript:alert(1)' }], {
      ...options,
      title: `Report <script>alert("t")</script>`,
      generatedAt: '<now>',
    });
    expect(html).not.toMatch(/<script|<img|<b>|<now>|<rule>|<2026/);
    expect(html).toContain('Report &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39; \\u0007bell\\u0000nul');
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(html).not.toContain('href="javascript:');
  });
});

describe('report inputs from the engine', () => {
  it('RuleInfo docs paths are the engine doc paths', () => {
    for (const r of toRuleInfos(RULES)) expect(r.docs).toBe(ruleDocPath(r.id));
  });

  it('toReportFinding makes positions 1-based and marks claim-risk findings in member sections', () => {
    const base = { severity: 'warning' as const, message: 'm', start: { line: 4, character: 0 }, end: { line: 5, character: 9 } };
    const f = toReportFinding({ ...base, ruleId: 'response-missing', member: 'MRN-1' }, { file: 'a.md', clinician: 'Dana', date: '2026-03-04', memberNames: { 'MRN-1': 'Maria Lopez' } });
    expect(f).toEqual({ file: 'a.md', ruleId: 'response-missing', severity: 'warning', message: 'm', line: 5, column: 1, endLine: 6, endColumn: 10, member: 'MRN-1', memberName: 'Maria Lopez', clinician: 'Dana', date: '2026-03-04', claimAtRisk: true });
    expect(toReportFinding({ ...base, ruleId: 'response-missing', member: null }, { file: 'a.md' }).claimAtRisk).toBe(false);
    expect(toReportFinding({ ...base, ruleId: 'frontmatter-invalid', member: 'MRN-1' }, { file: 'a.md', memberNames: new Map([['MRN-1', 'Maria']]) })).toMatchObject({ claimAtRisk: false, memberName: 'Maria' });
  });

  it('CLAIM_RISK_RULES names rules that exist', () => {
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const id of CLAIM_RISK_RULES) expect(ids.has(id), id).toBe(true);
  });
});

describe('toHtml charts', () => {
  it('charts only the rules that found something, stacked by severity; the table keeps every rule', () => {
    const byRule = section(page, 'by-rule');
    const chart = byRule.slice(byRule.indexOf('<svg'), byRule.indexOf('</svg>'));
    const firing = new Set(SAMPLE_FINDINGS.map((f) => f.ruleId));
    for (const r of RULE_INFOS) expect(chart.includes(`>${r.id}</text>`), r.id).toBe(firing.has(r.id));
    expect(chart).toContain('>duplicate-billing</text>');
    // participation-missing: one warning and one info, two segments
    expect(chart).toContain('<title>participation-missing: 1 warning</title>');
    expect(chart).toContain('<title>participation-missing: 1 info finding</title>');
    expect(byRule.match(/<tr><td><a href=/g)).toHaveLength(RULE_INFOS.length + 1);
  });
});
