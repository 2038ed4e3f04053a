import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { shCommand, shQuote } from './quote';

const run = promisify(execFile);

// Any Unicode text without NUL (NUL is rejected by design, tested separately).
const shellString = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\0'));
// Strings that lean heavily on shell metacharacters, so the interesting cases are not left to chance.
const nasty = fc
  .array(fc.constantFrom("'", '"', '\\', '$', '`', '$(id)', '`id`', '\n', '\r', '\t', ' ', '*', '?', '[a]', '{a,b}', '~', '!', '#', ';', '&', '|', '<', '>', '(', ')', '=', '%', 'ä', 'ö', 'ü', 'ß', '€', '😀', '-n', '--', 'a', ''), { maxLength: 12 })
  .map((parts) => parts.join(''));
const anyArg = fc.oneof(shellString, nasty);

async function shellPrint(shell: string, script: string): Promise<string> {
  const { stdout } = await run(shell, ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return stdout;
}

describe('shQuote', () => {
  it('keeps plain words readable and quotes the rest', () => {
    expect(shQuote('abc-1.2_/x')).toBe('abc-1.2_/x');
    expect(shQuote('')).toBe("''");
    expect(shQuote("it's")).toBe("'it'\\''s'");
    expect(shQuote('a b')).toBe("'a b'");
    expect(shQuote('=x')).toBe("'=x'");
    expect(shQuote('~root')).toBe("'~root'");
  });

  it('refuses NUL with a typed error', () => {
    expect(() => shQuote('a\0b')).toThrowError(AppError);
    try {
      shQuote('\0');
    } catch (e) {
      expect((e as AppError).code).toBe('ssh:errors.nulInArgument');
    }
    expect(() => shCommand(['echo', 'x\0'])).toThrowError(/NUL/);
  });

  it('refuses an empty argv', () => {
    expect(() => shCommand([])).toThrowError(AppError);
  });

  for (const shell of ['/bin/sh', '/bin/bash']) {
    it(`round-trips arbitrary strings through a real ${shell} (printf %s <quoted>)`, async () => {
      await fc.assert(
        fc.asyncProperty(anyArg, async (s) => {
          expect(await shellPrint(shell, `printf %s ${shQuote(s)}`)).toBe(s);
        }),
        { numRuns: 150 },
      );
    });

    it(`round-trips argv through ${shell} as positional parameters (sh -c '...' _ <quoted>...)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(anyArg, { minLength: 1, maxLength: 6 }), async (argv) => {
          // Each argument printed NUL-terminated, so empty strings and newlines stay visible.
          const script = shCommand(['sh', '-c', `for a in "$@"; do printf '%s\\0' "$a"; done`, '_', ...argv]);
          const out = await shellPrint(shell, script);
          expect(out.split('\0').slice(0, -1)).toEqual(argv);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('survives a second level of quoting (command inside sh -c inside the login shell)', async () => {
    await fc.assert(
      fc.asyncProperty(anyArg, async (s) => {
        const inner = shCommand(['printf', '%s', s]);
        expect(await shellPrint('/bin/sh', shCommand(['sh', '-c', inner]))).toBe(s);
      }),
      { numRuns: 100 },
    );
  });
});
