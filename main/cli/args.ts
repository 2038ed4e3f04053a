/** Minimal argv parsing: positional arguments and --flag / --key value / --key=value options. */
export interface ParsedArgs {
  positional: string[];
  options: Record<string, string | true>;
}

export function parseArgs(argv: string[], valueOptions: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else if (valueOptions.includes(a.slice(2)) && i + 1 < argv.length) options[a.slice(2)] = argv[++i]!;
      else options[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { positional, options };
}
