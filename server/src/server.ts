// The language server: a thin LSP layer over the engine. Diagnostics are pulled when the client
// supports textDocument/diagnostic and pushed otherwise. Logs carry counts and rule ids, never
// note text.

import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  FileChangeType,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocumentEdit,
  type TextEdit,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  CompletionItemKind,
  type CompletionItem,
  type Location,
  type CodeLens,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceDocumentDiagnosticReport,
  type DocumentDiagnosticReport,
  type CancellationToken,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setFlagsFromString } from 'node:v8';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { lintText, memberLabel, RULES, ruleDocPath, type Finding, type LintResult } from '../../engine/index.js';
import { matchesAnyGlob, MAX_NOTE_BYTES } from '../../engine/files.js';
import { CONFIG_FILE_NAME, findConfigFile, loadConfigFile, mergeConfig, type GroupnoteConfig, type LoadedConfig } from '../../engine/config.js';
import { fixAll, fixesFor, type TextEdit as EngineEdit } from '../../engine/fixes.js';
import { PlanIndex } from './plan-index.js';
import { goalCompletions, goalReferenceAt, hoverAt, lensesFor } from './presentation.js';
import { runCommand, COMMANDS } from './commands.js';
import { ServerWorkspace } from './workspace.js';
import { neutraliseDebugSwitches } from '../../engine/debug-switches.js';
import { folderSummary, htmlReport, summaryMarkdown, type NoteFindings } from './summary.js';
import { WORKSPACE_RULES } from '../../engine/rules/cross-note.js';
import type { WorkspaceFinding } from '../../engine/workspace/index.js';

// before any note is read: no dependency may print what it parses (its console is the editor's log)
neutraliseDebugSwitches();

interface Settings extends GroupnoteConfig {
  /** "onType": check as you type (debounced); "onSave": only when the note is opened or saved */
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** which files of the workspace folders are indexed for workspace diagnostics and cross-note rules */
  include: string[];
  exclude: string[];
}

const DEFAULT_SETTINGS: Settings = { run: 'onType', debounceMs: 200, include: ['**/*.md', '**/*.markdown'], exclude: ['**/node_modules/**'] };
const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

// The index of a large folder is built from many short-lived parse trees. By default V8 lets the
// heap grow far past what stays alive (at 3,000 notes: about 300 MB resident for 50 MB live);
// growing it by 20% at a time keeps the server near its live size. The young generation's size
// can only be set when Node starts: editors start the server with the flags in
// server/node-flags.json (a young generation of 8 MB instead of 16 MB keeps the server holding
// 10,000 notes about 40 MB smaller). Measured in docs/performance.md.
setFlagsFromString('--heap-growing-percent=20');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let pullDiagnostics = false;
let configurationRequests = false;
let relatedInformation = false;
/** the client inserts snippet edits (tab stops) from code actions (LSP 3.18, vscode-languageclient 10+) */
let snippetEdits = false;
let workspaceFolders: string[] = [];
let settings: Settings = DEFAULT_SETTINGS;
const plans = new PlanIndex(() => workspaceFolders);
const workspace = new ServerWorkspace(
  () => workspaceFolders,
  (path) => configFor(pathToFileURL(path).toString()),
  () => ({ include: settings.include, exclude: settings.exclude }),
  (path) => !!documents.get(pathToFileURL(path).toString()),
  () => plans.diagnoses(),
);

