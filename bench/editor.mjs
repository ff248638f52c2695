#!/usr/bin/env node
// The editor benchmark: what a clinician feels in VS Code, measured in the real editor.
//
// For each folder size it writes a folder of generated notes (bench/generate.mjs) to a temporary
// folder, starts code-server with the packaged .vsix installed (the same set-up as the VS Code
// end-to-end test: test/e2e/code-server.mjs), opens the folder in headless Chromium (Playwright)
// and measures:
//
// - first findings: from the page load to the first error count in the status bar (no note open:
//   the extension activates on the folder and the findings come from workspace diagnostics);
// - keystroke echo while the folder is indexed: from a key press (the event's own time stamp, so
//   a busy page cannot hide its wait) to the character in the editor's DOM;
// - squiggle latency: another roster member's first name typed at the end of a line of a member's
//   section; from the last keystroke to the error decoration under the name, minus debounceMs;
// - memory: VmHWM / VmRSS of the language server and of the extension host (/proc), and the
//   extension host's growth over the same window on a folder of 20 notes.
//
// A benchmark, not a test: nothing here passes or fails on a time. Note text is never printed.
//
//   npm run bench:editor                          # 1,000 and 10,000 notes: 6 to 15 minutes
//   npm run bench:editor -- --notes 1000 --squiggles 12 --echoes 30
//   npm run bench:editor -- --smoke               # 20 notes, 2 samples each: checks the script
//   npm run bench:editor -- --json figures.json   # also every sample as JSON
//
// It packages the extension first (npm run package) unless --vsix <file> is given, and needs
// code-server and Chromium: `node scripts/e2e-setup.mjs` (run by npm run test:e2e) installs them.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CodeServer, e2eEnv, memoryOf, repoRoot } from '../test/e2e/code-server.mjs';
import { generateNotes, writeCorpus } from './generate.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes('--smoke');
const sizes = (opt('--notes', smoke ? '20' : '1000,10000')).split(',').map(Number);
const squiggleSamples = Number(opt('--squiggles', smoke ? 2 : 12));
const echoSamples = Number(opt('--echoes', smoke ? 5 : 30));
const debounceMs = Number(opt('--debounce', 200));
const seed = Number(opt('--seed', 8));
const jsonOut = opt('--json', null);
const keep = args.includes('--keep');
/**
 * --profile <folder>: CPU profiles of the page (the workbench) and of the extension host while the
 * echo samples are taken, and a heap snapshot of the extension host once the folder is indexed,
 * one file each per folder size (for finding where the time and memory go; the figures of a
 * profiled run are not comparable with the others). The extension host is reached through its
 * inspector (SIGUSR1, port 9229, which must be free); run node with --experimental-websocket.
 */
const profileDir = opt('--profile', null);
const baselineNotes = 20;
/** a squiggle that has not come by then counts as missing */
const squiggleTimeoutMs = smoke ? 15_000 : 60_000;

