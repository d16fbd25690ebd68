/**
 * The three voices of failure (see docs/style.md):
 * - a problem in a seed is a positioned vfile message, worded "Unexpected X, expected Y";
 * - a problem with the build as a whole is a `DigestError` (printed without a stack);
 * - programmer misuse throws a plain `TypeError`.
 */
import type { VFile } from 'vfile';

export interface Place {
  readonly line: number;
  readonly column?: number;
}

/** Record a fatal problem in a seed (the build will exit 1) without throwing. */
export function seedError(file: VFile, reason: string, place: Place, ruleId: string): void {
  const message = file.message(reason, { place: { line: place.line, column: place.column ?? 1 }, ruleId, source: 'news-digest' });
  message.fatal = true;
}

/** Record a problem the build works around (printed, exit code unaffected). */
export function seedWarning(file: VFile, reason: string, place: Place, ruleId: string): void {
  file.message(reason, { place: { line: place.line, column: place.column ?? 1 }, ruleId, source: 'news-digest' });
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/** A build failure that is the user's to fix: printed as its message alone. */
export class DigestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Seeds had errors: every message was already reported. */
export class InvalidSeedsError extends DigestError {}

/**
 * Terminal-safe text: control characters (a seed or its file name can hold
 * anything, including escape sequences that would repaint the editor's
 * terminal) are shown as `\x1b`; line separators and bidi overrides, which
 * would reorder what the terminal shows, as `\u202e`. Tab stays.
 */
export function escapeControl(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `seeds/a.txt:3:1: error: Unexpected …` — one line a message, the shape editors and IDEs link. */
export function formatMessages(files: readonly VFile[]): { lines: string[]; errors: number; warnings: number } {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      const severity = message.fatal === true ? 'error' : 'warning';
      if (message.fatal === true) errors++;
      else warnings++;
      const where = `${file.path}:${message.line ?? 1}:${message.column ?? 1}`;
      lines.push(escapeControl(`${where}: ${severity}: ${message.reason}`));
    }
  }
  return { lines, errors, warnings };
}

