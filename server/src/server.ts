// The language server: a thin LSP layer over the engine. Diagnostics are pulled when the client
// supports textDocument/diagnostic and pushed otherwise. Logs carry counts and rule ids, never
// note text.
//
// This file wires the connection: it answers initialize and registers every handler. What they do
// is in context.ts (the shared state: connection, documents, client capabilities, settings, the
// workspace and plan indexes), settings.ts (editor settings and config files), diagnostics.ts
// (checking notes; push, pull and workspace diagnostics; re-checks after changes) and
// editor-features.ts (code actions, hovers, completion, definitions, code lenses, commands).

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { connection, documents, guarded, state, workspace } from './context.js';
import { checkedUnder, fetchSettings } from './settings.js';
import { changed, closed, documentDiagnostics, opened, recheckEverything, saved, scanInBackground, settingsChanged, watchedFilesChanged, workspaceDiagnostics } from './diagnostics.js';
import { codeActions, codeLenses, completion, definition, executeCommand, FIX_ALL_KIND, hover, WORKSPACE_COMMANDS } from './editor-features.js';
import { COMMANDS } from './commands.js';
import { outermostFolders } from './workspace.js';

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  state.pullDiagnostics = !!caps.textDocument?.diagnostic;
  state.configurationRequests = !!caps.workspace?.configuration;
  state.relatedInformation = !!caps.textDocument?.publishDiagnostics?.relatedInformation;
  const init = params.initializationOptions as { ruleDocCommand?: unknown; fillsRuleLinks?: unknown } | undefined;
  state.ruleDocCommand = typeof init?.ruleDocCommand === 'string' && /^[\w.-]+$/.test(init.ruleDocCommand) ? init.ruleDocCommand : null;
  state.clientFillsRuleLinks = init?.fillsRuleLinks === true;
  state.snippetEdits = !!(caps.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport;
  // rootUri is the first workspace folder again (VS Code sends both): read only when there are no
  // workspace folders, or every note was listed, read and reported twice while indexing
  state.workspaceFolders = outermostFolders(
    (params.workspaceFolders ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [])
      .filter((uri) => uri.startsWith('file:'))
      .map((uri) => fileURLToPath(uri)),
  );
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
  if (state.pullDiagnostics) {
    // cross-note rules make one note's findings depend on others
    result.capabilities.diagnosticProvider = { identifier: 'groupnote-lint', interFileDependencies: true, workspaceDiagnostics: true };
  }
  return result;
});


connection.onInitialized(async () => {
  if (state.configurationRequests) {
    // Ask to be told about changes; clients without dynamic registration still send the
    // notification for the sections they synchronise.
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'groupnoteLint' }).catch(() => undefined);
  }
  const assumed = checkedUnder(state.settings);
  state.settings = await fetchSettings(connection, state.configurationRequests);
  connection.console.info(`groupnote-lint server ready (${state.pullDiagnostics ? 'pull' : 'push'} diagnostics, ${state.settings.run})`);
  // The editor's first workspace pull comes with initialized and starts indexing at once, under the
  // default settings (the answer to the question above comes after the first notes are read): if
  // the editor's settings check notes differently, every note is checked again under them.
  if (checkedUnder(state.settings) !== assumed && workspace.scanStarted) void recheckEverything();
  else if (state.workspaceFolders.length) void scanInBackground();
});

// Settings, config files and files on disk
connection.onDidChangeConfiguration(guarded('configuration change', undefined, settingsChanged));
connection.onDidChangeWatchedFiles(guarded('file change', undefined, watchedFilesChanged));

// Diagnostics
documents.onDidOpen(guarded('open', undefined, opened));
documents.onDidChangeContent(guarded('change', undefined, changed));
documents.onDidSave(guarded('save', undefined, saved));
documents.onDidClose(guarded('close', undefined, closed));
connection.languages.diagnostics.onWorkspace(guarded('workspace diagnostics', { items: [] }, workspaceDiagnostics));
connection.languages.diagnostics.on(guarded('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, documentDiagnostics));

// Quick fixes, hovers, completion, definitions, code lenses, commands
connection.onCodeAction(guarded('code actions', [], codeActions));
connection.onHover(guarded('hover', null, hover));
connection.onCompletion(guarded('completion', [], completion));
connection.onDefinition(guarded('definition', null, definition));
connection.onCodeLens(guarded('code lenses', [], codeLenses));
connection.onExecuteCommand(executeCommand);

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