const log = (message) => console.error(`[bench:editor] ${message}`);
const round = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n) ? null : Number(n.toFixed(digits)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function quantile(values, q) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  // nearest rank: the smallest value with at least q of the samples at or below it
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const stats = (values) => ({ n: values.length, median: round(quantile(values, 0.5), 1), p95: round(quantile(values, 0.95), 1), max: round(values.length ? Math.max(...values) : null, 1) });

// --- the extension -----------------------------------------------------------------------------
const work = mkdtempSync(join(tmpdir(), 'groupnote-bench-editor-'));
// interrupted: the generated notes go too (code-server's process group is ended by its own exit handler)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    if (!keep) rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}
let vsix = opt('--vsix', null);
if (!vsix) {
  vsix = join(work, 'groupnote-lint.vsix');
  log('packaging the extension (npm run package)');
  const result = spawnSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}
const { chromium: chromiumPath } = e2eEnv();
// the engine, to choose edits it reports (built by npm run package, or by npm run build)
const { lint } = await import(join(repoRoot, 'dist', 'lib', 'index.js'));

// --- the notes ---------------------------------------------------------------------------------
/** The group notes of a generated folder that have a member section to type into, with a name to leak. */
function leakTargets(notes, count) {
  const files = [...generateNotes({ seed, notes })].filter((f) => !/\/(plans|individual)\//.test(f.path));
  // spread over the folder: every step-th note, then the ones after those, until there are enough
  const step = Math.max(1, Math.floor(files.length / Math.max(1, count)));
  const targets = [];
  for (let offset = 0; offset < step && targets.length < count; offset++) {
    for (let i = offset; i < files.length && targets.length < count; i += step) {
      const target = leakTarget(files[i]);
      if (target) targets.push(target);
    }
  }
  if (targets.length < count) throw new Error(`only ${targets.length} of ${count} notes have a place to type a leaked name`);
  return targets;
}

/**
 * Where to type in one note: the end of the first line of the second member section's first
 * field (the engine reads the roster and sections, whatever the note's layout), and the words to
 * type there: another roster member's first name. Kept only when the engine reports that name
 * there (other-member-identifier), so every sample waits for a squiggle that will come.
 */
function leakTarget(file) {
  const { note } = lint(file.text);
  const firstName = (m) => m.name?.split(' ')[0] ?? '';
  const firstNames = note.roster.map(firstName);
  for (const section of note.sections.slice(1)) {
    const others = note.roster.filter((m) => m !== section.member && m.name && firstNames.filter((f) => f === firstName(m)).length === 1 && !section.member.name?.includes(firstName(m)));
    const field = section.fields.find((f) => f.content.end > f.content.start);
    if (!others.length || !field) continue;
    // the end of the field's first line
    const lineEnd = file.text.indexOf('\n', field.content.start);
    const at = lineEnd < 0 ? file.text.length : lineEnd;
    for (const other of others.slice(0, 3)) {
      const typed = ` with ${firstName(other)}.`;
      const edited = file.text.slice(0, at) + typed + file.text.slice(at);
      if (lint(edited).findings.some((f) => f.ruleId === 'other-member-identifier' && f.severity === 'error' && f.startOffset >= at && f.endOffset <= at + typed.length)) {
        const lineStart = file.text.lastIndexOf('\n', at - 1) + 1;
        return { path: file.path, line: file.text.slice(0, at).split('\n').length, column: at - lineStart + 1, typed };
      }
    }
  }
  return null;
}

// --- in the page -------------------------------------------------------------------------------
// Installed before the workbench loads: records the first time the status bar counts an error,
// and the time stamp of every key press (event.timeStamp: when the input arrived, not when the
// page got round to it).
function pageProbe() {
  const state = { firstErrors: null, workbench: null, lastKey: null, keys: 0 };
  window.__bench = state;
  document.addEventListener(
    'keydown',
    (e) => {
      state.lastKey = e.timeStamp;
      state.keys++;
    },
    true,
  );
  const poll = setInterval(() => {
    if (state.workbench === null && document.querySelector('.explorer-folders-view .monaco-list-row')) state.workbench = performance.now();
    const item = document.querySelector('[id="status.problems"]');
    const label = item?.getAttribute('aria-label') ?? item?.textContent ?? '';
    const errors = /Errors?:\s*([\d,]+)/i.exec(label)?.[1] ?? /(\d[\d,K+]*)/.exec(item?.textContent ?? '')?.[1];
    if (state.firstErrors === null && errors && errors !== '0') {
      state.firstErrors = performance.now();
      clearInterval(poll);
    }
  }, 10);
}

/** Sets window.__probe, in the page, to a promise of the ms from the key press to a line reading `text` in the editor. */
function echoProbe([text, timeoutMs]) {
  window.__probe = new Promise((resolve) => {
    setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, timeoutMs);
    const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
    const pressed = () => window.__bench.lastKey;
    const keysBefore = window.__bench.keys;
    const done = () => {
      if (window.__bench.keys === keysBefore) return false;
      for (const line of lines.querySelectorAll('.view-line')) {
        if (line.textContent === text) {
          observer.disconnect();
          resolve(performance.now() - pressed());
          return true;
        }
      }
      return false;
    };
    const observer = new MutationObserver(done);
    observer.observe(lines, { subtree: true, childList: true, characterData: true });
  });
}

/**
 * In the page: waits for an error squiggle that ends just left of the cursor, on the cursor's
 * (visual) line: under the name typed last (only its full stop lies between). window.__probe
 * resolves with the ms from the last key press to that squiggle in the DOM.
 */
function squiggleProbe(timeoutMs) {
  window.__probe = new Promise((resolve) => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const cursor = () => editor.querySelector('.cursors-layer .cursor');
    const check = () => {
      const top = cursor()?.style.top;
      const left = parseFloat(cursor()?.style.left);
      for (const line of editor.querySelectorAll('.view-overlays > div')) {
        if (line.style.top !== top) continue;
        for (const s of line.querySelectorAll('.squiggly-error')) {
          const gap = left - (parseFloat(s.style.left) + parseFloat(s.style.width));
          if (gap >= -2 && gap <= 30) {
            finish(performance.now() - window.__bench.lastKey);
            return;
          }
        }
      }
    };
    const observer = new MutationObserver(check);
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(value) {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    }
    observer.observe(editor, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'class'] });
  });
}

