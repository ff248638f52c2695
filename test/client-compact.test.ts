// The extension's diagnostics middleware (client/src/compact-diagnostics.ts): repeated parts of
// pulled diagnostics are shared before the extension host stores them, and nothing shown changes.
import type * as vscode from 'vscode';
import { describe, expect, it } from 'vitest';
import { compactDiagnostics } from '../client/src/compact-diagnostics.js';

/** Stand-ins for vscode.Uri: only toString() is read. */
const uri = (value: string) => ({ toString: () => value }) as unknown as vscode.Uri;

function diagnostic(message: string, rule: string, relatedFile?: string): vscode.Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
    severity: 0,
    message,
    source: 'groupnote-lint',
    code: { value: rule, target: uri(`command:open?${rule}`) },
    relatedInformation: relatedFile ? [{ location: { uri: uri(relatedFile), range: {} }, message: 'the copy' }] : undefined,
    data: { member: '10001' },
  } as unknown as vscode.Diagnostic;
}

describe('compactDiagnostics', () => {
  it('shares rule links and related files, drops data, and keeps what is shown', () => {
    const a = diagnostic('Response missing.', 'response-missing', 'file:///notes/a.md');
    const b = diagnostic('Response missing.', 'response-missing', 'file:///notes/a.md');
    const other = diagnostic('No plan link.', 'treatment-plan-link-missing');
    compactDiagnostics([a, b, other]);
    const target = (d: vscode.Diagnostic) => (d.code as { target: vscode.Uri }).target;
    expect(target(a)).toBe(target(b));
    expect(target(other)).not.toBe(target(a));
    expect(target(other).toString()).toBe('command:open?treatment-plan-link-missing');
    expect(a.relatedInformation![0].location.uri).toBe(b.relatedInformation![0].location.uri);
    expect((a as { data?: unknown }).data).toBeUndefined();
    expect([a.message, b.message, other.message]).toEqual(['Response missing.', 'Response missing.', 'No plan link.']);
    expect((a.code as { value: string }).value).toBe('response-missing');
  });

  it('shares equal ranges, and keeps each range where it was', () => {
    const at = (sl: number, sc: number, el: number, ec: number) => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
    const a = { ...diagnostic('a', 'rule'), range: at(3, 0, 3, 9) } as unknown as vscode.Diagnostic;
    const b = { ...diagnostic('b', 'rule'), range: at(3, 0, 3, 9) } as unknown as vscode.Diagnostic;
    const c = { ...diagnostic('c', 'rule'), range: at(3, 0, 4, 9) } as unknown as vscode.Diagnostic;
    compactDiagnostics([a, b, c]);
    expect(a.range).toBe(b.range);
    expect(c.range).not.toBe(a.range);
    expect(c.range).toEqual(at(3, 0, 4, 9));
  });

  it('leaves other sources alone', () => {
    const theirs = { ...diagnostic('x', 'rule'), source: 'markdownlint' } as vscode.Diagnostic;
    compactDiagnostics([theirs]);
    expect((theirs as { data?: unknown }).data).toEqual({ member: '10001' });
  });
});

describe('the diagnostics middleware', () => {
  it('shares one code object per rule and one Uri per file', async () => {
    const { sharedUri } = await import('../client/src/compact-diagnostics.js');
    const a = diagnostic('Response missing.', 'response-missing', 'file:///notes/b.md');
    const b = diagnostic('Other.', 'response-missing');
    compactDiagnostics([a, b]);
    expect(a.code).toBe(b.code);
    expect(a.code).toEqual({ value: 'response-missing', target: expect.anything() });
    // a report's Uri and a related location into the same file are one object
    expect(sharedUri(uri('file:///notes/b.md'))).toBe(a.relatedInformation![0].location.uri);
  });

  it('gives workspace reports the shared Uris and lets the previous result ids go once the request is built', async () => {
    const { compactDiagnosticsMiddleware, sharedUri } = await import('../client/src/compact-diagnostics.js');
    const first = uri('file:///notes/c.md');
    const again = uri('file:///notes/c.md');
    const resultIds = [{ uri: again, value: 'v1' }];
    let sentIds: string[] = [];
    const reported: vscode.Uri[] = [];
    const provide = compactDiagnosticsMiddleware.provideWorkspaceDiagnostics!;
    await provide(
      resultIds as never,
      {} as vscode.CancellationToken,
      (chunk) => chunk && reported.push(...chunk.items.map((i) => i.uri)),
      (ids, _token, reporter) => {
        // the language client converts the ids into the request at once
        sentIds = ids.map((i) => `${i.uri.toString()} ${i.value}`);
        reporter({ items: [{ kind: 'full', uri: uri('file:///notes/c.md'), version: null, resultId: 'v2', items: [diagnostic('m', 'rule')] }] as never });
        return { items: [] };
      },
    );
    expect(sentIds).toEqual(['file:///notes/c.md v1']);
    expect(resultIds).toEqual([]);
    // the report's Uri is the one the ids named the note by
    expect(reported[0]).toBe(again);
    expect(sharedUri(first)).toBe(again);
  });
});

describe('rule links filled in by the client', () => {
  it('gives diagnostics sent without source or link the source and one rule link object per rule', async () => {
    const { fillRuleLinks } = await import('../client/src/compact-diagnostics.js');
    let made = 0;
    fillRuleLinks((rule) => (made++, uri(`command:open?${rule}`)));
    const bare = (rule: string) => ({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, severity: 0, message: 'm', code: rule }) as unknown as vscode.Diagnostic;
    const [a, b, c] = [bare('filled-rule'), bare('filled-rule'), bare('other-filled-rule')];
    compactDiagnostics([a, b, c]);
    expect(a.source).toBe('groupnote-lint');
    expect(a.code).toBe(b.code);
    expect((a.code as { value: string; target: vscode.Uri }).value).toBe('filled-rule');
    expect((c.code as { target: vscode.Uri }).target.toString()).toBe('command:open?other-filled-rule');
    expect(made).toBe(2);
  });
});
