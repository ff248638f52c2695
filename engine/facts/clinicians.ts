// Clinicians named in the note: names and credentials.

import { isPlaceholder } from '../language/cues.js';


/** Licences and degrees written after a clinician's name. */
export const CREDENTIAL =
  /(?<![\p{L}])(?:LCSW(?:-[CS])?|RD|CPRP|CYC|CPS|CRPS|CPRS|NCC|CCTP|CEDS|LICSW|LISW(?:-S|-CP)?|LMSW|LSW|LPC(?:-S|-MH|C)?|LCPC|LMHC|LMFT|LCMHC|LPCC|LCADC|CADC(?:-II)?|LADC|LAC|CSAC|LCDC|CAC|MFT|PsyD|Psy\.D\.?|PhD|Ph\.D\.?|EdD|Ed\.D\.?|MD|M\.D\.|DO|D\.O\.|PMHNP(?:-BC)?|APRN|NP|CNS|RN|LPN|MSW|MSSW|MA|MS|MEd|M\.Ed\.|BCBA|QMHP|LLP|LP|Psychologist|Psychiatrist)(?![\p{L}])/u;

export interface Clinician {
  name: string | null;
  credential: string | null;
}

/** "Dana Whitfield, LCSW" or {name, credentials}: name and credential (either may be missing). */
export function readClinician(value: unknown): Clinician | null {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : null;
    const credRaw = o.credential ?? o.credentials ?? o.license ?? o.licence ?? o.title;
    const cred = Array.isArray(credRaw) ? credRaw.join(', ') : typeof credRaw === 'string' ? credRaw : null;
    const inName = name ? CREDENTIAL.exec(name)?.[0] ?? null : null;
    return { name: name ? nameOnly(name) : null, credential: cred && cred.trim() ? cred.trim() : inName };
  }
  if (typeof value !== 'string' || !value.trim() || isPlaceholder(value)) return value === undefined || value === null ? null : { name: null, credential: null };
  const credential = CREDENTIAL.exec(value)?.[0] ?? null;
  return { name: nameOnly(value), credential };
}

/** The name part of "Dana Whitfield, LCSW" (null when there is no capitalised word). */
export function nameOnly(text: string): string | null {
  const cut = text.split(/,|\s[-–—]\s|\(/)[0].replace(CREDENTIAL, '').trim();
  return /\p{Lu}\p{L}/u.test(cut) ? cut : null;
}

export function clinicians(value: unknown): Clinician[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(readClinician).filter((c): c is Clinician => c !== null);
}