// --- the extension host's inspector (--profile) -------------------------------------------------
/** Opens the inspector of a Node process (SIGUSR1) and returns a Chrome DevTools Protocol session over its WebSocket. */
async function inspectNode(pid) {
  process.kill(pid, 'SIGUSR1');
  let target;
  for (let i = 0; i < 50 && !target; i++) {
    await sleep(200);
    const list = await fetch('http://127.0.0.1:9229/json/list').then((r) => r.json()).catch(() => []);
    // the port may belong to another process: only this one's inspector is used
    target = list.find((t) => /extensionHost|bootstrap-fork|server-main|code-server/.test(`${t.title} ${t.url}`));
  }
  if (!target) throw new Error('the extension host did not open its inspector on port 9229');
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)));
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.id) pending.get(message.id)?.(message);
    else listeners.get(message.method)?.(message.params);
  };
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result)));
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { send, on: (method, listener) => listeners.set(method, listener), close: () => socket.close() };
}

/**
 * The extension host's RSS after two full garbage collections (through its inspector), in MB:
 * what it holds, without the garbage its collector has not got round to (RSS at a given moment
 * varied by 70 MB between runs of the same build). null when the inspector cannot be reached.
 */
async function rssAfterFullGc(pid) {
  if (typeof WebSocket !== 'function') return null;
  try {
    const session = await inspectNode(pid);
    await session.send('HeapProfiler.collectGarbage');
    await sleep(500);
    await session.send('HeapProfiler.collectGarbage');
    // what the JavaScript heap holds after them (live objects: steadier than RSS between runs)
    const heap = await session.send('Runtime.getHeapUsage').catch(() => null);
    // and what Node counts outside that heap: array buffers and other external memory
    const usage = await session
      .send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })
      .then((r) => JSON.parse(r.result.value))
      .catch(() => null);
    session.close();
    await sleep(2000);
    const mb = (bytes) => round(bytes / 1048576, 1);
    lastHeapAfterGc = heap ? { usedMb: mb(heap.usedSize), totalMb: mb(heap.totalSize), ...(usage ? { externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) } : {}) } : null;
    return round(memoryOf(pid)?.rssMb ?? null);
  } catch (error) {
    log(`no RSS after a full GC: ${error.message}`);
    lastHeapAfterGc = null;
    return null;
  }
}
/** the extension host's JavaScript heap (used and committed, MB) after the last rssAfterFullGc */
let lastHeapAfterGc = null;

/** Writes a heap snapshot of the process behind an inspector session to `file`. */
async function heapSnapshot(session, file) {
  const chunks = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', (p) => chunks.push(p.chunk));
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  writeFileSync(file, chunks.join(''));
}

// --- one folder --------------------------------------------------------------------------------
const serverMatch = (p) => p.cmdline.some((a) => a.endsWith(join('dist', 'server.js'))) && p.cmdline.some((a) => a.includes('groupnote-lint'));
const extensionHostMatch = (p) => p.cmdline.some((a) => a.includes('extensionHost'));

