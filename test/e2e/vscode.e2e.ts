// VS Code end to end: the packaged .vsix installed into code-server (real VS Code 1.100, from the
// npm registry, installed by scripts/e2e-setup.mjs), driven in Debian's headless Chromium by
// playwright-core, with workspace trust on: the copy of samples/ it opens is untrusted, so the
// window is in Restricted Mode, where VS Code runs only extensions that declare
// capabilities.untrustedWorkspaces. It opens a deficient note, reads the Problems panel, applies
// the "a peer" quick fix and saves. Screenshots go to test-output/.
// Every wait is on a DOM selector (or the saved file), never a fixed sleep.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CodeServer } from './code-server.mjs';
import { copySamples, e2eEnv, expectedRuleIds, outputDir, sampleRelative, vsixPath } from './paths.js';

const work = mkdtempSync(join(tmpdir(), 'groupnote-vscode-'));
const workspace = join(work, 'samples');
const notePath = join(workspace, sampleRelative);
const noteName = sampleRelative.split('/').pop()!;

let codeServer: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let baseUrl = '';
/** ms: setup steps from the start of beforeAll, the rest from the page load */
const timings: Record<string, number> = {};

beforeAll(async () => {
  const setupStart = Date.now();
  const { chromium: chromiumPath } = e2eEnv();
  copySamples(workspace);
  codeServer = new CodeServer(work, {
    // trust stays on (the default); the folder opens untrusted, in Restricted Mode, without
    // the startup dialog (a reviewer who opens a folder of notes someone sent them)
    'security.workspace.trust.enabled': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
  });
  expect(codeServer.installExtension(vsixPath)).toMatch(/groupnote-lint.*successfully installed/);
  timings.installExtension = Date.now() - setupStart;

  baseUrl = await codeServer.start();
  timings.codeServerListening = Date.now() - setupStart;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env: codeServer.env, // its crash-report folder goes under XDG_CONFIG_HOME too
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // upper bounds for a loaded 2-core machine; every wait returns as soon as its selector matches
  page.setDefaultTimeout(90_000);
});

afterAll(async () => {
  await browser?.close();
  await codeServer?.stop();
  rmSync(work, { recursive: true, force: true });
  console.log(`[e2e] vscode timings: ${JSON.stringify(timings)}`);
});

/** The panel's "Maximize Panel Size" toggle (a checkbox in its title bar). */
async function setPanelMaximized(maximized: boolean): Promise<void> {
  // "Maximize Panel Size" when restored, "Restore Panel Size" when maximized
  const toggle = '.part.panel .global-actions .action-label[role="checkbox"][aria-label$=" Panel Size"]';
  if ((await page.locator(toggle).getAttribute('aria-checked')) !== String(maximized)) await page.locator(toggle).click();
  await page.locator(`${toggle}[aria-checked="${maximized}"]`).waitFor();
}

const problemsRows = () => page.locator('.markers-panel .monaco-list-row');
/** The rule ids shown in the Problems panel (its code column: "groupnote-lint(rule-id)"). */
async function problemCodes(): Promise<string[]> {
  const codes = await page.locator('.markers-panel .monaco-list-row .marker-code').allTextContents();
  return codes.map((c) => c.replace(/^.*\(|\)$/g, '').trim()).sort();
}

/** Runs a step; on failure a screenshot named after it goes to test-output/. */
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, `vscode-failure-${name}.png`) }).catch(() => undefined);
    throw error;
  }
}

describe('VS Code (code-server) with the packaged extension', () => {
  // in this order: each step starts where the one before left the editor
  const steps: [title: string, name: string, body: () => Promise<void>][] = [
    ['in an untrusted folder (Restricted Mode), lists the note\'s problems, applies the "a peer" quick fix and saves', 'quick-fix', run],
    ['a .groupnoterc.json change reaches a note that is not open', 'config', configReachesClosedNote],
    ['"Disable for this line" puts the comment on its own line above, with a reason to type', 'disable-comment', disableCommentAbove],
    ["the export dialog's default button exports nothing", 'export', exportDialogDefault],
    ['fix all runs on save when codeActionsOnSave asks for it', 'fix-all', fixAllOnSave],
    ["a rule link opens the rule's page rendered, and the folder summary opens rendered", 'rendered', renderedPages],
    ['activates when a folder of notes opens, before any note is opened', 'activation', activationOnFolder],
  ];
  for (const [title, name, body] of steps) it(title, () => step(name, body));
});

