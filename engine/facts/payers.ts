// Payer profiles: the numbers that differ from one payer to another (group size, telehealth place
// of service and modifiers, days to sign, plausible session length). A built-in "medicare"
// profile is the default; a practice defines more under `payers` in .groupnoterc.json, and a note
// picks one with a `payer:` frontmatter field. See docs/configuration.md, "Payer profiles".

export interface PayerProfile {
  /** the key the note's `payer:` field names, lower case */
  name: string;
  /** for messages, e.g. "Medicare" */
  label: string;
  groupSize: {
    /** fewer present members than this is below the payer's minimum (2: any group) */
    min: number;
    /** more present members than this is above the payer's maximum */
    max: number;
    /** more present members than this needs a clinical rationale in the note; null: never */
    softLimit: number | null;
  };
  session: {
    /** a session shorter than this many minutes is reported as unusual */
    minMinutes: number;
    /** a session longer than this many minutes is reported as unusual */
    maxMinutes: number;
  };
  attendance: {
    /** a member present for less than this share of the session (percent) is at billing risk */
    minPercent: number;
  };
  telehealth: {
    /** place-of-service codes a telehealth claim may carry */
    pos: string[];
    /** modifiers for an audio-video session (one of them is expected) */
    modifiers: string[];
    /** modifiers for an audio-only session (one of them is expected) */
    audioOnlyModifiers: string[];
    /** the patient's location must be documented */
    requireLocation: boolean;
    /** the patient's consent to telehealth must be documented */
    requireConsent: boolean;
  };
  signature: {
    /** signed more than this many days after the date of service is late */
    maxDays: number;
    /** count business days (Monday to Friday) instead of calendar days */
    businessDays: boolean;
  };
}

/** What a config file may say about a profile: any part of it, plus the profile it builds on. */
export interface PayerProfileConfig {
  /** profile to start from (default "medicare") */
  extends?: string;
  label?: string;
  groupSize?: Partial<PayerProfile['groupSize']>;
  session?: Partial<PayerProfile['session']>;
  attendance?: Partial<PayerProfile['attendance']>;
  telehealth?: Partial<PayerProfile['telehealth']>;
  signature?: Partial<PayerProfile['signature']>;
}

export const DEFAULT_PAYER = 'medicare';

/**
 * Medicare. Group size 2 to 12 (contractor LCDs, e.g. L33632 as summarised by NGS); telehealth on
 * POS 02 or 10 with modifier 95 (audio-video) or 93 (audio-only). Medicare sets no number of days
 * for signing or a session length for the untimed 90853: those two are this tool's defaults, a
 * prompt to look, which a practice can change.
 */
export const MEDICARE: PayerProfile = {
  name: 'medicare',
  label: 'Medicare',
  groupSize: { min: 2, max: 12, softLimit: 10 },
  session: { minMinutes: 30, maxMinutes: 240 },
  attendance: { minPercent: 50 },
  telehealth: { pos: ['02', '10'], modifiers: ['95'], audioOnlyModifiers: ['93'], requireLocation: true, requireConsent: true },
  signature: { maxDays: 7, businessDays: false },
};

export const BUILT_IN_PAYERS: Readonly<Record<string, PayerProfile>> = { medicare: MEDICARE };

// ---------------------------------------------------------------------------------------------
// Validation (used by engine/config.ts): keep what is valid, report the rest one by one.

type FieldSpec =
  | { kind: 'int'; min: number; max: number; nullable?: boolean }
  | { kind: 'bool' }
  | { kind: 'codes' };

const SECTIONS: Record<Exclude<keyof PayerProfileConfig, 'extends' | 'label'>, Record<string, FieldSpec>> = {
  groupSize: {
    min: { kind: 'int', min: 1, max: 50 },
    max: { kind: 'int', min: 2, max: 100 },
    softLimit: { kind: 'int', min: 2, max: 100, nullable: true },
  },
  session: {
    minMinutes: { kind: 'int', min: 1, max: 600 },
    maxMinutes: { kind: 'int', min: 1, max: 1440 },
  },
  attendance: {
    minPercent: { kind: 'int', min: 0, max: 100 },
  },
  telehealth: {
    pos: { kind: 'codes' },
    modifiers: { kind: 'codes' },
    audioOnlyModifiers: { kind: 'codes' },
    requireLocation: { kind: 'bool' },
    requireConsent: { kind: 'bool' },
  },
  signature: {
    maxDays: { kind: 'int', min: 0, max: 365 },
    businessDays: { kind: 'bool' },
  },
};

const PROFILE_NAME = /^[a-z0-9][a-z0-9 ._-]{0,39}$/i;
const CODE = /^[A-Z0-9]{2}$/i;

