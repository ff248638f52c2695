// SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for code-scanning tools.
// One run; the driver lists every rule; each finding is a result located by a relative URI under
// %SRCROOT% and a region. Only the finding's message and position are carried: no note text.

import { createHash } from 'node:crypto';
import { CLAIM_RISK_RULES } from './claim-risk.js';
import { ruleDocs, type ReportFinding, type ReportSeverity, type RuleInfo } from './types.js';

export interface SarifTool {
  name: string;
  version: string;
  /** absolute URI of the tool's home page */
  informationUri?: string;
  /**
   * absolute URI that the rules' doc paths (docs/rules/<id>.md) are resolved against to give each
   * rule's helpUri, e.g. a URL of the repository's tree or `pathToFileURL(packageRoot + '/')`.
   * SARIF requires helpUri to be absolute, so without a base a rule has `help` text naming its doc
   * page and no helpUri.
   */
  docsBaseUri?: string;
}

/** The key of the fingerprint in result.partialFingerprints; bump the version if its recipe changes. */
export const FINGERPRINT_KEY = 'groupnoteFinding/v1';
export const SRCROOT = '%SRCROOT%';

const LEVEL: Record<ReportSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** "notes\\a b.md" -> "notes/a b.md"; "./x.md" -> "x.md". */
export function normalizePath(file: string): string {
  let path = file.replace(/\\/g, '/');
  while (path.startsWith('./')) path = path.slice(2);
  return path.replace(/\/{2,}/g, (m, offset: number) => (offset === 0 ? m : '/'));
}

/**
 * The artifact location of a file: a relative URI reference under %SRCROOT% (each path segment
 * percent-encoded), or, for an absolute path, a file: URI with no base.
 */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const path = normalizePath(file);
  const encode = (p: string) => p.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  if (/^[A-Za-z]:\//.test(path)) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  if (path.startsWith('//')) return { uri: `file:${encode(path)}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  return { uri: encode(path), uriBaseId: SRCROOT };
}

/** Hash of rule, file, member and message: not of positions, so edits above a finding keep it. */
export function fingerprintHash(f: Pick<ReportFinding, 'ruleId' | 'file' | 'member' | 'message'>): string {
  return createHash('sha256')
    .update([f.ruleId, normalizePath(f.file), f.member ?? '', f.message].join('\u0000'))
    .digest('hex');
}

function absoluteUri(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return new URL(uri).href;
  } catch {
    return undefined;
  }
}

const positive = (n: number) => (Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1);

function region(f: ReportFinding) {
  const startLine = positive(f.line);
  const startColumn = positive(f.column);
  let endLine = positive(f.endLine);
  let endColumn = positive(f.endColumn);
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn;
  }
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * The rules the driver lists: `rules`, then every other rule id the findings use (in the order
 * first used), so that each result's ruleIndex is valid.
 */
export function sarifRules(rules: readonly RuleInfo[], findings: Iterable<Pick<ReportFinding, 'ruleId' | 'severity'>>): RuleInfo[] {
  const allRules: RuleInfo[] = [...rules];
  const known = new Set(allRules.map((r) => r.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    allRules.push({ id: f.ruleId, defaultSeverity: f.severity, description: f.ruleId, docs: ruleDocs(f.ruleId) });
  }
  return allRules;
}

/** Each rule id's place in the driver's rules (the first, for a rule listed twice). */
export function sarifRuleIndex(allRules: readonly RuleInfo[]): Map<string, number> {
  const index = new Map<string, number>();
  allRules.forEach((r, i) => index.has(r.id) || index.set(r.id, i));
  return index;
}

/**
 * Each finding's partialFingerprint, in the order given. Identical hashes (the same message twice
 * for one member in one file) are numbered in order of position; the hash holds the file, so the
 * findings of one file can be given alone.
 */
export function sarifFingerprints(findings: readonly ReportFinding[]): string[] {
  const ordered = findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i);
  const occurrence = new Map<string, number>();
  const fingerprints: string[] = [];
  for (const { f, i } of ordered) {
    const hash = fingerprintHash(f);
    const n = (occurrence.get(hash) ?? 0) + 1;
    occurrence.set(hash, n);
    fingerprints[i] = `${hash}:${n}`;
  }
  return fingerprints;
}

/** One finding as a SARIF result. */
export function sarifResult(f: ReportFinding, ruleIndex: ReadonlyMap<string, number>, fingerprint: string): object {
  return {
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity] ?? 'warning',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(f.file), region: region(f) } }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
}

/** The SARIF log around its results (`allRules` from sarifRules). */
export function sarifLog(allRules: readonly RuleInfo[], tool: SarifTool, results: unknown[]): object {
  const helpUri = (docs: string): string | undefined => {
    if (!tool.docsBaseUri) return undefined;
    try {
      return new URL(docs, tool.docsBaseUri.endsWith('/') ? tool.docsBaseUri : `${tool.docsBaseUri}/`).href;
    } catch {
      return undefined;
    }
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            semanticVersion: /^\d+\.\d+\.\d+/.test(tool.version) ? tool.version : undefined,
            informationUri: absoluteUri(tool.informationUri),
            rules: allRules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: helpUri(r.docs),
              help: { text: `See ${r.docs}.`, markdown: `See [${r.docs}](${r.docs}).` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] ?? 'warning' },
              properties: { docs: r.docs, tags: CLAIM_RISK_RULES.has(r.id) ? ['claim-risk'] : [] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function toSarif(findings: readonly ReportFinding[], rules: readonly RuleInfo[], tool: SarifTool): string {
  const allRules = sarifRules(rules, findings);
  const index = sarifRuleIndex(allRules);
  const fingerprints = sarifFingerprints(findings);
  const results = findings.map((f, i) => sarifResult(f, index, fingerprints[i]));
  // JSON.stringify drops the undefined optional properties
  return `${JSON.stringify(sarifLog(allRules, tool, results), null, 2)}\n`;
}