/**
 * Filters the Problems panel to one file. The filter can come back empty while the panel is still
 * settling (seen once in CI: the whole workspace's problems listed): it is typed again until it holds.
 */
async function filterProblems(fileName: string): Promise<void> {
  const filter = page.locator('.viewpane-filter input');
  await filter.waitFor();
  const pattern = `**/${fileName}`;
  await filter.fill(pattern);
  await expect
    .poll(
      async () => {
        if ((await filter.inputValue()) !== pattern) await filter.fill(pattern);
        return filter.inputValue();
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(pattern);
}

/** Runs a command from the command palette by its title. */
async function runCommand(title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Opens a file of the workspace with Quick Open. Tried again until its tab is active: a widget
 * that is closing (the Problems panel taking the focus after a dialog) can close Quick Open too.
 */
async function openFile(relativePath: string): Promise<void> {
  const name = relativePath.split('/').pop()!;
  const input = page.locator('.quick-input-widget input');
  const tab = page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`);
  await expect
    .poll(
      async () => {
        if (await tab.isVisible()) return true;
        try {
          if (!(await input.isVisible())) await page.keyboard.press('Control+P');
          await input.fill(relativePath, { timeout: 5000 });
          await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 5000 });
          await page.keyboard.press('Enter');
          await tab.waitFor({ timeout: 5000 });
          return true;
        } catch {
          return false;
        }
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(true);
}

/** Picks a code action from the open action widget (Ctrl+.) by its title. */
async function pickCodeAction(title: string): Promise<void> {
  const action = page.locator('.action-widget .monaco-list-row', { hasText: title });
  // the widget can close by itself when fresh diagnostics arrive just after it opened: open it again
  let box: { x: number; y: number; width: number; height: number } | null = null;
  for (let attempt = 1; !box; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await action.waitFor({ timeout: 30_000 });
      box = await action.boundingBox({ timeout: 5_000 });
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await page.locator('.context-view-pointerBlock').waitFor({ state: 'detached' });
  await action.click();
}

const closedNote = 'anxiety-group/2026-03-11-anxiety-skills.md';

async function configReachesClosedNote(): Promise<void> {
  // the Problems panel lists the findings of a note no editor has opened (workspace diagnostics)
  await filterProblems(closedNote.split('/').pop()!);
  await setPanelMaximized(true);
  await expect.poll(problemCodes, { timeout: 90_000, interval: 250 }).toEqual(expect.arrayContaining(['member-copy-paste', 'participation-missing']));
  writeFileSync(join(workspace, '.groupnoterc.json'), JSON.stringify({ rules: { 'member-copy-paste': 'off' } }));
  // the config file's change re-checks every note, this closed one too
  await expect.poll(problemCodes, { timeout: 90_000, interval: 250 }).not.toContain('member-copy-paste');
  expect(await problemCodes()).toContain('participation-missing');
  await page.screenshot({ path: join(outputDir, 'vscode-config-closed-note.png') });
  await setPanelMaximized(false);
}

async function disableCommentAbove(): Promise<void> {
  const before = readFileSync(notePath, 'utf8').split('\n');
  await filterProblems(noteName);
  // Kevin's heading (test/server.test.ts: response-missing@42:0); the list settles on this note's rows
  const line = 43;
  const row = problemsRows().filter({ has: page.locator('.marker-code', { hasText: 'response-missing' }) }).first();
  await expect.poll(async () => (await row.count()) > 0 && (await row.locator('.marker-line').textContent()), { timeout: 30_000, interval: 250 }).toMatch(new RegExp(`Ln ${line}, Col 1`));
  await row.dblclick();
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col \\d+ \\(21 selected\\)`) }).waitFor();
  // the editor showed the note already: the focus stays in the Problems panel, so move it to the editor
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
  await pickCodeAction('Disable response-missing for this line');
  // the comment is a snippet: "reason" is selected, typing replaces it
  await page.locator('.editor-instance .view-line', { hasText: 'groupnote-disable-next-line response-missing -- reason' }).waitFor();
  await page.keyboard.type('checked with the facilitator');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  const comment = '<!-- groupnote-disable-next-line response-missing -- checked with the facilitator -->';
  // on its own line, directly above the finding's line, which is unchanged
  await expect.poll(() => readFileSync(notePath, 'utf8').split('\n')[line - 1], { timeout: 30_000, interval: 250 }).toBe(comment);
  const after = readFileSync(notePath, 'utf8').split('\n');
  expect(after[line]).toBe(before[line - 1]);
  expect(after.length).toBe(before.length + 1);
  await page.screenshot({ path: join(outputDir, 'vscode-disable-comment.png') });
}

