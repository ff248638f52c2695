// Every format from real engine findings (the samples and one group of the labelled corpus).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FEE_90853, toCsv, toHtml, toJUnit, toSarif } from '../../engine/report/index.js';
import { lintFolders } from './engine-findings.js';
import { RULE_INFOS } from './fixtures.js';
import { validate } from './json-schema.js';
import { all, parseXml } from './xml.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));

describe('reports from real engine findings', () => {
  const { findings, files } = lintFolders('samples', 'test/corpus/copy-paste');

  it('has findings in member sections and shared sections, some putting claims at risk', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(findings.some((f) => f.member === null)).toBe(true);
    expect(findings.some((f) => f.claimAtRisk)).toBe(true);
    expect(findings.every((f) => f.date && f.clinician)).toBe(true);
  });

  it('SARIF validates against the schema, one result per finding', () => {
    const log = JSON.parse(toSarif(findings, RULE_INFOS, { name: 'groupnote-lint', version: '0.1.0', docsBaseUri: 'file:///opt/groupnote-lint/' }));
    expect(validate(schema, log)).toEqual([]);
    expect(log.runs[0].results).toHaveLength(findings.length);
  });

  it('JUnit parses, with a suite per file and a failure per finding', () => {
    const doc = parseXml(toJUnit(findings, RULE_INFOS, files));
    expect(all(doc, 'testsuite')).toHaveLength(files.length);
    expect(all(doc, 'failure')).toHaveLength(findings.length);
  });

  it('CSV has a record per finding', () => {
    expect(toCsv(findings).split('\r\n').filter(Boolean).length).toBeGreaterThanOrEqual(findings.length + 1);
  });

  it('HTML lists every finding', () => {
    const html = toHtml(findings, RULE_INFOS, { generatedAt: 'now', feeSchedule: {}, defaultAllowedAmount: DEFAULT_FEE_90853.amount, filesChecked: files.length });
    expect(html.match(/<tr><td class="loc">/g)).toHaveLength(findings.length);
  });
});
