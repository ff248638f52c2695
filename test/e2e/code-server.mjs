// code-server with the packaged extension, in headless Chromium: shared by the VS Code end-to-end
// test (test/e2e/vscode.e2e.ts) and the editor benchmark (bench/editor.mjs). Plain JavaScript
// (typed in code-server.d.mts) so that the benchmark runs under node without a build step.
//
// Everything code-server writes (user data, extensions, XDG folders) goes under one work folder.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Written by scripts/e2e-setup.mjs: where code-server and Chromium are. */
export function e2eEnv() {
  const file = join(repoRoot, '.e2e-cache', 'env.json');
  if (!existsSync(file)) throw new Error('run `node scripts/e2e-setup.mjs` (or `npm run test:e2e`) first');
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Quiet, deterministic user settings: no welcome page, tips, update or telemetry traffic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
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
};

/** Chromium flags: headless, no network of its own (only the page's localhost connection). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export class CodeServer {
  /**
   * @param {string} work a folder of its own (user data, extensions and XDG folders go in it)
   * @param {Record<string, unknown>} settings user settings, over QUIET_SETTINGS
   */
  constructor(work, settings = {}) {
    this.work = work;
    this.userDataDir = join(work, 'user-data');
    this.extensionsDir = join(work, 'extensions');
    this.xdg = {
      XDG_CONFIG_HOME: join(work, 'xdg', 'config'),
      XDG_DATA_HOME: join(work, 'xdg', 'data'),
      XDG_CACHE_HOME: join(work, 'xdg', 'cache'),
      XDG_STATE_HOME: join(work, 'xdg', 'state'),
      XDG_RUNTIME_DIR: join(work, 'xdg', 'runtime'),
    };
    this.env = { ...process.env, ...this.xdg };
    this.entry = e2eEnv().codeServerEntry;
    this.process = undefined;
    this.output = '';
    this.onExit = () => this.kill('SIGKILL');
    for (const dir of Object.values(this.xdg)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    mkdirSync(join(this.userDataDir, 'User'), { recursive: true });
    writeFileSync(join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  }

  /** Installs a .vsix with code-server's own command; returns its output. */
  installExtension(vsixPath) {
    return execFileSync(process.execPath, [this.entry, '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, '--install-extension', vsixPath], {
      env: this.env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Starts code-server on a free localhost port; resolves with its URL. */
  start() {
    return new Promise((resolve, reject) => {
      // detached: the child calls setsid(), so it leads a new process group we can end as a whole
      this.process = spawn(
        process.execPath,
        [
          this.entry,
          '--bind-addr', '127.0.0.1:0',
          '--auth', 'none',
          '--disable-telemetry',
          '--disable-update-check',
          '--disable-getting-started-override',
          '--ignore-last-opened',
          '--user-data-dir', this.userDataDir,
          '--extensions-dir', this.extensionsDir,
        ],
        { env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      process.on('exit', this.onExit);
      const guard = setTimeout(() => reject(new Error(`code-server did not start:\n${this.output.slice(-4000)}`)), 60_000);
      const onData = (chunk) => {
        this.output = (this.output + chunk.toString()).slice(-20_000);
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(this.output);
        if (match) {
          clearTimeout(guard);
          resolve(match[1]);
        }
      };
      this.process.stdout.on('data', onData);
      this.process.stderr.on('data', onData);
      this.process.on('exit', (code) => {
        clearTimeout(guard);
        reject(new Error(`code-server exited (${code}) before listening:\n${this.output.slice(-4000)}`));
      });
    });
  }

  /** Signals code-server and everything it started (extension hosts, language servers): its process group. */
  kill(signal) {
    if (!this.process?.pid) return;
    try {
      process.kill(-this.process.pid, signal);
    } catch {
      // already gone
    }
  }

  /** SIGTERM, up to 10 s to exit, then SIGKILL for whatever in the group outlived it. */
  async stop() {
    const child = this.process;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', () => resolve(undefined)));
      this.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
    }
    this.kill('SIGKILL');
    process.off('exit', this.onExit);
  }

  /** The processes code-server started (its process group), with their command lines. Linux only. */
  processes() {
    const pgid = this.process?.pid;
    if (!pgid) return [];
    const found = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[2]) !== pgid) continue;
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
        found.push({ pid: Number(name), ppid: Number(fields[1]), cmdline });
      } catch {
        // exited meanwhile
      }
    }
    return found;
  }
}

/** VmRSS and VmHWM (peak) of a process in MB, from /proc/<pid>/status; null once it has exited. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
