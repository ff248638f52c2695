// The VS Code extension: starts the groupnote-lint language server for Markdown files and adds
// the editor-only pieces (commands, status item). All checking happens in the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// Node flags the server is started with (see the comment in server/src/context.ts)
import serverNodeFlags from '../../server/node-flags.json';
import { compactDiagnosticsMiddleware, fillRuleLinks } from './compact-diagnostics.js';

let client: LanguageClient | undefined;
const RULE_DOC_COMMAND = 'groupnoteLint.openRuleDoc';

interface MemberExport {
  member: { key: string; id: string | null; name: string | null };
  fileName: string;
  text: string;
  leaks: { line: number; message: string; others: string[] }[];
  /** text that cannot be attributed to a member: nothing is exported while there is any */
  unattributed?: string[];
}

interface Totals {
  error: number;
  warning: number;
  info: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: serverNodeFlags } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...serverNodeFlags, '--nolazy', '--inspect=6019'] } },
  };
  // The server log: counts and rule ids only, never note text.
  const outputChannel = vscode.window.createOutputChannel('groupnote-lint', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel,
    // the extension host keeps the whole workspace's diagnostics: repeated parts are shared
    middleware: compactDiagnosticsMiddleware,
    // rule links in the Problems panel and hovers run this command, which opens the page rendered;
    // the diagnostics' source and rule links are filled in here, not sent with every diagnostic
    initializationOptions: { ruleDocCommand: RULE_DOC_COMMAND, fillsRuleLinks: true },
    synchronize: {
      configurationSection: 'groupnoteLint',
      // config and ignore files reload without a restart; note changes update the workspace index
      fileEvents: ['**/.groupnoterc.json', '**/*.md', '**/*.markdown', '**/.gitignore', '**/.groupnoteignore'].map((glob) => vscode.workspace.createFileSystemWatcher(glob)),
    },
  };
  fillRuleLinks((rule) => vscode.Uri.parse(`command:${RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([rule]))}`));
  client = new LanguageClient('groupnoteLint', 'groupnote-lint', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('groupnoteLint.status', { language: 'markdown' });
  status.name = 'groupnote-lint';
  status.text = 'groupnote-lint: starting';
  status.command = { title: 'Show problems', command: 'workbench.actions.view.problems' };
  const updateStatus = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown') return;
    const ours = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'groupnote-lint');
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const text = ours.length === 0 ? 'groupnote-lint: no problems' : `groupnote-lint: ${ours.length} problem${ours.length === 1 ? '' : 's'}`;
    const severity = errors > 0 ? vscode.LanguageStatusSeverity.Error : ours.length > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    // each assignment sends the item to the window again, even unchanged
    if (status.text !== text) status.text = text;
    if (status.severity !== severity) status.severity = severity;
  };
  // while a folder is indexed, diagnostics change every 50 ms: only the active note's matter here
  const diagnosticsChanged = (event: vscode.DiagnosticChangeEvent) => {
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    if (active && event.uris.some((uri) => uri.toString() === active)) updateStatus();
  };

  context.subscriptions.push(
    outputChannel,
    status,
    vscode.languages.onDidChangeDiagnostics(diagnosticsChanged),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('groupnoteLint.showProblems', () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.commands.registerCommand('groupnoteLint.newGroupNote', newGroupNote),
    vscode.commands.registerCommand('groupnoteLint.exportMemberNotes', exportMemberNotes),
    // the server's rule links name the rule (their page ships in this extension's docs/rules/); a page's URI is taken too
    vscode.commands.registerCommand('groupnoteLint.openRuleDoc', (rule: string) =>
      vscode.commands.executeCommand('markdown.showPreview', /^[a-z0-9-]+$/.test(rule) ? vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${rule}.md`))) : vscode.Uri.parse(rule)),
    ),
    vscode.commands.registerCommand('groupnoteLint.checkFolder', checkFolder),
    vscode.commands.registerCommand('groupnoteLint.showSummary', showSummary),
    vscode.commands.registerCommand('groupnoteLint.openReport', openReport),
    vscode.tasks.registerTaskProvider(TASK_TYPE, { provideTasks: () => folderTasks(), resolveTask: (task) => checkTask(task.definition as CheckTaskDefinition, task.scope) }),
    { dispose: () => void client?.stop() },
  );
  await client.start();
  updateStatus();
}

/** Opens a new untitled note for the same group as the active note (or an empty roster). */
async function newGroupNote(): Promise<void> {
  const source = vscode.window.activeTextEditor?.document;
  const date = new Date().toISOString().slice(0, 10);
  const text = await client?.sendRequest<string | null>('workspace/executeCommand', {
    command: 'groupnoteLint.server.templateFromNote',
    arguments: [source?.languageId === 'markdown' ? source.uri.toString() : null, date],
  });
  if (!text) return;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document);
}

/** Splits the active group note into one chart note per present member, after a leak check. */
async function exportMemberNotes(): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage('Open a group note to export member notes.');
    return;
  }
  const exports = await client?.sendRequest<MemberExport[] | null>('workspace/executeCommand', {
    command: 'groupnoteLint.server.exportMemberNotes',
    arguments: [document.uri.toString()],
  });
  if (!exports || exports.length === 0) {
    void vscode.window.showWarningMessage('No member sections to export in this note.');
    return;
  }
  const unattributed = exports[0].unattributed ?? [];
  if (unattributed.length > 0) {
    void vscode.window.showErrorMessage(`Not exported: a section cannot be attributed to a member (${unattributed.join('; ')}). Give every present member a section under a heading that names them.`);
    return;
  }
  const leaking = exports.filter((e) => e.leaks.length > 0);
  if (leaking.length > 0) {
    // The first button is the default (Enter): it exports nothing. Only "Export Anyway" exports.
    const review: vscode.MessageItem = { title: 'Review the Problems' };
    const anyway: vscode.MessageItem = { title: 'Export Anyway' };
    const label = (e: MemberExport) => e.member.name ?? e.member.id ?? e.member.key;
    const detail = leaking
      .map((e) => `${label(e)}'s chart note would name ${[...new Set(e.leaks.flatMap((l) => l.others))].join(', ')}.`)
      .join('\n');
    const choice = await vscode.window.showWarningMessage(
      `${leaking.length} of ${exports.length} member chart notes would still identify other members: ${leaking.map(label).join(', ')}. Fix the note first.`,
      { modal: true, detail },
      review,
      anyway,
    );
    if (choice === review) await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== anyway) return;
  }
  const target = await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, openLabel: 'Export member notes here' });
  if (!target?.[0]) return;
  for (const e of exports) {
    const uri = vscode.Uri.joinPath(target[0], e.fileName);
    // never overwrite: a chart note already there may hold edits
    try {
      await vscode.workspace.fs.stat(uri);
      void vscode.window.showWarningMessage(`${e.fileName} already exists; not overwritten.`);
      continue;
    } catch {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(e.text, 'utf8'));
    }
  }
  void vscode.window.showInformationMessage(`Exported ${exports.length} member notes.`);
}

