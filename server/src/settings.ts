// Settings and configuration files: the editor's settings (groupnoteLint.*) and the
// .groupnoterc.json files nearest each note, and how they combine into one note's configuration.
// No server state here: the settings in force and the config-file cache are held in context.ts.

import type { Connection } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import { dirname, relative } from 'node:path';
import { matchesAnyGlob } from '../../engine/workspace/files.js';
import { findConfigFile, loadConfigFile, mergeConfig, type GroupnoteConfig, type LoadedConfig } from '../../engine/config.js';
import { DEFAULT_RULE_OPTIONS } from '../../engine/rules/rule.js';

export interface Settings extends GroupnoteConfig {
  /** "onType": check as you type (debounced); "onSave": only when the note is opened or saved */
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** which files of the workspace folders are indexed for workspace diagnostics and cross-note rules */
  include: string[];
  exclude: string[];
}

export const DEFAULT_SETTINGS: Settings = { run: 'onType', debounceMs: 200, include: ['**/*.md', '**/*.markdown'], exclude: ['**/node_modules/**'] };
const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/** The editor's settings, asked for when the client answers configuration requests (the defaults otherwise). */
export async function fetchSettings(connection: Connection, configurationRequests: boolean): Promise<Settings> {
  let raw: unknown = null;
  if (configurationRequests) {
    try {
      [raw] = await connection.workspace.getConfiguration([{ section: 'groupnoteLint' }]);
    } catch {
      raw = null;
    }
  }
  return readSettings(raw);
}

/**
 * What of the settings changes what a note's check finds (not when or how often it runs), with
 * defaults spelt out: VS Code sends every setting with its default (copyPasteSimilarity 0.8 is the
 * engine's own), which must compare equal to no settings at all.
 */
export function checkedUnder(s: Settings): string {
  return JSON.stringify([s.include, s.exclude, s.groupNoteGlobs ?? [], s.rules ?? {}, { ...DEFAULT_RULE_OPTIONS, ...s.options }, s.payers ?? {}]);
}

/** Editor settings; values of the wrong type are ignored (settings are hand-edited JSON). */
export function readSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object') return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const rules: NonNullable<GroupnoteConfig['rules']> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, value] of Object.entries(r.rules)) if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as 'off';
  }
  const similarity = typeof r.copyPasteSimilarity === 'number' && r.copyPasteSimilarity >= 0.5 && r.copyPasteSimilarity <= 1 ? r.copyPasteSimilarity : undefined;
  const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) && v.every((g) => typeof g === 'string') ? (v as string[]) : fallback);
  return {
    include: strings(r.include, DEFAULT_SETTINGS.include),
    exclude: strings(r.exclude, DEFAULT_SETTINGS.exclude),
    groupNoteGlobs: Array.isArray(r.groupNoteGlobs) ? r.groupNoteGlobs.filter((g): g is string => typeof g === 'string') : [],
    rules,
    options: similarity === undefined ? {} : { copyPasteSimilarity: similarity },
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 && r.debounceMs <= 5000 ? r.debounceMs : DEFAULT_SETTINGS.debounceMs,
  };
}

/** Config files by path, read once and dropped when the file changes on disk. */
export class ConfigFiles {
  private readonly configFiles = new Map<string, LoadedConfig>();
  // The last version of each config file that was valid JSON: a file being typed (saved, or
  // auto-saved, half-written) keeps the settings it had instead of switching every rule back to
  // its default until the next save.
  private readonly lastValidConfig = new Map<string, LoadedConfig>();
  // What was last logged about each config file, so a file saved again with the same problem is not
  // reported again. Problems go to the log, not to pop-ups: the editor's schema squiggles say it.
  private readonly loggedProblems = new Map<string, string>();

  constructor(
    private readonly settings: () => Settings,
    private readonly workspaceFolders: () => string[],
    /** the server's log */
    private readonly warn: (message: string) => void,
  ) {}

  /** A config file changed on disk: read it again when next needed. */
  forget(file: string): void {
    this.configFiles.delete(file);
  }

  /** Every config file is read again when next needed (one may have been created nearer a note than the one it used). */
  clear(): void {
    this.configFiles.clear();
  }

  private readConfigFile(file: string): LoadedConfig {
    let loaded = loadConfigFile(file);
    const notJson = loaded.problems.some((p) => p.message.startsWith('is not valid JSON'));
    const previous = this.lastValidConfig.get(file);
    if (!notJson) this.lastValidConfig.set(file, loaded);
    else if (previous) loaded = { ...previous, problems: loaded.problems };
    const problems = loaded.problems.map((p) => p.message).join('; ');
    if (problems && this.loggedProblems.get(file) !== problems) {
      // names the file and the problem; a config file holds no note text
      this.warn(`groupnote-lint: ${file}: ${problems}${notJson && previous ? ' (its last valid version is used until it is fixed)' : ''}`);
    }
    this.loggedProblems.set(file, problems);
    return loaded;
  }

  private folderOf(path: string): string | undefined {
    return this.workspaceFolders().filter((f) => !relative(f, path).startsWith('..')).sort((a, b) => b.length - a.length)[0];
  }

  /** A note's configuration: the settings and the nearest config file merged, and whether globs make it a group note. */
  configFor(uri: string): { config: GroupnoteConfig; forceGroupNote: boolean } {
    const settings = this.settings();
    if (!uri.startsWith('file:')) return { config: settings, forceGroupNote: false };
    const path = fileURLToPath(uri);
    const folder = this.folderOf(path);
    const file = findConfigFile(path, folder);
    let loaded: LoadedConfig | null = null;
    if (file) {
      loaded = this.configFiles.get(file) ?? null;
      if (!loaded) {
        loaded = this.readConfigFile(file);
        this.configFiles.set(file, loaded);
      }
    }
    const config = mergeConfig(settings, loaded?.config ?? null);
    const bySettings = !!folder && matchesAnyGlob(relative(folder, path), settings.groupNoteGlobs ?? []);
    const byFile = !!loaded && matchesAnyGlob(relative(dirname(loaded.path), path), loaded.config.groupNoteGlobs ?? []);
    return { config, forceGroupNote: bySettings || byFile };
  }
}
