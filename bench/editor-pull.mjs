// The language server driven as VS Code's language client drives it, without the editor: the same
// initialize (workspace folder also as rootUri, rule links through a command, pull diagnostics),
// then workspace/diagnostic with a partial-result token, pulled again 2 s after each answer (as
// vscode-languageclient does; a pull with nothing changed is held open up to 60 s). Prints the
// time to the first partial result and to "indexed", the file reports and diagnostics sent (and
// how many times each note was sent), the MB of JSON, and the server's RSS and VmHWM. For finding
// where the editor benchmark's server figures come from (docs/performance.md); a benchmark, not a test.
//
//   node bench/editor-pull.mjs --notes 10000 [--pulls 1] [--dir <folder of notes>]
//   node bench/editor-pull.mjs --notes 10000 --pulls 1 --snapshot [--snapshot-dir <folder>]  # heap snapshot at the end
//
// Without --dir it writes the generated notes (bench/generate.mjs, seed 8) to a temporary folder
// and removes it afterwards. Run `npm run build` first.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lsp.mjs';
import { writeCorpus } from './generate.mjs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (n, f) => { const i = args.indexOf(n); return i >= 0 ? args[i + 1] : f; };
const notes = Number(opt('--notes', 10000));
const given = opt('--dir', null);
const dir = given ?? mkdtempSync(join(tmpdir(), 'groupnote-bench-pull-'));
const server = opt('--server', join(root, 'dist', 'server.js'));
const snap = args.includes('--snapshot');
if (!existsSync(join(dir, 'manifest.json'))) writeCorpus(dir, { seed: 8, notes });
const flags = JSON.parse(readFileSync(join(root, 'server', 'node-flags.json'), 'utf8'));
const client = new LspClient(server, { execArgv: [...flags, ...(snap ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${opt('--snapshot-dir', tmpdir())}`] : [])] });
const mem = () => { const s = readFileSync(`/proc/${client.pid}/status`, 'utf8'); const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)[1]); return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) }; };
let indexed = null;
let bytes = 0, diags = 0, fullFiles = 0, msgs = 0;
client.onNotification = (m) => {
  if (m.method === 'window/logMessage' && /indexed \d+ notes/.test(m.params?.message ?? '')) indexed = performance.now();
  if (m.method === '$/progress' && m.params?.value?.items) { msgs++; bytes += JSON.stringify(m.params).length; for (const it of m.params.value.items) if (it.kind === 'full') { fullFiles++; diags += it.items.length; perUri.set(it.uri, (perUri.get(it.uri) ?? 0) + 1); } }
};
let refreshes = 0; const perUri = new Map();
client.handlers['workspace/configuration'] = (params) => params.items.map(() => ({ debounceMs: 200 }));
client.handlers['window/workDoneProgress/create'] = () => null;
client.handlers['client/registerCapability'] = () => null;
client.handlers['workspace/diagnostic/refresh'] = () => { refreshes++; return null; };
const folderUri = pathToFileURL(dir).toString();
const t0 = performance.now();
await client.request('initialize', { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: 'notes' }],
  initializationOptions: { ruleDocCommand: 'groupnoteLint.openRuleDoc' },
  capabilities: { workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: true } }, window: { workDoneProgress: true },
    textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true }, diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false } } } });
client.notify('initialized', {});
const ids = new Map();
let first = null;
const pulls = [];
const hwmTimer = setInterval(() => { try { peak = Math.max(peak, mem().rss); } catch {} }, 200);
let peak = 0;
for (let round = 0; round < Number(opt('--pulls', 3)); round++) {
  const token = `p${round}`;
  const prevOn = client.onNotification;
  const t = performance.now();
  let f = 0;
  client.onNotification = (m) => { if (m.method === '$/progress' && m.params?.token === token) { if (first === null) first = performance.now() - t0; for (const it of m.params.value.items) { ids.set(it.uri, it.resultId); if (it.kind === 'full') f++; } } prevOn(m); };
  const res = await client.request('workspace/diagnostic', { previousResultIds: [...ids].map(([uri, value]) => ({ uri, value })), partialResultToken: token });
  client.onNotification = prevOn;
  pulls.push({ ms: Math.round(performance.now() - t), full: f, mem: mem() });
  await new Promise((r) => setTimeout(r, 2000));
}
clearInterval(hwmTimer);
const m = mem();
console.log(JSON.stringify({ notes, firstPartialMs: Math.round(first), indexedMs: Math.round(indexed - t0), pulls, msgs, fullFiles, diags, mbSent: Math.round(bytes / 1e6), refreshes, peakRssMb: peak, ...m }));
if (snap) { process.kill(client.pid, 'SIGUSR2'); await new Promise((r) => setTimeout(r, Number(opt('--snapwait', 60000)))); }
const hist = {}; for (const v of perUri.values()) hist[v] = (hist[v] ?? 0) + 1; console.log('sends per uri', JSON.stringify(hist));
await client.close();
if (!given) rmSync(dir, { recursive: true, force: true });