// Doc pages ship next to the bundle (dist/server.js -> docs/rules/<id>.md); linking to a local
// file keeps the tool offline.
const packageRoot = join(__dirname, '..');
const docFile = (ruleId: string) => pathToFileURL(join(packageRoot, ruleDocPath(ruleId))).toString();
// A client can ask (initializationOptions.ruleDocCommand) for rule links as a command of its own
// with the page's file URI as argument: VS Code's then opens the page rendered, not as editable text.
let ruleDocCommand: string | null = null;
const docUri = (ruleId: string) => (ruleDocCommand ? `command:${ruleDocCommand}?${encodeURIComponent(JSON.stringify([docFile(ruleId)]))}` : docFile(ruleId));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = !!caps.textDocument?.diagnostic;
  configurationRequests = !!caps.workspace?.configuration;
  relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  const init = params.initializationOptions as { ruleDocCommand?: unknown } | undefined;
  ruleDocCommand = typeof init?.ruleDocCommand === 'string' && /^[\w.-]+$/.test(init.ruleDocCommand) ? init.ruleDocCommand : null;
  snippetEdits = !!(caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
  workspaceFolders = (params.workspaceFolders ?? [])
    .map((f) => f.uri)
    .concat(params.rootUri ? [params.rootUri] : [])
    .filter((uri) => uri.startsWith('file:'))
    .map((uri) => fileURLToPath(uri));
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      hoverProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: [' '] },
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [...COMMANDS, ...WORKSPACE_COMMANDS] },
    },
    serverInfo: { name: 'groupnote-lint', version: '0.1.0' },
  };
  if (pullDiagnostics) {
    // cross-note rules make one note's findings depend on others
    result.capabilities.diagnosticProvider = { identifier: 'groupnote-lint', interFileDependencies: true, workspaceDiagnostics: true };
  }
  return result;
});

connection.onInitialized(async () => {
  if (configurationRequests) {
    // Ask to be told about changes; clients without dynamic registration still send the
    // notification for the sections they synchronise.
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'groupnoteLint' }).catch(() => undefined);
  }
  await loadSettings();
  connection.console.info(`groupnote-lint server ready (${pullDiagnostics ? 'pull' : 'push'} diagnostics, ${settings.run})`);
  if (workspaceFolders.length) void scanInBackground();
});

/** Indexes the workspace folders with work-done progress; cancellable from the editor. */
async function scanInBackground(): Promise<void> {
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
// Settings and configuration files

async function loadSettings(): Promise<void> {
  let raw: unknown = null;
  if (configurationRequests) {
    try {
      [raw] = await connection.workspace.getConfiguration([{ section: 'groupnoteLint' }]);
    } catch {
      raw = null;
    }
  }
  settings = readSettings(raw);
}

/** Editor settings; values of the wrong type are ignored (settings are hand-edited JSON). */
function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const rules: NonNullable<GroupnoteConfig['rules']> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, value] of Object.entries(r.rules)) if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as 'off';
  }
  const similarity = typeof r.copyPasteSimilarity === 'number' && r.copyPasteSimilarity >= 0.5 && r.copyPasteSimilarity <= 1 ? r.copyPasteSimilarity : undefined;
  const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) && v.every((g) => typeof g === 'string') ? (v as string[]) : fallback);
  return {
    include: strings(r.include, DEFAULT_SETTINGS.include),
    exclude: strings(r.exclude, DEFAULT_SETTINGS.exclude),
    groupNoteGlobs: Array.isArray(r.groupNoteGlobs) ? r.groupNoteGlobs.filter((g): g is string => typeof g === 'string') : [],
    rules,
    options: similarity === undefined ? {} : { copyPasteSimilarity: similarity },
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 && r.debounceMs <= 5000 ? r.debounceMs : DEFAULT_SETTINGS.debounceMs,
  };
}

// Config files by path, read once and dropped when the file changes on disk.
const configFiles = new Map<string, LoadedConfig>();
// The last version of each config file that was valid JSON: a file being typed (saved, or
// auto-saved, half-written) keeps the settings it had instead of switching every rule back to
// its default until the next save.
const lastValidConfig = new Map<string, LoadedConfig>();
// What was last logged about each config file, so a file saved again with the same problem is not
// reported again. Problems go to the log, not to pop-ups: the editor's schema squiggles say it.
const loggedProblems = new Map<string, string>();

