// A minimal LSP client over stdio (Content-Length framing), enough to drive the built server the
// way an editor does. No editor libraries, so the test sees exactly what goes over the wire.
// The hardening tests also use its node options and environment (preload scripts, debug
// variables), request timeouts, the raw messages and whether the process is still alive.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;

/** The built language server. */
export const serverPath = fileURLToPath(new URL('../dist/server.js', import.meta.url));

export interface ServerOptions {
  /** node options before the script, e.g. ['--require', preload] */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Json) => void>();
  private readonly waiters: { match: (m: Json) => boolean; resolve: (m: Json) => void }[] = [];
  /** notifications and requests from the server, in arrival order */
  readonly notifications: Json[] = [];
  /** every message body the server wrote, as text */
  readonly raw: string[] = [];
  readonly handlers: Record<string, (params: unknown) => unknown> = {};
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;

  constructor(serverPath: string, options: ServerOptions = {}) {
    this.child = spawn(process.execPath, [...(options.nodeArgs ?? []), serverPath, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...options.env } });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
    // a reply to a late server request may race the server's exit: that is not a test failure
    this.child.stdin.on('error', () => undefined);
  }

  /** The id of the last request sent (to cancel it). */
  get lastRequestId(): number {
    return this.nextId - 1;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.raw.push(body);
      this.dispatch(JSON.parse(body) as Json);
    }
  }

  private dispatch(message: Json): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id as number)?.(message);
      this.pending.delete(message.id as number);
      return;
    }
    if (message.id !== undefined) {
      // a request from the server: answer it (null when we have no handler, like a minimal client)
      const handler = this.handlers[message.method as string];
      const result = handler ? handler(message.params) : null;
      // (a handler may answer later: a promise is answered when it settles)
      if (result instanceof Promise) void result.then((value) => this.write({ jsonrpc: '2.0', id: message.id, result: value }));
      else this.write({ jsonrpc: '2.0', id: message.id, result });
    }
    this.notifications.push(message);
    for (const w of [...this.waiters]) {
      if (w.match(message)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  }

  write(message: Json): void {
    if (!this.alive) return;
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  /** A request; rejects on an error response, or after timeoutMs without an answer. */
  request<T = unknown>(method: string, params: unknown, timeoutMs = 30_000): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} within ${timeoutMs} ms (server ${this.alive ? 'alive' : `exited ${JSON.stringify(this.exit)}`})`));
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(`${method}: ${JSON.stringify(m.error)}`));
        else resolve(m.result as T);
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  waitFor(match: (m: Json) => boolean, timeoutMs = 30_000): Promise<Json> {
    const seen = this.notifications.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a notification')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** initialize + initialized, answering workspace/configuration with `settings` when given. */
  async start(capabilities: Json = {}, settings?: Json, rootUri: string | null = null): Promise<void> {
    if (settings) this.handlers['workspace/configuration'] = () => [settings];
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: settings ? { ...capabilities, workspace: { configuration: true } } : capabilities,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'notes' }] : null,
    });
    this.notify('initialized', {});
    await this.waitFor((m) => m.method === 'window/logMessage' && String((m.params as { message: string }).message).includes('ready'));
  }

  async close(): Promise<void> {
    if (!this.alive) return;
    try {
      await Promise.race([this.request('shutdown', null, 5000).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
      this.notify('exit', null);
    } finally {
      const child = this.child;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
      }, 1000).unref();
    }
  }

  /** Resolves when the process has exited (or after timeoutMs). */
  exited(timeoutMs = 5000): Promise<void> {
    if (!this.alive) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.child.once('exit', () => (clearTimeout(timer), resolve()));
    });
  }

  /** Everything the server said outside of answers: log messages, traces, notifications, stderr. */
  logText(): string {
    const notes = this.notifications.filter((m) => m.method !== 'textDocument/publishDiagnostics').map((m) => JSON.stringify(m));
    return [...notes, this.stderr].join('\n');
  }
}
