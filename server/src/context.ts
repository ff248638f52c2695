// The server's shared state, in one place: the connection, the open documents, what the client
// supports, the settings in force, the workspace folders, and the config files, treatment plans and
// workspace index every part of the server reads. The other modules keep only state of their own
// (diagnostics.ts: what was checked and reported).

import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setFlagsFromString } from 'node:v8';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleDocPath } from '../../engine/index.js';
import { neutraliseDebugSwitches } from '../../engine/debug-switches.js';
import { ConfigFiles, DEFAULT_SETTINGS, type Settings } from './settings.js';
import { PlanIndex } from './plan-index.js';
import { ServerWorkspace } from './workspace.js';

// before any note is read: no dependency may print what it parses (its console is the editor's log)
neutraliseDebugSwitches();

// The index of a large folder is built from many short-lived parse trees. By default V8 lets the
// heap grow far past what stays alive (at 3,000 notes: about 300 MB resident for 50 MB live);
// growing it by 20% at a time keeps the server near its live size. The young generation's size
// can only be set when Node starts: editors start the server with the flags in
// server/node-flags.json (a young generation of 8 MB instead of 16 MB keeps the server holding
// 10,000 notes about 40 MB smaller). Measured in docs/performance.md.
setFlagsFromString('--heap-growing-percent=20');

export const connection = createConnection(ProposedFeatures.all);
export const documents = new TextDocuments(TextDocument);

/** Set once from the client's capabilities (initialize), then from the editor's settings. */
export const state = {
  pullDiagnostics: false,
  configurationRequests: false,
  relatedInformation: false,
  /** the client inserts snippet edits (tab stops) from code actions (LSP 3.18, vscode-languageclient 10+) */
  snippetEdits: false,
  // A client can ask (initializationOptions.ruleDocCommand) for rule links as a command of its own
  // with the page's file URI as argument: VS Code's then opens the page rendered, not as editable text.
  ruleDocCommand: null as string | null,
  // A client can ask (initializationOptions.fillsRuleLinks) to fill in each diagnostic's source and
  // rule link itself (VS Code's: about 120 of the 600 bytes of JSON per diagnostic, and a Uri the
  // language client parsed per diagnostic and then dropped)
  clientFillsRuleLinks: false,
  workspaceFolders: [] as string[],
  settings: DEFAULT_SETTINGS as Settings,
};

export const configFiles = new ConfigFiles(
  () => state.settings,
  () => state.workspaceFolders,
  (message) => connection.console.warn(message),
);
export const plans = new PlanIndex(() => state.workspaceFolders);
export const workspace = new ServerWorkspace(
  () => state.workspaceFolders,
  (path) => configFiles.configFor(pathToFileURL(path).toString()),
  () => ({ include: state.settings.include, exclude: state.settings.exclude }),
  (path) => !!documents.get(pathToFileURL(path).toString()),
  () => plans.diagnoses(),
  (paths) => plans.loadFrom(paths),
);

// Doc pages ship next to the bundle (dist/server.js -> docs/rules/<id>.md); linking to a local
// file keeps the tool offline.
export const packageRoot = join(__dirname, '..');
const docFile = (ruleId: string) => pathToFileURL(join(packageRoot, ruleDocPath(ruleId))).toString();
const docUris = new Map<string, string>();
/**
 * A rule's link, one string per rule (every diagnostic carries one; the command is fixed at
 * initialize). Through the client's command, the argument is the rule id: the client opens
 * docs/rules/<id>.md of its own extension folder (the server's package root), and the link is a
 * quarter of the length of one naming the file (at 10,000 notes every diagnostic sent carried
 * about 150 characters more, and the extension host parsed each into a Uri of its own).
 */
export const docUri = (ruleId: string) => {
  let link = docUris.get(ruleId);
  if (link === undefined) docUris.set(ruleId, (link = state.ruleDocCommand ? `command:${state.ruleDocCommand}?${encodeURIComponent(JSON.stringify([ruleId]))}` : docFile(ruleId)));
  return link;
};

/**
 * A handler whose exceptions are logged by kind only and answered with `fallback`: left to
 * vscode-jsonrpc, an exception's message (which could quote note text) goes to the editor's log.
 */
export function guarded<A extends unknown[], R>(what: string, fallback: Awaited<R>, handler: (...args: A) => R): (...args: A) => R {
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