/** Runs the scenarios on a folder of `notes` notes; returns the figures. */
async function runFolder(notes, { measureEditing }) {
  const dir = join(work, `run-${notes}`);
  const folder = join(dir, 'notes');
  log(`${notes} notes: generating`);
  const manifest = writeCorpus(folder, { seed, notes });
  const settings = {
    'security.workspace.trust.enabled': false,
    'groupnoteLint.debounceMs': debounceMs,
    // the benchmark measures the editor, not the file watcher of a folder it writes
    'files.watcherExclude': { '**/manifest.json': true },
  };
  const server = new CodeServer(join(dir, 'code-server'), settings);
  server.installExtension(vsix);
  const baseUrl = await server.start();
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, env: server.env, args: CHROMIUM_ARGS });
  const result = { notes, files: manifest.files, load: [] };
  const memory = { server: { pid: null, rssMb: 0, hwmMb: 0 }, extensionHost: { pid: null, rssMb: 0, hwmMb: 0, firstRssMb: null } };
  const sampleMemory = () => {
    const processes = server.processes();
    for (const [key, match] of [['server', serverMatch], ['extensionHost', extensionHostMatch]]) {
      const proc = processes.find(match);
      if (!proc) continue;
      const m = memoryOf(proc.pid);
      if (!m) continue;
      const slot = memory[key];
      if (slot.pid !== proc.pid) Object.assign(slot, { pid: proc.pid, rssMb: 0, hwmMb: 0, firstRssMb: m.rssMb });
      slot.rssMb = m.rssMb;
      slot.peakRssMb = Math.max(slot.peakRssMb ?? 0, m.rssMb);
      slot.hwmMb = m.hwmMb;
    }
  };
  const memoryTimer = setInterval(sampleMemory, 500);
  const loadTimer = setInterval(() => result.load.push(loadavg()[0]), 5000);
  result.load.push(loadavg()[0]);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(180_000);
    await page.addInitScript(pageProbe);
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    await page.waitForFunction(() => window.__bench.firstErrors !== null, null, { timeout: 300_000, polling: 100 });
    const probe = await page.evaluate(() => window.__bench);
    result.pageLoadEpochMs = await page.evaluate(() => performance.timeOrigin);
    result.firstFindings = { fromPageLoadMs: round(probe.firstErrors), fromWorkbenchMs: round(probe.firstErrors - probe.workbench) };
    log(`${notes} notes: first findings ${result.firstFindings.fromPageLoadMs} ms after the page load (${result.firstFindings.fromWorkbenchMs} ms after the folder showed)`);
    if (!measureEditing) {
      await waitForIndexed(page);
      await sleep(3000);
      sampleMemory();
      result.memory = { end: snapshotMemory(memory), extensionHostAfterGcMb: await rssAfterFullGc(memory.extensionHost.pid), extensionHostHeapAfterGc: lastHeapAfterGc };
      return result;
    }

    // keystroke echo while the folder is indexed: a note open, a new line at its end
    const targets = leakTargets(notes, squiggleSamples + 1);
    await openFile(page, targets[0].path);
    await page.locator('.editor-instance .monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const echo = { indexing: [], after: [] };
    let typed = '';
    const indexing = async () => (await page.locator('.statusbar', { hasText: /indexing notes/i }).count()) > 0;
    const cdp = profileDir ? await page.context().newCDPSession(page) : null;
    const host = profileDir ? await inspectNode(server.processes().find(extensionHostMatch).pid) : null;
    for (const session of [cdp, host].filter(Boolean)) {
      await session.send('Profiler.enable');
      await session.send('Profiler.setSamplingInterval', { interval: 500 });
      await session.send('Profiler.start');
    }
    for (let i = 0; echo.indexing.length < echoSamples && i < echoSamples * 4; i++) {
      const busy = await indexing();
      if (!busy && echo.indexing.length + echo.after.length >= echoSamples) break;
      typed += 'x';
      // installed before the key is pressed (an evaluate and a key press can reach the page in either order)
      await page.evaluate(echoProbe, [typed, 30_000]);
      await page.keyboard.press('x');
      const ms = await page.evaluate(() => window.__probe);
      if (ms === null) {
        await page.screenshot({ path: join(repoRoot, 'test-output', 'bench-editor-echo.png') });
        throw new Error(`the typed text did not show within 30 s (${typed.length} keys)`);
      }
      (busy ? echo.indexing : echo.after).push(ms);
      await sleep(80 + Math.floor(Math.random() * 120));
    }
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      writeFileSync(join(profileDir, `echo-page-${notes}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
      writeFileSync(join(profileDir, `echo-extension-host-${notes}.cpuprofile`), JSON.stringify((await host.send('Profiler.stop')).profile));
      await cdp.detach();
    }
    result.echo = { whileIndexing: stats(echo.indexing), afterIndexing: stats(echo.after), samples: echo };
    log(`${notes} notes: keystroke echo while indexing ${JSON.stringify(result.echo.whileIndexing)}, after ${JSON.stringify(result.echo.afterIndexing)}`);
    await revertAndClose(page);

    await waitForIndexed(page);
    // what the workspace settles to before the edits: the status bar's counts stop changing
    await settle(page);
    sampleMemory();
    memory.afterIndexing = snapshotMemory(memory);
    if (host) {
      await heapSnapshot(host, join(profileDir, `extension-host-${notes}.heapsnapshot`));
      host.close();
    }

    // squiggle latency
    const squiggles = [];
    for (const target of targets.slice(1, squiggleSamples + 1)) {
      await openFile(page, target.path);
      await goTo(page, target.line, target.column);
      // the note's own findings arrive first
      await sleep(1500);
      await page.evaluate(squiggleProbe, squiggleTimeoutMs);
      await page.keyboard.type(target.typed, { delay: 60 });
      const ms = await page.evaluate(() => window.__probe);
      if (ms === null) await page.screenshot({ path: join(repoRoot, 'test-output', `bench-editor-squiggle-${notes}-${squiggles.length + 1}.png`) });
      squiggles.push(ms === null ? null : ms - debounceMs);
      log(`${notes} notes: squiggle ${squiggles.length}: ${ms === null ? `none within ${squiggleTimeoutMs / 1000} s` : `${round(ms)} ms after the last key (${round(ms - debounceMs)} after the debounce)`}`);
      await revertAndClose(page);
      await sleep(1000);
    }
    const measured = squiggles.filter((v) => v !== null);
    result.squiggle = { ...stats(measured), missing: squiggles.length - measured.length, samples: squiggles.map((v) => round(v, 1)) };
    log(`${notes} notes: squiggle after the debounce ${JSON.stringify(stats(measured))}`);
    sampleMemory();
    result.memory = { afterIndexing: memory.afterIndexing, end: snapshotMemory(memory), extensionHostAfterGcMb: await rssAfterFullGc(memory.extensionHost.pid), extensionHostHeapAfterGc: lastHeapAfterGc };
    return result;
  } finally {
    clearInterval(memoryTimer);
    clearInterval(loadTimer);
    result.load.push(loadavg()[0]);
    result.loadAverage = { min: round(Math.min(...result.load), 2), max: round(Math.max(...result.load), 2) };
    delete result.load;
    await browser.close().catch(() => undefined);
    await server.stop();
    result.startup = startupFromLogs(server.userDataDir, result.pageLoadEpochMs);
    log(`${notes} notes: after the page load, the extension activated at ${result.startup.extensionActivating} ms, its server was ready at ${result.startup.serverReady} ms and had indexed the folder at ${result.startup.indexed} ms`);
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function snapshotMemory(memory) {
  const pick = (m) => ({ pid: m.pid, rssMb: round(m.rssMb), peakRssMb: round(m.peakRssMb), hwmMb: round(m.hwmMb), firstRssMb: round(m.firstRssMb) });
  return { server: pick(memory.server), extensionHost: pick(memory.extensionHost) };
}

/**
 * When the extension activated, the server said it was ready and finished indexing, from
 * code-server's logs (time stamps and counts only: these logs hold no note text), in ms after the
 * page load.
 */
function startupFromLogs(userDataDir, pageLoadEpochMs) {
  const found = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.log$/.test(entry.name)) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          const stamp = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
          if (!stamp) continue;
          const at = new Date(`${stamp[1]}T${stamp[2]}`).getTime() - pageLoadEpochMs;
          const events = [
            ['extensionActivating', /ExtensionService#_doActivateExtension groupnote-lint\.groupnote-lint/],
            ['serverReady', /groupnote-lint server ready/],
            ['indexed', /groupnote-lint: indexed \d+ notes/],
          ];
          for (const [name, pattern] of events) if (found[name] === undefined && pattern.test(line)) found[name] = at;
        }
      }
    }
  };
  try {
    walk(join(userDataDir, 'logs'));
  } catch {
    // no logs
  }
  return found;
}

/** Waits until no indexing progress is shown (checked twice, a second apart). */
async function waitForIndexed(page) {
  const deadline = Date.now() + 600_000;
  let quiet = 0;
  while (quiet < 2 && Date.now() < deadline) {
    quiet = (await page.locator('.statusbar', { hasText: /indexing notes/i }).count()) > 0 ? 0 : quiet + 1;
    await sleep(1000);
  }
}

/** Waits until the status bar's problem counts have not changed for 3 s. */
async function settle(page) {
  const deadline = Date.now() + 300_000;
  let last = '';
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < 3000) {
    const now = (await page.locator('[id="status.problems"]').getAttribute('aria-label').catch(() => '')) ?? '';
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    await sleep(250);
  }
}

/** Opens a file with Quick Open; tried again until its tab is active. */
async function openFile(page, relativePath) {
  const name = relativePath.split('/').pop();
  const input = page.locator('.quick-input-widget input');
  const tab = page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`);
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await input.isVisible())) await page.keyboard.press('Control+P');
      await input.fill(relativePath, { timeout: 10_000 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Enter');
      await tab.waitFor({ timeout: 30_000 });
      await page.locator('.editor-instance .monaco-editor .view-lines').waitFor();
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Puts the cursor at a line and column (1-based) with Go to Line (End would stop at a wrapped line's first row). */
async function goTo(page, line, column) {
  await page.locator('.editor-instance .monaco-editor .view-lines').click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) }).waitFor();
}