function readConfigFile(file: string): LoadedConfig {
  let loaded = loadConfigFile(file);
  const notJson = loaded.problems.some((p) => p.message.startsWith('is not valid JSON'));
  const previous = lastValidConfig.get(file);
  if (!notJson) lastValidConfig.set(file, loaded);
  else if (previous) loaded = { ...previous, problems: loaded.problems };
  const problems = loaded.problems.map((p) => p.message).join('; ');
  if (problems && loggedProblems.get(file) !== problems) {
    // names the file and the problem; a config file holds no note text
    connection.console.warn(`groupnote-lint: ${file}: ${problems}${notJson && previous ? ' (its last valid version is used until it is fixed)' : ''}`);
  }
  loggedProblems.set(file, problems);
  return loaded;
}

function folderOf(path: string): string | undefined {
  return workspaceFolders.filter((f) => !relative(f, path).startsWith('..')).sort((a, b) => b.length - a.length)[0];
}

function configFor(uri: string): { config: GroupnoteConfig; forceGroupNote: boolean } {
  if (!uri.startsWith('file:')) return { config: settings, forceGroupNote: false };
  const path = fileURLToPath(uri);
  const folder = folderOf(path);
  const file = findConfigFile(path, folder);
  let loaded: LoadedConfig | null = null;
  if (file) {
    loaded = configFiles.get(file) ?? null;
    if (!loaded) {
      loaded = readConfigFile(file);
      configFiles.set(file, loaded);
    }
  }
  const config = mergeConfig(settings, loaded?.config ?? null);
  const bySettings = !!folder && matchesAnyGlob(relative(folder, path), settings.groupNoteGlobs ?? []);
  const byFile = !!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []);
  return { config, forceGroupNote: bySettings || byFile };
}

connection.onDidChangeConfiguration(guarded('configuration change', undefined, async (change) => {
  const before = JSON.stringify(settings);
  if (configurationRequests) await loadSettings();
  else settings = readSettings((change.settings as Record<string, unknown> | null)?.groupnoteLint);
  // editors send this for any change of the section (or of any setting): re-check only on a real one
  if (JSON.stringify(settings) !== before) await recheckEverything();
}));

