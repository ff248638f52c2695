// Configuration files (.groupnoterc.json) and how they combine with editor settings.
// Precedence, lowest to highest: built-in defaults < editor settings < the nearest config file
// (which may `extends` other files: theirs first, its own settings on top).
// The file is JSONC: // and /* */ comments and trailing commas are allowed (jsonc-parser).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ALL_RULES } from './rules/catalog.js';
import type { RuleOptions, Severity } from './rules/rule.js';
import { validatePayers, type PayerProfileConfig } from './facts/payers.js';

export const CONFIG_FILE_NAME = '.groupnoterc.json';

export interface GroupnoteConfig {
  /** per-rule severity, or "off" */
  rules?: Record<string, Severity | 'off'>;
  options?: Partial<RuleOptions>;
  /** globs (relative to the config file's folder) of files that are group notes without frontmatter */
  groupNoteGlobs?: string[];
  /** payer profiles by name; a note picks one with `payer:` (see engine/facts/payers.ts) */
  payers?: Record<string, PayerProfileConfig>;
}

export interface ConfigProblem {
  message: string;
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);
const OPTION_RANGES: Record<keyof RuleOptions, [number, number]> = {
  copyPasteSimilarity: [0.5, 1],
  copyPasteMinWords: [2, 50],
};

/**
 * Checks a parsed config object and keeps only what is valid, so one typo does not switch the
 * whole configuration off. Every dropped value is reported.
 */
export function validateConfig(raw: unknown): { config: GroupnoteConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: GroupnoteConfig = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, problems: [{ message: 'the configuration must be a JSON object' }] };
  }
  const r = raw as Record<string, unknown>;
  const known = new Set(ALL_RULES.map((rule) => rule.id));
  for (const key of Object.keys(r)) {
    if (!['$schema', 'extends', 'rules', 'options', 'groupNoteGlobs', 'payers'].includes(key)) problems.push({ message: `unknown setting "${key}"` });
  }
  if (r.rules !== undefined) {
    if (!r.rules || typeof r.rules !== 'object' || Array.isArray(r.rules)) problems.push({ message: '"rules" must be an object of rule id to severity' });
    else {
      config.rules = {};
      for (const [id, value] of Object.entries(r.rules)) {
        if (!known.has(id)) problems.push({ message: `unknown rule id "${id}"` });
        else if (typeof value !== 'string' || !SEVERITIES.has(value)) problems.push({ message: `rule "${id}": severity must be error, warning, info or off` });
        else config.rules[id] = value as Severity | 'off';
      }
    }
  }
  if (r.options !== undefined) {
    if (!r.options || typeof r.options !== 'object' || Array.isArray(r.options)) problems.push({ message: '"options" must be an object' });
    else {
      config.options = {};
      for (const [name, value] of Object.entries(r.options)) {
        const range = OPTION_RANGES[name as keyof RuleOptions];
        if (!range) problems.push({ message: `unknown option "${name}"` });
        else if (typeof value !== 'number' || value < range[0] || value > range[1]) problems.push({ message: `option "${name}" must be a number from ${range[0]} to ${range[1]}` });
        else config.options[name as keyof RuleOptions] = value;
      }
    }
  }
  if (r.groupNoteGlobs !== undefined) {
    if (!Array.isArray(r.groupNoteGlobs) || r.groupNoteGlobs.some((g) => typeof g !== 'string')) problems.push({ message: '"groupNoteGlobs" must be a list of glob strings' });
    else config.groupNoteGlobs = r.groupNoteGlobs as string[];
  }
  if (r.payers !== undefined) {
    const { payers, problems: payerProblems } = validatePayers(r.payers);
    if (Object.keys(payers).length > 0) config.payers = payers;
    problems.push(...payerProblems.map((message) => ({ message })));
  }
  return { config, problems };
}

export interface LoadedConfig {
  path: string;
  config: GroupnoteConfig;
  problems: ConfigProblem[];
  /** every file read for it: the file itself, then the files it extends (nearest first) */
  files: string[];
}

/** Line and column (from 1) of an offset, for parse errors. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Parses configuration text (JSONC: comments and trailing commas allowed). Syntax errors are
 * returned with their line and column, never thrown; a file with any is not used.
 */
export function parseConfigText(text: string): { raw: unknown } | { error: string } {
  const errors: ParseError[] = [];
  const raw: unknown = parseJsonc(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    return { error: `is not valid JSON (${printParseErrorCode(first.error)} at ${lineColumn(text.replace(/^\uFEFF/, ''), first.offset)})` };
  }
  return { raw };
}

/** Extended configurations deeper than this are refused (a chain that long is a mistake). */
const MAX_EXTENDS_DEPTH = 10;

/**
 * Reads one config file and the files it `extends` (a path or a list of paths, relative to the
 * file that names them). Settings merge as in mergeConfig: each extended file in order, then the
 * file's own settings on top. JSON and validation errors are problems, never exceptions.
 */
export function loadConfigFile(path: string): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const files: string[] = [];
  const load = (file: string, chain: string[]): GroupnoteConfig => {
    const label = chain.length === 0 ? '' : `${file} (extended): `;
    const fail = (message: string) => {
      problems.push({ message: `${label}${message}` });
      return {};
    };
    if (chain.includes(file)) return fail(`extends itself in a cycle (${[...chain, file].join(' -> ')})`);
    if (chain.length > MAX_EXTENDS_DEPTH) return fail(`more than ${MAX_EXTENDS_DEPTH} levels of extends`);
    files.push(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const parsed = parseConfigText(text);
    if ('error' in parsed) return fail(parsed.error);
    const raw = parsed.raw as Record<string, unknown> | null;
    let base: GroupnoteConfig = {};
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && raw.extends !== undefined) {
      const list = typeof raw.extends === 'string' ? [raw.extends] : raw.extends;
      if (!Array.isArray(list) || list.some((e) => typeof e !== 'string' || e === '')) {
        problems.push({ message: `${label}"extends" must be a file path or a list of file paths` });
      } else {
        for (const target of list as string[]) {
          const next = isAbsolute(target) ? target : resolve(dirname(file), target);
          base = mergeConfig(base, load(next, [...chain, file]));
        }
      }
    }
    const own = validateConfig(raw);
    problems.push(...own.problems.map((p) => ({ message: `${label}${p.message}` })));
    return Object.keys(base).length === 0 ? own.config : mergeConfig(base, own.config);
  };
  const config = load(path, []);
  return { path, config, problems, files };
}

/**
 * The nearest config file at or above the note's folder, stopping at `stopAt` (a workspace
 * folder) when given. Only the nearest file applies; files are not merged.
 */
export function findConfigFile(notePath: string, stopAt?: string): string | null {
  let dir = dirname(resolve(notePath));
  const stop = stopAt ? resolve(stopAt) : null;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dir === stop) return null;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Settings from the editor first, then the config file on top: the file wins. */
export function mergeConfig(settings: GroupnoteConfig, file: GroupnoteConfig | null): GroupnoteConfig {
  if (!file) return settings;
  const merged: GroupnoteConfig = {
    rules: { ...settings.rules, ...file.rules },
    options: { ...settings.options, ...file.options },
  };
  const globs = file.groupNoteGlobs ?? settings.groupNoteGlobs;
  if (globs) merged.groupNoteGlobs = globs;
  // payer profiles: the file's profile of a name replaces the settings' one of the same name
  if (settings.payers || file.payers) merged.payers = { ...settings.payers, ...file.payers };
  return merged;
}
