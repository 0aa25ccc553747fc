import { parseArgs } from 'node:util';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/**
 * Reads a command's flags, the same way for every command: strict (an unknown flag is an
 * error), no positional words, and a failure as one line handed to `fail`, which decides the
 * kind of error (a usage error for the server, an operator error for the support desk).
 */
export function parseFlags(argv: readonly string[], options: FlagSpec, fail: (message: string) => Error): FlagValues {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values as FlagValues;
  } catch (error) {
    throw fail((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}

/** The same, for the one command that also takes words (a file): the flags and the words. */
export function parseFlagsAndWords(
  argv: readonly string[],
  options: FlagSpec,
  fail: (message: string) => Error,
): { values: FlagValues; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], strict: true, allowPositionals: true, options });
    return { values: parsed.values as FlagValues, positionals: parsed.positionals };
  } catch (error) {
    throw fail((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
}