/** Reverts the active editor's changes and closes it (nothing is saved). */
async function revertAndClose(page) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>View: Revert and Close Editor');
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Revert and Close Editor' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

// --- run ---------------------------------------------------------------------------------------
const started = Date.now();
const figures = { startedAt: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length, debounceMs, seed, runs: [] };
try {
  // the extension host's size on a small folder: what the big folders' hosts grow from
  const baseline = await runFolder(baselineNotes, { measureEditing: smoke });
  figures.runs.push(baseline);
  if (!smoke) {
    for (const notes of sizes) figures.runs.push(await runFolder(notes, { measureEditing: true }));
  }
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
const base = figures.runs[0].memory.end;
for (const run of figures.runs) {
  const end = run.memory.end;
  run.extensionHostGrowthMb = round(end.extensionHost.rssMb - base.extensionHost.rssMb);
  const afterGc = figures.runs[0].memory.extensionHostAfterGcMb;
  run.extensionHostGrowthAfterGcMb = afterGc === null || run.memory.extensionHostAfterGcMb === null ? null : round(run.memory.extensionHostAfterGcMb - afterGc);
  const heapBase = figures.runs[0].memory.extensionHostHeapAfterGc;
  const heap = run.memory.extensionHostHeapAfterGc;
  run.extensionHostHeapGrowthAfterGcMb = heapBase && heap ? round(heap.usedMb - heapBase.usedMb, 1) : null;
}
figures.elapsedS = round((Date.now() - started) / 1000);
console.log(JSON.stringify(figures, (key, value) => (key === 'samples' && !args.includes('--samples') ? undefined : value), 2));
if (jsonOut) {
  mkdirSync(join(jsonOut, '..'), { recursive: true });
  writeFileSync(jsonOut, JSON.stringify(figures, null, 2));
}
