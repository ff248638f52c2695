export const version: string;
export const docsBaseUrl: string;
export const homepage: string;
export const define: Record<string, string>;
export const dictionaryPath: string;
export const englishDictionary: import('esbuild').Plugin;
export const englishDictionaryVite: { name: string; enforce: 'pre'; resolveId(id: string): string | undefined; load(id: string): string | undefined };
export function dictionaryWords(): string;
