export function buildCli(): Promise<void>;
export function bundleForNode(entry: string, outfile: string, extra?: Record<string, unknown>): Promise<void>;