connection.onDidChangeWatchedFiles(guarded('file change', undefined, (change) => {
  let configChanged = false;
  let notesChanged = false;
  const notes: { path: string; deleted: boolean }[] = [];
  for (const event of change.changes) {
    if (!event.uri.startsWith('file:')) continue;
    const path = fileURLToPath(event.uri);
    if (event.uri.endsWith(CONFIG_FILE_NAME)) {
      configFiles.delete(path);
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
}));

/**
 * Settings, a config file, an ignore file or a treatment plan changed: every note is checked
 * again, open or not (closed ones by a scan of the folders, with progress), and the editor is
 * asked to pull again once something it shows has changed.
 */
function recheckEverything(): Promise<void> {
  results.clear();
  workspace.configurationChanged();
  if (settings.run === 'onSave') for (const d of documents.all()) savedDiagnostics.set(d.uri, diagnose(d));
  if (workspaceFolders.length) return scanInBackground();
  refreshIfChanged();
  return Promise.resolve();
}

/**
 * Pull mode: asks the editor to pull diagnostics again only when some note's findings changed
 * since it last pulled them (a closed note's result version, or an open note's diagnostics).
 * Push mode: publishes the open notes again.
 */
function refreshIfChanged(): void {
  if (!pullDiagnostics) {
    if (settings.run !== 'onSave') documents.all().forEach((d) => publish(d));
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

/**
 * A handler whose exceptions are logged by kind only and answered with `fallback`: left to
 * vscode-jsonrpc, an exception's message (which could quote note text) goes to the editor's log.
 */
function guarded<A extends unknown[], R>(what: string, fallback: Awaited<R>, handler: (...args: A) => R): (...args: A) => R {
  const failed = (error: unknown) => {
    connection.console.error(`groupnote-lint: ${what} failed (${error instanceof Error ? error.name : 'error'})`);
    return fallback;
  };
  return (...args) => {
    try {
      const result = handler(...args);
      return (result instanceof Promise ? result.catch(failed) : result) as R;
    } catch (error) {
      return failed(error) as R;
    }
  };
}

// Documents over the size limit for a note, logged once each (until closed).
const tooLarge = new Set<string>();

function lint(document: TextDocument): LintResult | null {
  const cached = results.get(document.uri);
  // the text too: a client can send a change without raising the version
  if (cached && cached.version === document.version && cached.result.note.text === document.getText()) return cached.result;
  try {
    const { config, forceGroupNote } = configFor(document.uri);
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

/** One finding as an LSP diagnostic; related locations only for clients that show them. */
function diagnosticOf(f: DiagnosticSource, related: Related[]): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: f.start, end: f.end },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docUri(f.ruleId) },
    source: 'groupnote-lint',
    message: f.message,
    data: { member: f.member, ...f.data },
  };
  if (relatedInformation && related.length > 0) {
    diagnostic.relatedInformation = related.map((r) => ({ location: { uri: r.uri, range: { start: r.start, end: r.end } }, message: r.message }));
  }
  return diagnostic;
}

function toDiagnostic(uri: string, f: Finding): Diagnostic {
  return diagnosticOf(f, f.related.map((r) => ({ uri, ...r })));
}

function crossNoteDiagnostic(f: WorkspaceFinding): Diagnostic {
  return diagnosticOf(f, f.related.map((r) => ({ ...r, uri: pathToFileURL(r.path).toString() })));
}

/**
 * Cross-note diagnostics of a note. While typing (`current: false`) the findings last computed
 * are used at once, and a refresh is scheduled for when typing pauses.
 */
function crossNoteDiagnostics(uri: string, current = true): Diagnostic[] {
  if (!uri.startsWith('file:') || !workspace.isScanned) return [];
  const findings = workspace.crossNoteFor(fileURLToPath(uri), { current });
  if (!current && workspace.crossNoteStale) scheduleCrossNoteRefresh();
  return findings.map(crossNoteDiagnostic);
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
    }, settings.debounceMs),
  );
}

// Results last computed on open or save, for "onSave" mode.
const savedDiagnostics = new Map<string, Diagnostic[]>();

documents.onDidOpen(guarded('open', undefined, (event) => {
  opening.add(event.document.uri);
  if (settings.run === 'onSave') savedDiagnostics.set(event.document.uri, diagnose(event.document));
  if (!pullDiagnostics) publish(event.document);
}));

documents.onDidChangeContent(guarded('change', undefined, (event) => {
  // (an open also reports its content as changed: that is no edit)
  if (!opening.delete(event.document.uri)) lastEdit.set(event.document.uri, Date.now());
  if (pullDiagnostics || settings.run === 'onSave') return;
  // the first version is published at once by onDidOpen
  if (event.document.version > 1 || results.has(event.document.uri)) schedule(event.document);
}));

documents.onDidSave(guarded('save', undefined, (event) => {
  if (settings.run !== 'onSave') return;
  savedDiagnostics.set(event.document.uri, diagnose(event.document));
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else connection.sendDiagnostics({ uri: event.document.uri, version: event.document.version, diagnostics: savedDiagnostics.get(event.document.uri)! });
}));

documents.onDidClose(guarded('close', undefined, (event) => {
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
  if (!pullDiagnostics) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
}));

/** Files per partial result of workspace diagnostics. */
const WORKSPACE_REPORT_BATCH = 200;

