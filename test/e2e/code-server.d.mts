import type { ChildProcess } from 'node:child_process';

export const repoRoot: string;
export interface E2eEnv {
  codeServerVersion: string;
  codeServerEntry: string;
  chromium: string;
  nvim: string;
}
export function e2eEnv(): E2eEnv;
export const QUIET_SETTINGS: Record<string, unknown>;
export const CHROMIUM_ARGS: string[];
export interface ServerProcess {
  pid: number;
  ppid: number;
  cmdline: string[];
}
export class CodeServer {
  constructor(work: string, settings?: Record<string, unknown>);
  readonly work: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly entry: string;
  process: ChildProcess | undefined;
  output: string;
  installExtension(vsixPath: string): string;
  start(): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
  processes(): ServerProcess[];
}
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null;
