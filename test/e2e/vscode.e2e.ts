// VS Code end to end: the packaged .vsix installed into code-server (real VS Code 1.100, from the
// npm registry, installed by scripts/e2e-setup.mjs), driven in Debian's headless Chromium by
// playwright-core, with workspace trust on: the copy of samples/ it opens is untrusted, so the
// window is in Restricted Mode, where VS Code runs only extensions that declare
// capabilities.untrustedWorkspaces. It opens a deficient note, reads the Problems panel, applies
// the "a peer" quick fix and saves. Screenshots go to test-output/.
// Every wait is on a DOM selector (or the saved file), never a fixed sleep.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySamples, e2eEnv, expectedRuleIds, outputDir, sampleRelative, vsixPath } from './paths.js';

const work = mkdtempSync(join(tmpdir(), 'groupnote-vscode-'));
const userDataDir = join(work, 'user-data');
const extensionsDir = join(work, 'extensions');
const workspace = join(work, 'samples');
const notePath = join(workspace, sampleRelative);
const noteName = sampleRelative.split('/').pop()!;
const xdg = {
  XDG_CONFIG_HOME: join(work, 'xdg', 'config'),
  XDG_DATA_HOME: join(work, 'xdg', 'data'),
  XDG_CACHE_HOME: join(work, 'xdg', 'cache'),
  XDG_STATE_HOME: join(work, 'xdg', 'state'),
  XDG_RUNTIME_DIR: join(work, 'xdg', 'runtime'),
};
const env = { ...process.env, ...xdg };

let server: ChildProcess | undefined;
let serverOutput = '';
let browser: Browser | undefined;
let page: Page;
let baseUrl = '';
/** ms: setup steps from the start of beforeAll, the rest from the page load */
const timings: Record<string, number> = {};

/** Ends code-server and everything it started (extension host, language server): its process group. */
function stopServer(signal: NodeJS.Signals): void {
  if (!server?.pid) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}
const onExit = () => stopServer('SIGKILL');

function startCodeServer(entry: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // detached: the child calls setsid(), so it leads a new process group we can end as a whole
    server = spawn(
      process.execPath,
      [
        entry,
        '--bind-addr', '127.0.0.1:0',
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        '--ignore-last-opened',
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
      ],
      { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    process.on('exit', onExit);
    const guard = setTimeout(() => reject(new Error(`code-server did not start:\n${serverOutput.slice(-4000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      serverOutput += chunk.toString();
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(serverOutput);
      if (match) {
        clearTimeout(guard);
        resolve(match[1]);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`code-server exited (${code}) before listening:\n${serverOutput.slice(-4000)}`));
    });
  });
}

beforeAll(async () => {
  const setupStart = Date.now();
  const { codeServerEntry, chromium: chromiumPath } = e2eEnv();
  for (const dir of Object.values(xdg)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  copySamples(workspace);
  // quiet, deterministic user settings: no welcome page, tips, update or telemetry traffic
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'workbench.enableExperiments': false,
        // trust stays on (the default); the folder opens untrusted, in Restricted Mode, without
        // the startup dialog (a reviewer who opens a folder of notes someone sent them)
        'security.workspace.trust.enabled': true,
        'security.workspace.trust.startupPrompt': 'never',
        'security.workspace.trust.banner': 'always',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'git.enabled': false,
        'chat.commandCenter.enabled': false,
        'editor.minimap.enabled': false,
        'editor.stickyScroll.enabled': false,
        'window.commandCenter': false,
      },
      null,
      2,
    ),
  );

  const installed = execFileSync(process.execPath, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  expect(installed).toMatch(/groupnote-lint.*successfully installed/);
  timings.installExtension = Date.now() - setupStart;

  baseUrl = await startCodeServer(codeServerEntry);
  timings.codeServerListening = Date.now() - setupStart;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    env, // its crash-report folder goes under XDG_CONFIG_HOME too
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // upper bounds for a loaded 2-core machine; every wait returns as soon as its selector matches
  page.setDefaultTimeout(90_000);
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise<void>((resolve) => server!.once('exit', () => resolve()));
    stopServer('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
  }
  // whatever in the group outlived SIGTERM (a language server, a pty host)
  stopServer('SIGKILL');
  process.off('exit', onExit);
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

describe('VS Code (code-server) with the packaged extension', () => {
  it('in an untrusted folder (Restricted Mode), lists the note\'s problems, applies the "a peer" quick fix and saves', async () => {
    try {
      await run();
    } catch (error) {
      mkdirSync(outputDir, { recursive: true });
      await page.screenshot({ path: join(outputDir, 'vscode-failure.png') }).catch(() => undefined);
      throw error;
    }
  });
});

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
  const filter = page.locator('.viewpane-filter input');
  await filter.waitFor();
  const pattern = `**/${noteName}`;
  await filter.fill(pattern);
  // maximized while read: the list is virtual and renders only the rows that fit
  await setPanelMaximized(true);
  // The filter can come back empty while the panel is still settling (seen once in CI: the whole
  // workspace's problems listed): type it again until it holds.
  await expect
    .poll(
      async () => {
        if ((await filter.inputValue()) !== pattern) await filter.fill(pattern);
        return filter.inputValue();
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(pattern);
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