connection.languages.diagnostics.onWorkspace(guarded('workspace diagnostics', { items: [] }, async (params, token, workDoneProgress, resultProgress) => {
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
            items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: findings.map((f) => toDiagnostic(uri, f)) });
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
}));

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
    const single = (workspace.findingsOnDisk(path) ?? []).map((f) => toDiagnostic(uri, f));
    await add({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [...single, ...crossNoteDiagnostics(uri, false)] });
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
  return settings.run === 'onSave' ? savedDiagnostics.get(document.uri) ?? diagnose(document) : diagnose(document, false);
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

connection.languages.diagnostics.on(guarded('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, async (params, token): Promise<DocumentDiagnosticReport | ResponseError<{ retriggerRequest: boolean }>> => {
  // debounceMs: the editor pulls after every keystroke; the answer waits until typing pauses, so a
  // half-typed roster or field is not checked (a newer keystroke's pull cancels this one)
  const since = Date.now() - (lastEdit.get(params.textDocument.uri) ?? 0);
  if (settings.run === 'onType' && since < settings.debounceMs && !(await pause(settings.debounceMs - since, token))) {
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
}));

// ---------------------------------------------------------------------------------------------
// Quick fixes, hovers, code lenses, commands

/** The kind of "fix all" for this linter: editors run it from `editor.codeActionsOnSave`. */
const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.groupnote-lint`;

/** Whether an action of `kind` is asked for by `only` (a kind covers its sub-kinds). */
const wanted = (only: string[] | undefined, kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));

/** A versioned edit: the editor refuses it if the note changed since, so no text is lost. */
function versionedEdit(document: TextDocument, edits: EngineEdit[], snippets: boolean): CodeAction['edit'] {
  const range = (e: EngineEdit) => ({ start: document.positionAt(e.start), end: document.positionAt(e.end) });
  return {
    documentChanges: [
      TextDocumentEdit.create(
        { uri: document.uri, version: document.version },
        edits.map((e) => (snippets && e.snippet !== undefined ? { range: range(e), snippet: { kind: 'snippet', value: e.snippet } } : { range: range(e), newText: e.newText })) as TextEdit[],
      ),
    ],
  };
}

const fixContext = { goalsOf: (key: string) => plans.goalsOf(key), diagnosesOf: (key: string) => plans.diagnosesOf(key) };

connection.onCodeAction(guarded('code actions', [], (params) => {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'groupnote-lint') continue;
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      const finding = result.findings.find((f) => f.ruleId === diagnostic.code && f.startOffset === start && f.endOffset === end);
      if (!finding) continue;
      for (const fix of fixesFor(result, finding, fixContext)) {
        // one edit with tab stops, for clients that take snippets (the cursor goes where the text is written)
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: versionedEdit(document, fix.edits, snippetEdits && fix.edits.length === 1) });
      }
    }
  }
  // Fix all: only when asked for by kind (on save, or "Fix All" in the menu), never offered with the quick fixes.
  if (only && wanted(only, FIX_ALL_KIND)) {
    const edits = fixAll(result, fixContext);
    if (edits.length > 0) actions.push({ title: 'groupnote-lint: fix all safe problems (field skeletons, diagnoses from plans)', kind: FIX_ALL_KIND, edit: versionedEdit(document, edits, false) });
  }
  return actions;
}));

connection.onHover(guarded('hover', null, (params): Hover | null => {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return null;
  return hoverAt(result, document.offsetAt(params.position), plans, (o) => document.positionAt(o));
}));

// Completion offers the member's own plan goals inside their section.
connection.onCompletion(guarded('completion', [], (params): CompletionItem[] => {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return [];
  return goalCompletions(result, document.offsetAt(params.position), plans).map((g, i) => ({
    label: g.label,
    detail: g.detail,
    insertText: g.insertText,
    kind: CompletionItemKind.Reference,
    sortText: String(i).padStart(4, '0'),
  }));
}));

// Go to definition on "Goal 1.2" opens the member's treatment plan at that goal.
connection.onDefinition(guarded('definition', null, (params): Location | null => {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return null;
  const at = goalReferenceAt(result, document.offsetAt(params.position));
  const plan = at && plans.planOf(at.memberKey);
  const goal = plan?.goals.find((g) => g.ref === at!.ref);
  if (!plan || !goal) return null;
  return { uri: pathToFileURL(plan.path).toString(), range: { start: { line: goal.line, character: 0 }, end: { line: goal.line, character: 0 } } };
}));

connection.onCodeLens(guarded('code lenses', [], (params): CodeLens[] => {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return [];
  const crossNote = document.uri.startsWith('file:') && workspace.isScanned ? workspace.crossNoteFor(fileURLToPath(document.uri), { current: false }) : [];
  return lensesFor(result, (o) => document.positionAt(o), crossNote);
}));

const WORKSPACE_COMMANDS = ['groupnoteLint.server.summary', 'groupnoteLint.server.checkFolder', 'groupnoteLint.server.htmlReport'] as const;

/** Indexes the folders now if that has not been done (or is under way), and brings the cross-note findings up to date. */
async function indexedWorkspace(): Promise<void> {
  if (!workspace.isScanned) await workspace.scan({ isCancelled: () => false, report: () => undefined });
  workspace.refreshCrossNote();
}

/** Every indexed note's findings as the editor shows them (open notes from the editor's text). */
function* allFindings(): Generator<NoteFindings> {
  const open = new Map(documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => [fileURLToPath(d.uri), d]));
  const paths = new Set([...workspace.diskPaths(), ...open.keys()]);
  for (const path of paths) {
    const document = open.get(path);
    const single = document ? lint(document)?.findings ?? [] : workspace.findingsOnDisk(path) ?? [];
    if (document && !lint(document)?.isGroupNote && !workspace.index.get(path)) continue;
    yield { path, summary: workspace.index.get(path)?.summary, findings: [...single, ...workspace.crossNoteFor(path, { current: false })] };
  }
}

connection.onExecuteCommand(async (params) => {
  try {
    if (params.command === 'groupnoteLint.server.summary') {
      // -> the folder's totals per rule and per member, and the same as a Markdown page
      await indexedWorkspace();
      const folder = workspaceFolders[0] ?? '';
      const summary = folderSummary(folder, allFindings());
      return { summary, markdown: summaryMarkdown(folder, summary) };
    }
    if (params.command === 'groupnoteLint.server.htmlReport') {
      // -> the HTML report of the folder, as `groupnote-lint --report file.html` writes it
      await indexedWorkspace();
      return htmlReport(workspaceFolders[0] ?? '', allFindings(), [...RULES, ...WORKSPACE_RULES], pathToFileURL(`${packageRoot}/`).toString());
    }
    if (params.command === 'groupnoteLint.server.checkFolder') {
      // -> every note checked again from disk (open ones from the editor), then the totals
      configFiles.clear();
      await recheckEverything();
      return folderSummary(workspaceFolders[0] ?? '', allFindings()).totals;
    }
    return runCommand(params.command, params.arguments ?? [], { documents, lint, memberLabel });
  } catch (error) {
    connection.console.error(`groupnote-lint: command ${params.command} failed (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
});

process.on('uncaughtException', (error) => {
  connection.console.error(`groupnote-lint: unexpected ${error.name}; the server keeps running`);
});

// A didChange for a version older than the document's (a late or replayed message) is dropped:
// applied, it would be checked and published as if it were the newest text.
documents.listen(
  new Proxy(connection, {
    get(target, property, receiver) {
      if (property !== 'onDidChangeTextDocument') return Reflect.get(target, property, receiver);
      return (handler: Parameters<typeof connection.onDidChangeTextDocument>[0]) =>
        target.onDidChangeTextDocument((params) => {
          const current = documents.get(params.textDocument.uri);
          if (current && params.textDocument.version < current.version) return;
          return handler(params);
        });
    },
  }),
);
connection.listen();
