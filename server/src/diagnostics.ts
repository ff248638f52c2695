// Diagnostics, and the state behind them: one lint result per open document version, findings as
// LSP diagnostics, pushed (debounced while typing) or pulled (document and workspace pulls, with
// result ids so unchanged notes are answered "unchanged"), the "onSave" mode, cross-note findings
// refreshed once edits pause, and what is checked again when settings, config files, ignore files,
// treatment plans or notes on disk change. The handlers are registered in server.ts. Logs carry
// counts and rule ids, never note text.

import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DidChangeConfigurationParams,
  type DidChangeWatchedFilesParams,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type ResultProgressReporter,
  type TextDocumentChangeEvent,
  type WorkDoneProgressReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lintText, type Finding, type LintResult } from '../../engine/index.js';
import { MAX_NOTE_BYTES } from '../../engine/workspace/files.js';
import { CONFIG_FILE_NAME } from '../../engine/config.js';
import type { WorkspaceFinding } from '../../engine/workspace/index.js';
import { configFiles, connection, docUri, documents, guarded, plans, state, workspace } from './context.js';
import { fetchSettings, readSettings } from './settings.js';

/** Indexes the workspace folders with work-done progress; cancellable from the editor. */
export async function scanInBackground(): Promise<void> {
  const progress = await connection.window.createWorkDoneProgress().catch(() => null);
  progress?.begin('groupnote-lint: indexing notes', 0, undefined, true);
  const completed = await workspace.scan({
    isCancelled: () => !!progress?.token.isCancellationRequested,
    report: (done, total) => progress?.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} notes`),
  });
  progress?.done();
  connection.console.info(`groupnote-lint: indexed ${workspace.index.size} notes${completed ? '' : ' (cancelled)'}`);
  if (completed) workspace.refreshCrossNote();
  refreshIfChanged();
}

// ---------------------------------------------------------------------------------------------
// Settings, config files, ignore files, plans or notes changed: what is checked again

export async function settingsChanged(change: DidChangeConfigurationParams): Promise<void> {
  const before = JSON.stringify(state.settings);
  if (state.configurationRequests) state.settings = await fetchSettings(connection, state.configurationRequests);
  else state.settings = readSettings((change.settings as Record<string, unknown> | null)?.groupnoteLint);
  // editors send this for any change of the section (or of any setting): re-check only on a real one
  if (JSON.stringify(state.settings) !== before) await recheckEverything();
}

export function watchedFilesChanged(change: DidChangeWatchedFilesParams): void {
  let configChanged = false;
  let notesChanged = false;
  const notes: { path: string; deleted: boolean }[] = [];
  for (const event of change.changes) {
    if (!event.uri.startsWith('file:')) continue;
    const path = fileURLToPath(event.uri);
    if (event.uri.endsWith(CONFIG_FILE_NAME)) {
      configFiles.forget(path);
      configChanged = true;
    } else if (/\/\.(?:gitignore|groupnoteignore)$/.test(event.uri)) {
      workspace.invalidateIgnores();
      configChanged = true;
    } else {
      // a changed treatment plan changes the diagnosis check of every note
      if (plans.invalidate(event.uri)) configChanged = true;
      // open notes are indexed from the editor; only closed ones are re-read from disk
      if (documents.get(event.uri)) continue;
      notes.push({ path, deleted: event.type === FileChangeType.Deleted });
    }
  }
  for (const { path, deleted } of notes) {
    notesChanged = true;
    if (deleted || !workspace.includes(path)) workspace.forget(path);
    else if (!configChanged) workspace.readFromDisk(path);
  }
  if (configChanged) {
    // a config file can also be created or deleted nearer a note than the one it used
    configFiles.clear();
    void recheckEverything();
  } else if (notesChanged) {
    workspace.refreshCrossNote();
    refreshIfChanged();
  }
}

/**
 * Settings, a config file, an ignore file or a treatment plan changed: every note is checked
 * again, open or not (closed ones by a scan of the folders, with progress), and the editor is
 * asked to pull again once something it shows has changed.
 */
export function recheckEverything(): Promise<void> {
  results.clear();
  workspace.configurationChanged();
  if (state.settings.run === 'onSave') for (const d of documents.all()) savedDiagnostics.set(d.uri, diagnose(d));
  if (state.workspaceFolders.length) return scanInBackground();
  refreshIfChanged();
  return Promise.resolve();
}

/**
 * Pull mode: asks the editor to pull diagnostics again only when some note's findings changed
 * since it last pulled them (a closed note's result version, or an open note's diagnostics).
 * Push mode: publishes the open notes again.
 */
function refreshIfChanged(): void {
  if (!state.pullDiagnostics) {
    if (state.settings.run !== 'onSave') documents.all().forEach((d) => publish(d));
    else for (const d of documents.all()) connection.sendDiagnostics({ uri: d.uri, version: d.version, diagnostics: savedDiagnostics.get(d.uri) ?? diagnose(d) });
    return;
  }
  const changed = workspace.takeChanged();
  const openChanged = documents.all().some((d) => reported.has(d.uri) && reported.get(d.uri) !== resultIdOf(documentItems(d)));
  if (changed.size > 0 || openChanged) {
    connection.languages.diagnostics.refresh();
    // a workspace pull held open answers now
    for (const waiter of [...changeWaiters]) waiter();
  }
}

// Result ids of diagnostic reports (LSP 3.17): a closed note's id is its result version in the
// workspace (it changes only when the note's findings do); an open note's is a hash of the
// diagnostics sent. Ids from an earlier server process never match: they start with this one's epoch.
const epoch = `${process.pid.toString(36)}${Date.now().toString(36)}`;
/** the result id last sent for each open note */
const reported = new Map<string, string>();

function resultIdOf(items: Diagnostic[]): string {
  return `${epoch}:h${createHash('sha1').update(JSON.stringify(items)).digest('base64url')}`;
}

const closedResultId = (path: string) => {
  const version = workspace.resultVersion(path);
  return `${epoch}:${version === null ? 'none' : `v${version}`}`;
};

// ---------------------------------------------------------------------------------------------
// Linting, with one result kept per document version

const results = new Map<string, { version: number; result: LintResult }>();

// Documents over the size limit for a note, logged once each (until closed).
const tooLarge = new Set<string>();

export function lint(document: TextDocument): LintResult | null {
  const cached = results.get(document.uri);
  // the text too: a client can send a change without raising the version
  if (cached && cached.version === document.version && cached.result.note.text === document.getText()) return cached.result;
  try {
    const { config, forceGroupNote } = configFiles.configFor(document.uri);
    const text = document.getText();
    if (text.length > MAX_NOTE_BYTES) {
      // Not a note, and checking it would stall the editor (the CLI refuses such files too).
      if (!tooLarge.has(document.uri)) connection.console.warn(`groupnote-lint: a document of ${(text.length / 1048576).toFixed(1)} MB is over the ${MAX_NOTE_BYTES >> 20} MB limit for a note; not checked`);
      tooLarge.add(document.uri);
      return null;
    }
    const result = lintText(text, { forceGroupNote, config, treatmentPlans: plans.diagnoses() });
    results.set(document.uri, { version: document.version, result });
    if (document.uri.startsWith('file:')) workspace.updateFromEditor(fileURLToPath(document.uri), document.version, text, forceGroupNote, result.note);
    return result;
  } catch (error) {
    // The engine guards each rule; this is the last line. Log the kind only, never text.
    connection.console.error(`groupnote-lint: could not check a document (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

type DiagnosticSource = Pick<Finding, 'ruleId' | 'severity' | 'message' | 'member' | 'start' | 'end' | 'data'>;
type Related = { uri: string; start: Finding['start']; end: Finding['end']; message: string };

/**
 * One finding as an LSP diagnostic; related locations only for clients that show them; the source
 * and rule link only for clients that do not fill them in (state.clientFillsRuleLinks). `data`
 * (the member, the rule's details) only for open notes, where a client can hand it back with a
 * code action: closed notes get no code actions, and at 10,000 notes their diagnostics are most
 * of what the editor is sent and keeps.
 */
function diagnosticOf(f: DiagnosticSource, related: Related[], withData: boolean): Diagnostic {
  const diagnostic: Diagnostic = state.clientFillsRuleLinks
    ? { range: { start: f.start, end: f.end }, severity: SEVERITY[f.severity], code: f.ruleId, message: f.message }
    : {
        range: { start: f.start, end: f.end },
        severity: SEVERITY[f.severity],
        code: f.ruleId,
        codeDescription: { href: docUri(f.ruleId) },
        source: 'groupnote-lint',
        message: f.message,
      };
  if (withData) diagnostic.data = { member: f.member, ...f.data };
  if (state.relatedInformation && related.length > 0) {
    diagnostic.relatedInformation = related.map((r) => ({ location: { uri: r.uri, range: { start: r.start, end: r.end } }, message: r.message }));
  }
  return diagnostic;
}

function toDiagnostic(uri: string, f: Finding, open = true): Diagnostic {
  return diagnosticOf(f, f.related.map((r) => ({ uri, ...r })), open);
}

function crossNoteDiagnostic(f: WorkspaceFinding, open: boolean): Diagnostic {
  return diagnosticOf(f, f.related.map((r) => ({ ...r, uri: pathToFileURL(r.path).toString() })), open);
}

/**
 * Cross-note diagnostics of a note. While typing (`current: false`) the findings last computed
 * are used at once, and a refresh is scheduled for when typing pauses.
 */
function crossNoteDiagnostics(uri: string, current = true, open = true): Diagnostic[] {
  if (!uri.startsWith('file:') || !workspace.isScanned) return [];
  const findings = workspace.crossNoteFor(fileURLToPath(uri), { current });
  if (!current && workspace.crossNoteStale) scheduleCrossNoteRefresh();
  return findings.map((f) => crossNoteDiagnostic(f, open));
}

function diagnose(document: TextDocument, current = true): Diagnostic[] {
  const single = (lint(document)?.findings ?? []).map((f) => toDiagnostic(document.uri, f));
  const cross = crossNoteDiagnostics(document.uri, current);
  // findings last computed may point past the end of a note that has since become shorter
  const end = document.positionAt(document.getText().length);
  const inside = (p: Diagnostic['range']['start']) => p.line < end.line || (p.line === end.line && p.character <= end.character);
  return [...single, ...cross.map((d) => (inside(d.range.end) ? d : { ...d, range: { start: inside(d.range.start) ? d.range.start : end, end } }))];
}

/** Cross-note findings are recomputed once edits pause for this long. */
const CROSS_NOTE_DELAY_MS = 400;
let crossNoteTimer: NodeJS.Timeout | undefined;

function scheduleCrossNoteRefresh(): void {
  clearTimeout(crossNoteTimer);
  crossNoteTimer = setTimeout(
    guarded('cross-note refresh', undefined, () => {
      if (!workspace.isScanned) return;
      workspace.refreshCrossNote();
      refreshIfChanged();
    }),
    CROSS_NOTE_DELAY_MS,
  );
}

function publish(document: TextDocument): void {
  const version = document.version;
  const diagnostics = diagnose(document, false);
  // Never publish results for a version the editor has moved past.
  if (documents.get(document.uri)?.version !== version) return;
  connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
}

// Push mode: debounce typing so a burst of edits is checked once, on its last version.
const pending = new Map<string, NodeJS.Timeout>();

function schedule(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) publish(current);
    }, state.settings.debounceMs),
  );
}