async function exportDialogDefault(): Promise<void> {
  await openFile(closedNote);
  await runCommand('groupnote-lint: Export Member Chart Notes');
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor();
  // it says whose chart notes would name whom
  await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toMatch(/Priya Natarajan's chart note would name [^.]*James O'Connor/);
  await page.screenshot({ path: join(outputDir, 'vscode-export-dialog.png') });
  // the focused (default) button is the one that exports nothing
  await expect.poll(() => page.evaluate<string>('document.activeElement ? document.activeElement.textContent : ""'), { timeout: 10_000 }).toBe('Review the Problems');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.markers-panel').waitFor();
  // no folder was asked for and nothing was written
  expect(await page.locator('.quick-input-widget:visible').count()).toBe(0);
  expect(readdirSync(join(workspace, 'anxiety-group')).filter((f) => /MRN-\d+\.md$/.test(f))).toEqual([]);
}

async function fixAllOnSave(): Promise<void> {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.groupnote-lint': 'explicit' } }));
  const path = join(workspace, closedNote);
  const responses = (text: string) => text.split('**Response:**').length - 1;
  const before = readFileSync(path, 'utf8');
  await openFile(closedNote);
  // an edit, then save: Samuel's section gets its missing fields on the way
  await page.locator('.editor-instance .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n');
  await expect
    .poll(
      async () => {
        await page.keyboard.press('Control+S');
        return responses(readFileSync(path, 'utf8'));
      },
      { timeout: 60_000, interval: 2000 },
    )
    .toBe(responses(before) + 1);
  const after = readFileSync(path, 'utf8');
  expect(after).toContain("Samuel Okafor");
  // nothing the clinician wrote is gone
  for (const line of before.split('\n').filter((l) => l.trim())) expect(after).toContain(line);
}

async function renderedPages(): Promise<void> {
  await filterProblems(noteName);
  // the rule id in the code column is a link (a.monaco-link around .marker-code)
  const code = problemsRows().locator('a.monaco-link', { has: page.locator('.marker-code', { hasText: 'treatment-plan-link-missing' }) }).first();
  await code.waitFor();
  await code.click();
  // the Markdown preview of the page, not the page as editable text
  await page.locator('.tabs-container .tab[aria-label*="Preview treatment-plan-link-missing.md"]').waitFor();
  expect(await page.locator('.tabs-container .tab[aria-label="treatment-plan-link-missing.md"]').count()).toBe(0);
  await page.screenshot({ path: join(outputDir, 'vscode-rule-page.png') });
  await runCommand('groupnote-lint: Show Folder Summary');
  await page.locator('.tabs-container .tab[aria-label*="Preview Untitled"]').waitFor();
  await page.screenshot({ path: join(outputDir, 'vscode-folder-summary.png') });
}

async function activationOnFolder(): Promise<void> {
  const fresh = join(work, 'fresh-notes');
  copySamples(fresh);
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(fresh)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iop-relapse-prevention' }).waitFor();
  // no editor is open: findings can only come from the extension activated by the folder
  expect(await page.locator('.tabs-container .tab').count()).toBe(0);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  await setPanelMaximized(true);
  await expect.poll(problemCodes, { timeout: 90_000, interval: 250 }).toEqual(expect.arrayContaining([...expectedRuleIds, 'member-copy-paste', 'same-day-individual-overlap']));
  await page.screenshot({ path: join(outputDir, 'vscode-folder-activation.png') });
  expect(await page.locator('.tabs-container .tab').count()).toBe(0);
}

