// SARIF 2.1.0: validated against the SARIF 2.1.0 JSON schema (vendored in ./schemas, see its
// README), plus what code-scanning tools rely on: rule index, levels, relative URIs under
// %SRCROOT%, 1-based regions and fingerprints that survive line moves.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { artifactLocation, FINGERPRINT_KEY, fingerprintHash, toSarif } from '../../engine/report/sarif.js';
import { finding, NASTY, RULE_INFOS, SAMPLE_FINDINGS } from './fixtures.js';
import { FORMATS, validate } from './json-schema.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'));
const tool = { name: 'groupnote-lint', version: '0.1.0', informationUri: 'https://example.org/groupnote-lint', docsBaseUri: 'https://example.org/groupnote-lint/' };

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;
const sarif = (...args: Parameters<typeof toSarif>): Json => JSON.parse(toSarif(...args));

describe('SARIF schema validation', () => {
  it('the vendored schema is the SARIF 2.1.0 schema', () => {
    expect(schema.title).toMatch(/SARIF\) Version 2\.1\.0/);
    expect(schema.properties.version.enum).toEqual(['2.1.0']);
  });

  it('every pattern in the schema compiles', () => {
    const patterns: string[] = [];
    JSON.stringify(schema, (key, value) => (key === 'pattern' && typeof value === 'string' ? (patterns.push(value), value) : value));
    expect(patterns.length).toBeGreaterThan(10);
    // the language pattern's stray "]" is in the published schema; it compiles without the u flag
    for (const p of patterns) expect(() => new RegExp(p)).not.toThrow();
  });

  it('the sample findings validate', () => {
    expect(validate(schema, sarif(SAMPLE_FINDINGS, RULE_INFOS, tool))).toEqual([]);
  });

  it('no findings, no rules, no optional tool fields still validate', () => {
    const log = sarif([], [], { name: 'groupnote-lint', version: '0.1.0' });
    expect(validate(schema, log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
  });

  it('hostile text, odd paths and degenerate positions validate', () => {
    const findings = [
      finding({ file: `notes\\sub dir\\${'a#b?c%d'}.md`, ruleId: 'response-missing', line: 0, column: -3, endLine: 0, endColumn: 0, message: NASTY, member: 'x"y' }),
      finding({ file: './C:weird/ünïcødé [1].md', ruleId: 'not-a-known-rule', line: 5, column: 9, endLine: 4, endColumn: 1 }),
      finding({ file: '/abs/path/n.md', ruleId: 'participation-missing', line: 1 }),
      finding({ file: 'C:\\Users\\x\\n.md', ruleId: 'participation-missing', line: 1 }),
    ];
    const log = sarif(findings, RULE_INFOS, tool);
    expect(validate(schema, log)).toEqual([]);
    for (const r of log.runs[0].results) {
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(r.locations[0].physicalLocation.region.startColumn).toBeGreaterThanOrEqual(1);
    }
  });

  it('the validator rejects what the schema forbids (so a pass means something)', () => {
    const good = sarif(SAMPLE_FINDINGS, RULE_INFOS, tool);
    const broken: [string, (log: Json) => void, RegExp][] = [
      ['wrong version', (l) => (l.version = '2.0.0'), /one of/],
      ['level outside the enum', (l) => (l.runs[0].results[0].level = 'info'), /one of/],
      ['line 0', (l) => (l.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0), />= 1/],
      ['unknown result property', (l) => (l.runs[0].results[0].member = 'MRN-1'), /additional property/],
      ['relative helpUri', (l) => (l.runs[0].tool.driver.rules[0].helpUri = 'docs/rules/x.md'), /uri/],
      ['uri with a space', (l) => (l.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.md'), /uri-reference/],
      ['missing driver name', (l) => delete l.runs[0].tool.driver.name, /required/],
      ['duplicate tag', (l) => (l.runs[0].tool.driver.rules[0].properties.tags = ['a', 'a']), /equal/],
    ];
    for (const [what, mutate, message] of broken) {
      const log = structuredClone(good);
      mutate(log);
      const errors = validate(schema, log);
      expect(errors.length, what).toBeGreaterThan(0);
      expect(errors.map((e) => e.message).join('\n'), what).toMatch(message);
    }
  });

  it('agrees with ajv, when ajv can be loaded', () => {
    // ajv is not a declared dependency (it comes with @vscode/vsce); when it is absent this test
    // only checks the small validator's own format tests.
    let Ajv: Json;
    try {
      Ajv = createRequire(import.meta.url)('ajv');
    } catch {
      Ajv = null;
    }
    expect(FORMATS['uri-reference']('a/b%20c.md')).toBe(true);
    expect(FORMATS['uri-reference']('C:/x.md')).toBe(true); // an absolute URI with scheme "c"
    expect(FORMATS['uri-reference']('a:b/x.md')).toBe(true);
    expect(FORMATS['uri-reference']('dir/a:b.md')).toBe(true);
    expect(FORMATS['uri-reference']('a\\b.md')).toBe(false);
    expect(FORMATS.uri('docs/x.md')).toBe(false);
    if (!Ajv) return;
    const AjvClass = Ajv.default ?? Ajv;
    // the schema is draft-04; ajv 8 reads draft-07, which means the same for every keyword this schema uses
    const draft07 = structuredClone(schema);
    draft07.$id = draft07.id;
    delete draft07.id;
    delete draft07.$schema;
    const ajv = new AjvClass({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    const check = ajv.compile(draft07);
    const logs: Json[] = [sarif(SAMPLE_FINDINGS, RULE_INFOS, tool), sarif([], [], { name: 'n', version: '1' })];
    const bad = structuredClone(logs[0]);
    bad.runs[0].results[1].level = 'fatal';
    const bad2 = structuredClone(logs[0]);
    bad2.runs[0].results[0].locations[0].physicalLocation.region.endColumn = 0;
    const bad3 = structuredClone(logs[0]);
    bad3.runs[0].tool.driver.rules[0].defaultConfiguration.rank = 101;
    for (const [log, valid] of [
      [logs[0], true],
      [logs[1], true],
      [bad, false],
      [bad2, false],
      [bad3, false],
    ] as const) {
      expect(check(log), JSON.stringify(check.errors)).toBe(valid);
      expect(validate(schema, log).length === 0).toBe(valid);
    }
  });
});

describe('toSarif structure', () => {
  const log = sarif(SAMPLE_FINDINGS, RULE_INFOS, tool);
  const run = log.runs[0];

  it('describes the tool and every rule, with doc links and default levels', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'groupnote-lint', version: '0.1.0', semanticVersion: '0.1.0', informationUri: 'https://example.org/groupnote-lint' });
    const ids = run.tool.driver.rules.map((r: Json) => r.id);
    for (const r of RULE_INFOS) expect(ids).toContain(r.id);
    const copy = run.tool.driver.rules.find((r: Json) => r.id === 'member-copy-paste');
    expect(copy).toMatchObject({
      shortDescription: { text: RULE_INFOS.find((r) => r.id === 'member-copy-paste')!.description },
      helpUri: 'https://example.org/groupnote-lint/docs/rules/member-copy-paste.md',
      defaultConfiguration: { level: 'warning' },
      properties: { docs: 'docs/rules/member-copy-paste.md', tags: ['claim-risk'] },
    });
    expect(run.tool.driver.rules.find((r: Json) => r.id === 'other-member-identifier').defaultConfiguration.level).toBe('error');
    expect(run.columnKind).toBe('utf16CodeUnits');
  });

  it('a base without a trailing slash and no base at all', () => {
    const noSlash = sarif([], RULE_INFOS, { ...tool, docsBaseUri: 'file:///opt/groupnote-lint' });
    expect(noSlash.runs[0].tool.driver.rules[0].helpUri).toBe(`file:///opt/groupnote-lint/docs/rules/${RULE_INFOS[0].id}.md`);
    const noBase = sarif([], RULE_INFOS, { name: 'groupnote-lint', version: '0.1.0' });
    expect(noBase.runs[0].tool.driver.rules[0].helpUri).toBeUndefined();
    expect(noBase.runs[0].tool.driver.rules[0].help.text).toBe(`See docs/rules/${RULE_INFOS[0].id}.md.`);
  });

  it('one result per finding, in order, with ruleIndex pointing at its rule', () => {
    expect(run.results).toHaveLength(SAMPLE_FINDINGS.length);
    run.results.forEach((r: Json, i: number) => {
      const f = SAMPLE_FINDINGS[i];
      expect(r.ruleId).toBe(f.ruleId);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(f.ruleId);
      expect(r.message.text).toBe(f.message);
      expect(r.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(r.locations[0].physicalLocation).toEqual({
        artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      });
    });
  });

  it('adds a rule the rule list does not know, so ruleIndex stays valid', () => {
    const dup = run.results.find((r: Json) => r.ruleId === 'duplicate-billing');
    expect(run.tool.driver.rules[dup.ruleIndex]).toMatchObject({ id: 'duplicate-billing', defaultConfiguration: { level: 'error' } });
  });

  it('relative URIs with forward slashes, percent-encoded; absolute paths as file: URIs', () => {
    expect(artifactLocation('notes\\2026\\a.md')).toEqual({ uri: 'notes/2026/a.md', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./notes/a b#1.md')).toEqual({ uri: 'notes/a%20b%231.md', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('C:note.md').uri).toBe('C%3Anote.md');
    expect(artifactLocation('/srv/notes/a.md')).toEqual({ uri: 'file:///srv/notes/a.md' });
    expect(artifactLocation('C:\\notes\\a.md')).toEqual({ uri: 'file:///C:/notes/a.md' });
    expect(artifactLocation('\\\\server\\share\\a.md')).toEqual({ uri: 'file://server/share/a.md' });
  });

  it('never carries member names, clinicians or dates', () => {
    const text = toSarif(SAMPLE_FINDINGS.map((f) => ({ ...f, memberName: 'ZZ Secret Name', clinician: 'ZZ Clinician', date: '1999-01-01' })), RULE_INFOS, tool);
    expect(text).not.toContain('ZZ Secret');
    expect(text).not.toContain('ZZ Clinician');
    expect(text).not.toContain('1999-01-01');
  });
});

describe('SARIF fingerprints', () => {
  const fp = (log: Json) => log.runs[0].results.map((r: Json) => r.partialFingerprints[FINGERPRINT_KEY]);

  it('do not change when a finding moves to other lines', () => {
    const before = sarif(SAMPLE_FINDINGS, RULE_INFOS, tool);
    const moved = sarif(SAMPLE_FINDINGS.map((f) => ({ ...f, line: f.line + 7, endLine: f.endLine + 7, column: f.column + 2 })), RULE_INFOS, tool);
    expect(fp(moved)).toEqual(fp(before));
    expect(fp(before)[0]).toMatch(/^[0-9a-f]{64}:1$/);
  });

  it('are the same on Windows and POSIX paths and change with rule, file, member or message', () => {
    const base = finding({ file: 'a/b.md', ruleId: 'response-missing', line: 3, member: 'M1' });
    expect(fingerprintHash({ ...base, file: 'a\\b.md' })).toBe(fingerprintHash(base));
    expect(fingerprintHash({ ...base, file: './a/b.md' })).toBe(fingerprintHash(base));
    for (const change of [{ ruleId: 'participation-missing' }, { file: 'a/c.md' }, { member: 'M2' }, { member: null }, { message: 'other' }]) {
      expect(fingerprintHash({ ...base, ...change })).not.toBe(fingerprintHash(base));
    }
  });

  it('number identical findings in order of position, so each result is distinct', () => {
    const same = { file: 'a.md', ruleId: 'member-copy-paste', member: 'M1', message: 'Copied from M2.' };
    const log = sarif([finding({ ...same, line: 30 }), finding({ ...same, line: 10 }), finding({ ...same, ruleId: 'response-missing', line: 20 })], RULE_INFOS, tool);
    const [a, b, c] = fp(log);
    expect(a.split(':')[0]).toBe(b.split(':')[0]);
    expect(b.endsWith(':1')).toBe(true);
    expect(a.endsWith(':2')).toBe(true);
    expect(c.endsWith(':1')).toBe(true);
    expect(new Set(fp(sarif(SAMPLE_FINDINGS, RULE_INFOS, tool))).size).toBe(SAMPLE_FINDINGS.length);
  });
});
