// The extension host keeps every diagnostic of the workspace (about 50,000 at 10,000 notes), each
// as the language client made it from the server's JSON: its own copy of the message, its own
// parsed Uri for the rule link (one per rule would do), a Uri per related location, and the
// `data` the server attached. Measured with bench/editor.mjs (docs/performance.md), that was about
// 3 KB per diagnostic. This middleware shares what repeats before the diagnostics are stored:
// - messages: three in four repeat across notes (the same missing field, the same rule);
// - the rule link (`code`: its value and Uri), one object per rule;
// - Uris of files: the language client parses a new Uri for every report of a note and for every
//   related location, and keeps two of them per note (its pull state and the diagnostic
//   collection's entry); one Uri per file is shared by all (heap snapshot at 10,000 notes: 32,000
//   Uris, about 430 bytes each with their strings, for 10,000 notes);
// - `data` is dropped: the server reads nothing from it (its code actions look the finding up
//   again by rule and range in the note), and VS Code does not show it;
// - the source (one copy per diagnostic as parsed from JSON: 50,000 copies of "groupnote-lint" at
//   10,000 notes) and ranges (immutable in the VS Code API: notes made from the same template put
//   findings at the same lines and columns).
// And a workspace pull's previous result ids (a Uri and a string per note) name notes by the
// shared Uris, and the list is let go once the request is built, instead of staying alive while
// the server holds the pull open (up to 60 s).

import type * as vscode from 'vscode';
import type { Middleware, vsdiag } from 'vscode-languageclient/node';

/** Strings and Uris seen, by value; cleared when it grows past LIMIT so that it cannot grow without bound. */
class Interner<T> {
  private readonly seen = new Map<string, T>();
  constructor(private readonly limit: number) {}
  get(key: string, value: T): T {
    return this.make(key, () => value);
  }
  /** the value for `key`, made when there is none yet */
  make(key: string, make: () => T): T {
    const known = this.seen.get(key);
    if (known !== undefined) return known;
    if (this.seen.size >= this.limit) this.seen.clear();
    const value = make();
    this.seen.set(key, value);
    return value;
  }
}

const LIMIT = 50_000;
const messages = new Interner<string>(LIMIT);
const ranges = new Interner<vscode.Range>(LIMIT);
/** one Uri per file, by its string (a note's reports and the related locations into it share it) */
const files = new Interner<vscode.Uri>(4 * LIMIT);
/** one `code` ({ value, target }) per rule */
const codes = new Interner<vscode.Diagnostic['code']>(LIMIT);

/** The rule link of a rule (set by the extension, which has the vscode API): the server leaves it to the client. */
let ruleTarget: ((rule: string) => vscode.Uri) | null = null;

/**
 * The extension fills in each diagnostic's source and rule link (the server sends neither when
 * initializationOptions.fillsRuleLinks is set): one `code` object per rule, made here, instead of
 * a link in every diagnostic's JSON that the language client parsed into a Uri of its own.
 */
export function fillRuleLinks(target: (rule: string) => vscode.Uri): void {
  ruleTarget = target;
}

/** The shared Uri for this file. */
export function sharedUri(uri: vscode.Uri): vscode.Uri {
  return files.get(uri.toString(), uri);
}

function sharedRange(range: vscode.Range): vscode.Range {
  // (a stand-in without positions, as in tests, is kept as it is)
  if (!range?.start || !range.end) return range;
  return ranges.get(`${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`, range);
}

const SOURCE = 'groupnote-lint';

/** Shares repeated messages, rule ids, ranges and Uris among diagnostics, in place, and drops their `data`. */
export function compactDiagnostics(items: vscode.Diagnostic[]): void {
  for (const diagnostic of items) {
    if (diagnostic.source === undefined && ruleTarget) diagnostic.source = SOURCE;
    if (diagnostic.source !== SOURCE) continue;
    diagnostic.message = messages.get(diagnostic.message, diagnostic.message);
    diagnostic.source = SOURCE;
    diagnostic.range = sharedRange(diagnostic.range);
    const code = diagnostic.code;
    // (the server's rule link depends on the rule only)
    if (typeof code === 'string' && ruleTarget) diagnostic.code = codes.make(code, () => ({ value: code, target: ruleTarget!(code) }));
    else if (code && typeof code === 'object' && typeof code.value === 'string' && code.target) diagnostic.code = codes.get(code.value, code);
    for (const related of diagnostic.relatedInformation ?? []) {
      related.location.uri = sharedUri(related.location.uri);
      related.location.range = sharedRange(related.location.range);
      related.message = messages.get(related.message, related.message);
    }
    // vscode-languageclient's ProtocolDiagnostic carries the server's `data` back in code action requests
    if ('data' in diagnostic) (diagnostic as { data?: unknown }).data = undefined;
  }
}

function compactReport<R extends vsdiag.DocumentDiagnosticReport | vsdiag.WorkspaceDocumentDiagnosticReport>(report: R): R {
  if (report.kind === 'full') compactDiagnostics((report as vsdiag.FullDocumentDiagnosticReport).items);
  return report;
}

/** Language client middleware that compacts pulled diagnostics (document and workspace pulls). */
export const compactDiagnosticsMiddleware: Middleware = {
  provideDiagnostics: async (document, previousResultId, token, next) => {
    const report = await next(document, previousResultId, token);
    return report ? compactReport(report) : report;
  },
  provideWorkspaceDiagnostics: (resultIds, token, resultReporter, next) => {
    // the request names each note by its Uri's string: the shared Uri's, so the request held open
    // does not keep a string of its own per note
    for (const id of resultIds) id.uri = sharedUri(id.uri);
    const pulled = next(resultIds, token, (chunk) => {
      if (chunk) {
        for (const item of chunk.items) {
          item.uri = sharedUri(item.uri);
          compactReport(item);
        }
      }
      resultReporter(chunk);
    });
    // The request (with the ids as strings) is built by now; the language client's own list (a Uri
    // per note) is read by nothing else and would stay alive while the pull is held open.
    resultIds.splice(0);
    return pulled;
  },
};
