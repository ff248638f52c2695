// The Hunspell word list, imported as text (esbuild's text loader; the vitest config does the same).
declare module 'dictionary-en/index.dic' {
  const text: string;
  export default text;
}