/** Normalises a profile name as a note's `payer:` field and the config keys are compared. */
export function payerKey(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

export function validatePayers(raw: unknown): { payers: Record<string, PayerProfileConfig>; problems: string[] } {
  const problems: string[] = [];
  const payers: Record<string, PayerProfileConfig> = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { payers, problems: ['"payers" must be an object of profile name to profile'] };
  }
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const where = `payer "${name}"`;
    if (!PROFILE_NAME.test(name)) {
      problems.push(`${where}: a profile name is 1 to 40 letters, digits, spaces, dots, dashes or underscores`);
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${where}: must be an object`);
      continue;
    }
    const profile: PayerProfileConfig = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'extends') {
        if (typeof v === 'string' && PROFILE_NAME.test(v)) profile.extends = payerKey(v);
        else problems.push(`${where}: "extends" must name another profile`);
      } else if (key === 'label') {
        if (typeof v === 'string' && v.trim() && v.length <= 60) profile.label = v.trim();
        else problems.push(`${where}: "label" must be a short text`);
      } else if (key in SECTIONS) {
        const section = key as keyof typeof SECTIONS;
        if (!v || typeof v !== 'object' || Array.isArray(v)) {
          problems.push(`${where}: "${key}" must be an object`);
          continue;
        }
        const out: Record<string, unknown> = {};
        for (const [field, fv] of Object.entries(v as Record<string, unknown>)) {
          const spec = SECTIONS[section][field];
          const at = `${where}: "${key}.${field}"`;
          if (!spec) problems.push(`${where}: unknown setting "${key}.${field}"`);
          else if (spec.kind === 'int') {
            if (spec.nullable && fv === null) out[field] = null;
            else if (typeof fv !== 'number' || !Number.isInteger(fv) || fv < spec.min || fv > spec.max) problems.push(`${at} must be a whole number from ${spec.min} to ${spec.max}${spec.nullable ? ', or null' : ''}`);
            else out[field] = fv;
          } else if (spec.kind === 'bool') {
            if (typeof fv !== 'boolean') problems.push(`${at} must be true or false`);
            else out[field] = fv;
          } else {
            const list = Array.isArray(fv) ? fv : null;
            const codes = list?.map((c) => (typeof c === 'number' ? String(c).padStart(2, '0') : typeof c === 'string' ? c.trim() : null));
            if (!codes || codes.some((c) => c === null || !CODE.test(c))) problems.push(`${at} must be a list of two-character codes, e.g. ["02", "10"] or ["95"]`);
            else out[field] = codes.map((c) => c!.toUpperCase());
          }
        }
        (profile as Record<string, unknown>)[key] = out;
      } else {
        problems.push(`${where}: unknown setting "${key}"`);
      }
    }
    payers[payerKey(name)] = profile;
  }
  // cross-field checks after each profile is resolved, so "extends" is taken into account
  const resolved = resolvePayers(payers);
  for (const name of Object.keys(payers)) {
    const p = resolved.profiles.get(name);
    if (!p) continue;
    if (p.groupSize.min > p.groupSize.max) problems.push(`payer "${name}": "groupSize.min" is larger than "groupSize.max"`);
    if (p.session.minMinutes > p.session.maxMinutes) problems.push(`payer "${name}": "session.minMinutes" is larger than "session.maxMinutes"`);
  }
  problems.push(...resolved.problems);
  return { payers, problems };
}

// ---------------------------------------------------------------------------------------------
// Resolution

export function resolvePayers(configs: Record<string, PayerProfileConfig> = {}): { profiles: Map<string, PayerProfile>; problems: string[] } {
  const profiles = new Map<string, PayerProfile>(Object.entries(BUILT_IN_PAYERS));
  const problems: string[] = [];
  const done = new Set<string>();
  const resolving = new Set<string>();
  const resolve = (name: string): PayerProfile | null => {
    const config = configs[name];
    if (!config || done.has(name)) return profiles.get(name) ?? null;
    if (resolving.has(name)) return null;
    resolving.add(name);
    // a configured "medicare" builds on the built-in one; others build on "medicare" by default
    const baseName = config.extends ?? DEFAULT_PAYER;
    let base = baseName === name ? (BUILT_IN_PAYERS[name] ?? null) : resolve(baseName);
    resolving.delete(name);
    if (!base) {
      problems.push(resolving.has(baseName) || baseName in configs ? `payer "${name}": "extends" goes round in a circle` : `payer "${name}": "extends" names no known profile ("${baseName}")`);
      base = MEDICARE;
    }
    const profile: PayerProfile = {
      name,
      label: config.label ?? (name === base.name ? base.label : name),
      groupSize: { ...base.groupSize, ...config.groupSize },
      session: { ...base.session, ...config.session },
      attendance: { ...base.attendance, ...config.attendance },
      telehealth: { ...base.telehealth, ...config.telehealth },
      signature: { ...base.signature, ...config.signature },
    };
    profiles.set(name, profile);
    done.add(name);
    return profile;
  };
  for (const name of Object.keys(configs)) resolve(name);
  return { profiles, problems };
}

export interface PayerChoice {
  profile: PayerProfile;
  /** the note's `payer:` value when it names no profile or is not a name; null when fine */
  problem: { kind: 'unknown' | 'not-a-name'; value: string } | null;
}

/** The profile a note asks for with `payer:` (profiles from config first), else "medicare". */
export function payerForNote(frontmatter: Record<string, unknown> | null, configs?: Record<string, PayerProfileConfig>): PayerChoice {
  const { profiles } = resolvePayers(configs && typeof configs === 'object' ? configs : {});
  const fallback = profiles.get(DEFAULT_PAYER) ?? MEDICARE;
  const raw = frontmatter?.['payer'] ?? frontmatter?.['insurance'] ?? frontmatter?.['payor'];
  if (raw === undefined || raw === null || raw === '') return { profile: fallback, problem: null };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { profile: fallback, problem: { kind: 'not-a-name', value: Array.isArray(raw) ? 'a list' : typeof raw } };
  const key = payerKey(String(raw));
  const profile = profiles.get(key);
  if (profile) return { profile, problem: null };
  return { profile: fallback, problem: { kind: 'unknown', value: String(raw).slice(0, 40) } };
}
