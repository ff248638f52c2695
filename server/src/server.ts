// The language server: a thin LSP layer over the engine. Diagnostics are pulled when the client
// supports textDocument/diagnostic and pushed otherwise. Logs carry counts and rule ids, never
// note text.

import {
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { lintText, ruleDocPath, type Finding, type LintConfig } from '../../engine/index.js';
import { matchesAnyGlob } from '../../engine/files.js';

interface Settings {
  groupNoteGlobs: string[];
  config: LintConfig;
}

const DEFAULT_SETTINGS: Settings = { groupNoteGlobs: [], config: {} };
const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let pullDiagnostics = false;
let configurationRequests = false;
let relatedInformation = false;
let workspaceFolders: string[] = [];
let settings: Settings = DEFAULT_SETTINGS;

// Doc pages ship next to the bundle (dist/server.js -> docs/rules/<id>.md); linking to a local
// file keeps the tool offline.
const packageRoot = join(__dirname, '..');
const docUri = (ruleId: string) => pathToFileURL(join(packageRoot, ruleDocPath(ruleId))).toString();

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = !!caps.textDocument?.diagnostic;
  configurationRequests = !!caps.workspace?.configuration;
  relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  workspaceFolders = (params.workspaceFolders ?? [])
    .map((f) => f.uri)
    .concat(params.rootUri ? [params.rootUri] : [])
    .filter((uri) => uri.startsWith('file:'))
    .map((uri) => fileURLToPath(uri));
  const result: InitializeResult = {
    capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
    serverInfo: { name: 'groupnote-lint', version: '0.1.0' },
  };
  if (pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: 'groupnote-lint', interFileDependencies: false, workspaceDiagnostics: false };
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
  connection.console.info(`groupnote-lint server ready (${pullDiagnostics ? 'pull' : 'push'} diagnostics)`);
});

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

function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const globs = Array.isArray(r.groupNoteGlobs) ? r.groupNoteGlobs.filter((g): g is string => typeof g === 'string') : [];
  // Ignore values of the wrong type rather than failing: settings are hand-edited JSON.
  const rules: NonNullable<LintConfig['rules']> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, value] of Object.entries(r.rules)) if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as 'off';
  }
  const similarity = typeof r.copyPasteSimilarity === 'number' && r.copyPasteSimilarity >= 0.5 && r.copyPasteSimilarity <= 1 ? r.copyPasteSimilarity : undefined;
  return { groupNoteGlobs: globs, config: { rules, options: similarity === undefined ? {} : { copyPasteSimilarity: similarity } } };
}

connection.onDidChangeConfiguration(async (change) => {
  if (configurationRequests) await loadSettings();
  else settings = readSettings((change.settings as Record<string, unknown> | null)?.groupnoteLint);
  if (pullDiagnostics) connection.languages.diagnostics.refresh();
  else documents.all().forEach(publish);
});

function isGroupNoteByGlob(uri: string): boolean {
  if (settings.groupNoteGlobs.length === 0 || !uri.startsWith('file:')) return false;
  const path = fileURLToPath(uri);
  return workspaceFolders.some((folder) => {
    const rel = relative(folder, path);
    return !rel.startsWith('..') && matchesAnyGlob(rel, settings.groupNoteGlobs);
  });
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

function toDiagnostic(uri: string, f: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: f.start, end: f.end },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docUri(f.ruleId) },
    source: 'groupnote-lint',
    message: f.message,
    data: { member: f.member, ...f.data },
  };
  if (relatedInformation && f.related.length > 0) {
    diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri, range: { start: r.start, end: r.end } }, message: r.message }));
  }
  return diagnostic;
}

function diagnose(document: TextDocument): Diagnostic[] {
  try {
    const result = lintText(document.getText(), { forceGroupNote: isGroupNoteByGlob(document.uri), config: settings.config });
    return result.findings.map((f) => toDiagnostic(document.uri, f));
  } catch (error) {
    // The engine guards each rule; this is the last line. Log the kind only, never text.
    connection.console.error(`groupnote-lint: could not check a document (${error instanceof Error ? error.name : 'error'})`);
    return [];
  }
}

function publish(document: TextDocument): void {
  const version = document.version;
  const diagnostics = diagnose(document);
  // Never publish results for a version the editor has moved past.
  if (documents.get(document.uri)?.version !== version) return;
  connection.sendDiagnostics({ uri: document.uri, version, diagnostics });
}

documents.onDidChangeContent((event) => {
  if (!pullDiagnostics) publish(event.document);
});

documents.onDidClose((event) => {
  if (!pullDiagnostics) connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  return { kind: DocumentDiagnosticReportKind.Full, items: diagnose(document) };
});

process.on('uncaughtException', (error) => {
  connection.console.error(`groupnote-lint: unexpected ${error.name}; the server keeps running`);
});

documents.listen(connection);
connection.listen();