/** Checks every note of the folder again (from disk; open notes from the editor) and shows the Problems panel. */
async function checkFolder(): Promise<void> {
  const totals = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'groupnote-lint: checking the folder' }, () =>
    client!.sendRequest<Totals | null>('workspace/executeCommand', { command: 'groupnoteLint.server.checkFolder', arguments: [] }),
  );
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (totals) vscode.window.setStatusBarMessage(`groupnote-lint: ${totals.error} errors, ${totals.warning} warnings, ${totals.info} info in the folder`, 10_000);
}

/** The reviewer's summary of the folder (per rule, per member, revenue at risk), rendered. */
async function showSummary(): Promise<void> {
  const answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'groupnote-lint: summarising the folder' }, () =>
    client!.sendRequest<{ markdown: string } | null>('workspace/executeCommand', { command: 'groupnoteLint.server.summary', arguments: [] }),
  );
  if (!answer) return;
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: answer.markdown });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
}

/** The folder's HTML report (as `groupnote-lint --report` writes it) in an editor tab; nothing is written to disk. */
async function openReport(): Promise<void> {
  const page = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'groupnote-lint: building the report' }, () =>
    client!.sendRequest<string | null>('workspace/executeCommand', { command: 'groupnoteLint.server.htmlReport', arguments: [] }),
  );
  if (!page) return;
  // no scripts: the report has none, and its own Content-Security-Policy forbids every fetch
  const panel = vscode.window.createWebviewPanel('groupnoteLint.report', 'groupnote-lint report', vscode.ViewColumn.Active, { enableScripts: false });
  panel.webview.html = page;
}

// A task that runs the command-line linter over a workspace folder, its output read by the
// $groupnote-lint problem matcher (file:line:column severity rule-id message). It runs the
// project's own groupnote-lint (npx), as a CI job would.
const TASK_TYPE = 'groupnote-lint';
interface CheckTaskDefinition extends vscode.TaskDefinition {
  /** folder or files to check, relative to the workspace folder */
  paths?: string[];
}

function checkTask(definition: CheckTaskDefinition, scope: vscode.Task['scope']): vscode.Task {
  const paths = definition.paths?.length ? definition.paths : ['.'];
  const folder = typeof scope === 'object' ? scope : undefined;
  const task = new vscode.Task(definition, folder ?? vscode.TaskScope.Workspace, 'check folder', 'groupnote-lint', new vscode.ShellExecution('npx', ['--no-install', 'groupnote-lint', ...paths], { cwd: folder?.uri.fsPath }), '$groupnote-lint');
  task.group = vscode.TaskGroup.Test;
  return task;
}

function folderTasks(): vscode.Task[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => checkTask({ type: TASK_TYPE }, folder));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