// Results last computed on open or save, for "onSave" mode.
const savedDiagnostics = new Map<string, Diagnostic[]>();

export function opened(event: TextDocumentChangeEvent<TextDocument>): void {
  opening.add(event.document.uri);
  if (state.settings.run === 'onSave') savedDiagnostics.set(event.document.uri, diagnose(event.document));
  if (!state.pullDiagnostics) publish(event.document);
}

export function changed(event: TextDocumentChangeEvent<TextDocument>): void {
  // (an open also reports its content as changed: that is no edit)
  if (!opening.delete(event.document.uri)) lastEdit.set(event.document.uri, Date.now());
  if (state.pullDiagnostics || state.settings.run === 'onSave') return;
  // the first version is published at once by onDidOpen
  if (event.document.version > 1 || results.has(event.document.uri)) schedule(event.document);
}

export function saved(event: TextDocumentChangeEvent<TextDocument>): void {
  if (state.settings.run !== 'onSave') return;
  savedDiagnostics.set(event.document.uri, diagnose(event.document));
  if (state.pullDiagnostics) connection.languages.diagnostics.refresh();
  else connection.sendDiagnostics({ uri: event.document.uri, version: event.document.version, diagnostics: savedDiagnostics.get(event.document.uri)! });
}

export function closed(event: TextDocumentChangeEvent<TextDocument>): void {
  // the index goes back to the file on disk (unsaved edits are gone from it)
  if (event.document.uri.startsWith('file:') && workspace.isScanned) {
    setImmediate(
      guarded('close', undefined, () => {
        workspace.readFromDisk(fileURLToPath(event.document.uri));
        scheduleCrossNoteRefresh();
      }),
    );
  }
  reported.delete(event.document.uri);
  lastEdit.delete(event.document.uri);
  opening.delete(event.document.uri);
  clearTimeout(pending.get(event.document.uri));
  pending.delete(event.document.uri);
  results.delete(event.document.uri);
  savedDiagnostics.delete(event.document.uri);
  tooLarge.delete(event.document.uri);
  if (!state.pullDiagnostics) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
}