async function run(): Promise<void> {
  const started = Date.now();
  await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`);
  await page.locator('.monaco-workbench').waitFor();
  // the explorer shows the opened folder
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iop-relapse-prevention' }).waitFor();
  // the folder is not trusted: VS Code says so in its banner and status bar
  await page.locator('.part.banner, .part.statusbar').getByText(/Restricted Mode/).first().waitFor();
  timings.workbench = Date.now() - started;

  // open the note from the explorer, as a user would
  const folderRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'iop-relapse-prevention' });
  if ((await folderRow.getAttribute('aria-expanded')) !== 'true') await folderRow.click();
  const noteRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: noteName });
  await noteRow.waitFor();
  await noteRow.dblclick();
  await page.locator(`.tabs-container .tab[aria-label*="${noteName}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').waitFor();
  timings.editor = Date.now() - started;

  // the Problems panel, filtered to this note (the server also reports the rest of the
  // workspace), lists the expected rule ids, all from groupnote-lint
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor();
  await filterProblems(noteName);
  // maximized while read: the list is virtual and renders only the rows that fit
  await setPanelMaximized(true);
  await expect.poll(problemCodes, { timeout: 90_000, interval: 200 }).toEqual(expect.arrayContaining(expectedRuleIds));
  timings.problems = Date.now() - started;
  // the filtered list settles on this note's problems: one leak of another member's name
  await expect.poll(async () => (await problemCodes()).filter((c) => c === 'other-member-identifier').length, { timeout: 30_000, interval: 200 }).toBe(1);
  const codes = await problemCodes();
  const sources = await page.locator('.markers-panel .monaco-list-row .marker-source').allTextContents();
  expect(sources.length).toBe(codes.length);
  for (const s of sources) expect(s).toContain('groupnote-lint');

  // go to the finding on "Teresa" in Daniel's section (line 52, column 50)
  const leakRow = problemsRows().filter({ has: page.locator('.marker-code', { hasText: 'other-member-identifier' }) });
  expect(await leakRow.count()).toBe(1);
  expect(await leakRow.locator('.marker-line').textContent()).toMatch(/\[Ln 52, Col 50\]/);
  // a double click opens the finding in the editor with its range ("Teresa", 6 characters) selected
  await setPanelMaximized(false);
  await leakRow.dblclick();
  await page.locator('.statusbar-item', { hasText: /Ln 52, Col \d+ \(6 selected\)/ }).waitFor();
  await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor();
  // no tooltip of the Problems row over the screenshot
  await page.mouse.move(150, 600);
  await page.locator('.workbench-hover').first().waitFor({ state: 'hidden' });
  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: join(outputDir, 'vscode-problems.png') });

  // quick fix
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Replace with "a peer"' });
  await fix.waitFor();
  // the widget lays a pointer block over the page until the mouse moves over it
  const box = (await fix.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
  await page.locator('.context-view-pointerBlock').waitFor({ state: 'detached' });
  await fix.click();
  await page.locator('.editor-instance .view-line', { hasText: 'He gave a peer credit for being honest' }).waitFor();
  await setPanelMaximized(true);
  await expect.poll(problemCodes, { timeout: 90_000, interval: 200 }).not.toContain('other-member-identifier');
  const after = await problemCodes();
  expect(after).toEqual(expect.arrayContaining(['response-missing', 'treatment-plan-link-missing']));
  expect(after.length).toBeGreaterThanOrEqual(codes.length - 1);
  await setPanelMaximized(false);

  // save, and the file on disk has the fix
  await page.keyboard.press('Control+S');
  await page.locator(`.tabs-container .tab[aria-label*="${noteName}"]:not(.dirty)`).waitFor();
  await expect.poll(() => readFileSync(notePath, 'utf8').split('\n')[51], { timeout: 10_000 }).toContain('He gave a peer credit for being honest');
  expect(readFileSync(notePath, 'utf8').split('\n')[51]).not.toContain('Teresa');
  await page.screenshot({ path: join(outputDir, 'vscode-after-quick-fix.png') });
  timings.done = Date.now() - started;
}
