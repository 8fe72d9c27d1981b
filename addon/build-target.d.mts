export class BuildTargetError extends Error {}

export interface BuildTarget {
  /** The default API URL in Settings ('' for none: local mode only). */
  apiUrl: string;
  dev: boolean;
  /** The manifest's urlFetchWhitelist (URL prefixes, https, each ending in a path). */
  urlFetchWhitelist: string[];
}

export function serverUrl(text: string, dev: boolean): string;
export function buildTarget(options?: { apiUrl?: string; dev?: boolean }): BuildTarget;
export function manifestFor(template: Record<string, unknown>, target: BuildTarget): Record<string, unknown>;
export function parseBuildArgs(argv: string[], env?: Record<string, string | undefined>): { apiUrl: string; dev: boolean; out: string | undefined };
export function describeTarget(dir: string, target: BuildTarget): string;