/** Files per partial result of workspace diagnostics. */
const WORKSPACE_REPORT_BATCH = 200;

export async function workspaceDiagnostics(
  params: WorkspaceDiagnosticParams,
  token: CancellationToken,
  workDoneProgress: WorkDoneProgressReporter,
  resultProgress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>,
): Promise<WorkspaceDiagnosticReport | ResponseError<{ retriggerRequest: boolean }>> {
  // Incremental: a note whose result id the editor already has gets an "unchanged" report.
  const previous = new Map(params.previousResultIds.map((p) => [p.uri, p.value]));
  let streamedWhileIndexing = 0;
  if (!workspace.isScanned) {
    // Streamed, each batch of notes goes out as soon as it is read (its own findings; the
    // cross-note ones follow once the folder is indexed), so the first findings show within
    // moments of the folder opening rather than after the whole folder.
    const unsubscribe = resultProgress
      ? workspace.onScannedBatch((paths) => {
          const items: WorkspaceDocumentDiagnosticReport[] = [];
          for (const path of paths) {
            const uri = pathToFileURL(path).toString();
            const findings = workspace.findingsOnDisk(path);
            if (!findings || documents.get(uri)) continue;
            const resultId = closedResultId(path);
            previous.set(uri, resultId);
            items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: findings.map((f) => toDiagnostic(uri, f, false)) });
          }
          streamedWhileIndexing += items.length;
          if (items.length > 0) resultProgress.report({ items });
        })
      : () => undefined;
    workDoneProgress.begin('groupnote-lint: indexing notes', 0, undefined, true);
    const completed = await workspace.scan({
      isCancelled: () => token.isCancellationRequested,
      report: (done, total) => workDoneProgress.report(total ? Math.round((done / total) * 100) : 100, `${done}/${total} notes`),
    });
    unsubscribe();
    workDoneProgress.done();
    if (!completed) return { items: [] };
  }
  // cancelled while the folder was being indexed (by another caller's scan): build no report
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'workspace diagnostics cancelled', { retriggerRequest: false });
  // With a partial-result token (VS Code sends one) the report goes out in batches, so the
  // diagnostics of a large folder are never all built and serialised at once.
  // (vscode-languageserver takes the token out of params and hands over a reporter only when there is one)
  const streaming = resultProgress !== undefined;
  for (;;) {
    let items: WorkspaceDocumentDiagnosticReport[] = [];
    let changed = 0;
    const add = async (item: WorkspaceDocumentDiagnosticReport) => {
      if (item.kind === DocumentDiagnosticReportKind.Full) changed++;
      // streamed, an unchanged note is left out: the editor keeps what it has for notes not reported
      else if (streaming) return;
      items.push(item);
      if (streaming && items.length >= WORKSPACE_REPORT_BATCH) {
        resultProgress!.report({ items });
        items = [];
        // let the batch be written out before the next one is built
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await workspaceReport(previous, add);
    if (!streaming) return { items };
    if (items.length > 0) resultProgress!.report({ items });
    // Nothing changed since the editor's last pull: the request is held open (long polling)
    // until some note's findings change, instead of the editor asking again every few seconds.
    if (changed > 0 || streamedWhileIndexing > 0 || !(await nextChange(token))) break;
  }
  // every item went out as a partial result: the final answer is empty, as the protocol asks
  return { items: [] };
}

/** A held workspace pull is answered after this long even when nothing changed. */
const WORKSPACE_HOLD_MS = 60_000;
const changeWaiters = new Set<() => void>();

/** Resolves true when some note's findings change (see refreshIfChanged), false on cancellation or after WORKSPACE_HOLD_MS. */
function nextChange(token: CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (changed: boolean) => {
      clearTimeout(timer);
      changeWaiters.delete(onChange);
      cancelled.dispose();
      resolve(changed);
    };
    const onChange = () => done(true);
    const timer = setTimeout(() => done(false), WORKSPACE_HOLD_MS);
    const cancelled = token.onCancellationRequested(() => done(false));
    changeWaiters.add(onChange);
  });
}

