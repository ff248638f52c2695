export const version: string;
export const docsBaseUrl: string;
export const homepage: string;
export const define: Record<string, string>;
