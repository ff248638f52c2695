// Editor features on top of the findings: quick fixes and "fix all" (code actions), hovers,
// completion of plan goals, go to definition of a goal, code lenses, and the commands the client
// runs (export, templates, the folder summary and report, checking the folder again). The
// handlers are registered in server.ts; nothing here is logged but a failed command's kind.

import {
  CodeActionKind,
  CompletionItemKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type CodeLens,
  type CodeLensParams,
  type CompletionItem,
  type CompletionParams,
  type DefinitionParams,
  type ExecuteCommandParams,
  type Hover,
  type HoverParams,
  type Location,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { memberLabel, RULES } from '../../engine/index.js';
import { fixAll, fixesFor, type TextEdit as EngineEdit } from '../../engine/editor/fixes.js';
import { WORKSPACE_RULES } from '../../engine/rules/cross-note.js';
import { configFiles, connection, documents, packageRoot, plans, state, workspace } from './context.js';
import { lint, recheckEverything } from './diagnostics.js';
import { goalCompletions, goalReferenceAt, hoverAt, lensesFor } from './presentation.js';
import { runCommand } from './commands.js';
import { folderSummary, htmlReport, summaryMarkdown, type NoteFindings } from './summary.js';

/** The kind of "fix all" for this linter: editors run it from `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.groupnote-lint`;

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

export function codeActions(params: CodeActionParams): CodeAction[] {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      // (a client that fills in the source itself may send ours back without one)
      if (diagnostic.source !== 'groupnote-lint' && !(state.clientFillsRuleLinks && diagnostic.source === undefined)) continue;
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      const finding = result.findings.find((f) => f.ruleId === diagnostic.code && f.startOffset === start && f.endOffset === end);
      if (!finding) continue;
      for (const fix of fixesFor(result, finding, fixContext)) {
        // one edit with tab stops, for clients that take snippets (the cursor goes where the text is written)
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.preferred, edit: versionedEdit(document, fix.edits, state.snippetEdits && fix.edits.length === 1) });
      }
    }
  }
  // Fix all: only when asked for by kind (on save, or "Fix All" in the menu), never offered with the quick fixes.
  if (only && wanted(only, FIX_ALL_KIND)) {
    const edits = fixAll(result, fixContext);
    if (edits.length > 0) actions.push({ title: 'groupnote-lint: fix all safe problems (field skeletons, diagnoses from plans)', kind: FIX_ALL_KIND, edit: versionedEdit(document, edits, false) });
  }
  return actions;
}

export function hover(params: HoverParams): Hover | null {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return null;
  return hoverAt(result, document.offsetAt(params.position), plans, (o) => document.positionAt(o));
}

// Completion offers the member's own plan goals inside their section.
export function completion(params: CompletionParams): CompletionItem[] {
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
}

// Go to definition on "Goal 1.2" opens the member's treatment plan at that goal.
export function definition(params: DefinitionParams): Location | null {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return null;
  const at = goalReferenceAt(result, document.offsetAt(params.position));
  const plan = at && plans.planOf(at.memberKey);
  const goal = plan?.goals.find((g) => g.ref === at!.ref);
  if (!plan || !goal) return null;
  return { uri: pathToFileURL(plan.path).toString(), range: { start: { line: goal.line, character: 0 }, end: { line: goal.line, character: 0 } } };
}

export function codeLenses(params: CodeLensParams): CodeLens[] {
  const document = documents.get(params.textDocument.uri);
  const result = document && lint(document);
  if (!document || !result?.isGroupNote) return [];
  const crossNote = document.uri.startsWith('file:') && workspace.isScanned ? workspace.crossNoteFor(fileURLToPath(document.uri), { current: false }) : [];
  return lensesFor(result, (o) => document.positionAt(o), crossNote);
}

export const WORKSPACE_COMMANDS = ['groupnoteLint.server.summary', 'groupnoteLint.server.checkFolder', 'groupnoteLint.server.htmlReport'] as const;

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

export async function executeCommand(params: ExecuteCommandParams): Promise<unknown> {
  try {
    if (params.command === 'groupnoteLint.server.summary') {
      // -> the folder's totals per rule and per member, and the same as a Markdown page
      await indexedWorkspace();
      const folder = state.workspaceFolders[0] ?? '';
      const summary = folderSummary(folder, allFindings());
      return { summary, markdown: summaryMarkdown(folder, summary) };
    }
    if (params.command === 'groupnoteLint.server.htmlReport') {
      // -> the HTML report of the folder, as `groupnote-lint --report file.html` writes it
      await indexedWorkspace();
      return htmlReport(state.workspaceFolders[0] ?? '', allFindings(), [...RULES, ...WORKSPACE_RULES], pathToFileURL(`${packageRoot}/`).toString());
    }
    if (params.command === 'groupnoteLint.server.checkFolder') {
      // -> every note checked again from disk (open ones from the editor), then the totals
      configFiles.clear();
      await recheckEverything();
      return folderSummary(state.workspaceFolders[0] ?? '', allFindings()).totals;
    }
    return runCommand(params.command, params.arguments ?? [], { documents, lint, memberLabel });
  } catch (error) {
    connection.console.error(`groupnote-lint: command ${params.command} failed (${error instanceof Error ? error.name : 'error'})`);
    return null;
  }
}