/** The workspace report, note by note: full for a note whose findings changed since `previous`, unchanged otherwise. */
async function workspaceReport(previous: Map<string, string>, add: (item: WorkspaceDocumentDiagnosticReport) => Promise<void>): Promise<void> {
  // notes changed on disk or by typing since the cross-note findings were computed: they are
  // recomputed once edits pause, and the editor asked to pull again if they changed
  // (none computed yet under this configuration: computed now, before any result id is read)
  if (workspace.crossNoteNeverRun) workspace.refreshCrossNote();
  else if (workspace.crossNoteStale) scheduleCrossNoteRefresh();
  const open = new Set(documents.all().map((d) => d.uri));
  for (const document of documents.all()) {
    if (!document.uri.startsWith('file:')) continue;
    const items = documentItems(document);
    const resultId = resultIdOf(items);
    reported.set(document.uri, resultId);
    if (previous.get(document.uri) === resultId) await add({ kind: DocumentDiagnosticReportKind.Unchanged, uri: document.uri, version: document.version, resultId });
    else await add({ kind: DocumentDiagnosticReportKind.Full, uri: document.uri, version: document.version, resultId, items });
  }
  for (const path of workspace.diskPaths()) {
    const uri = pathToFileURL(path).toString();
    if (open.has(uri)) continue;
    const resultId = closedResultId(path);
    if (previous.get(uri) === resultId) {
      await add({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
      continue;
    }
    const single = (workspace.findingsOnDisk(path) ?? []).map((f) => toDiagnostic(uri, f, false));
    await add({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [...single, ...crossNoteDiagnostics(uri, false, false)] });
  }
  // notes the editor has findings for that are no longer in the index (deleted, ignored, out of
  // scope): an empty report clears them
  for (const [uri, value] of previous) {
    if (open.has(uri) || !uri.startsWith('file:') || workspace.resultVersion(fileURLToPath(uri)) !== null) continue;
    const resultId = `${epoch}:none`;
    if (value !== resultId) await add({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [] });
  }
}

/** An open note's diagnostics as reported to the editor: the last saved check in onSave mode. */
function documentItems(document: TextDocument): Diagnostic[] {
  return state.settings.run === 'onSave' ? savedDiagnostics.get(document.uri) ?? diagnose(document) : diagnose(document, false);
}

// Pull mode: when each note was last edited (not opened), so that a pull waits for the pause.
const lastEdit = new Map<string, number>();
const opening = new Set<string>();

/** Resolves after `ms`, or false at once when the request is cancelled (a newer edit's pull replaces it). */
function pause(ms: number, token: CancellationToken): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => (cancelled.dispose(), resolve(true)), ms);
    const cancelled = token.onCancellationRequested(() => (clearTimeout(timer), cancelled.dispose(), resolve(false)));
  });
}

export async function documentDiagnostics(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<{ retriggerRequest: boolean }>> {
  // debounceMs: the editor pulls after every keystroke; the answer waits until typing pauses, so a
  // half-typed roster or field is not checked (a newer keystroke's pull cancels this one)
  const since = Date.now() - (lastEdit.get(params.textDocument.uri) ?? 0);
  if (state.settings.run === 'onType' && since < state.settings.debounceMs && !(await pause(state.settings.debounceMs - since, token))) {
    // retriggerRequest: true. VS Code's client does not send the newer keystroke's pull while this
    // one is open: it waits for this answer and pulls again only when told to retrigger. With
    // false, the last keystroke's pull was dropped and its squiggle waited for a workspace refresh
    // (bench/editor.mjs: none within 60 s in most tries at 1,000 notes; docs/performance.md).
    return new ResponseError(LSPErrorCodes.RequestCancelled, 'diagnostics cancelled by a newer edit', { retriggerRequest: true });
  }
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const items = documentItems(document);
  const resultId = resultIdOf(items);
  reported.set(document.uri, resultId);
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
}
