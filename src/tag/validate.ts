/**
 * Shape checks for the tagger's YAML files; each error is positioned at the
 * bad key (`data/topics.yaml:12:7: error: …`) and says what was expected.
 */
import { dataError, DataFileError, type DataFile } from '../settings/data-file.ts';

/** A problem in the tagger's data files: a `DigestError`, printed as its message alone. */
export class TaggerDataError extends DataFileError {}

/**
 * A data problem found by a pure tagging module that does not know the file
 * (`tag/world.ts`, `tag/entities.ts`): `key` is where in `data/aliases.yaml`
 * the loader should point.
 */
export class TaggerDataProblem extends TaggerDataError {
  constructor(readonly reason: string, readonly key: string) {
    super(`${reason} in data/aliases.yaml (\`${key}\`)`);
  }
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? `\`${value}\`` : value === null ? 'null' : Array.isArray(value) ? 'list' : value === undefined ? 'missing value' : typeof value;

export function failAt(file: DataFile, key: string, reason: string): never {
  const error = dataError(file, key, reason);
  throw new TaggerDataError(error.message);
}

function fail(value: unknown, file: DataFile, key: string, expected: string): never {
  failAt(file, key, `Unexpected ${describe(value)} at \`${key}\`, expected ${expected}`);
}

export function expectRecord(value: unknown, file: DataFile, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(value, file, key, 'a mapping');
  return value as Record<string, unknown>;
}

export function expectString(value: unknown, file: DataFile, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(value, file, key, 'a non-empty string');
  return value;
}

export function expectNumber(value: unknown, file: DataFile, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(value, file, key, 'a number ≥ 0');
  return value;
}

export function expectStrings(value: unknown, file: DataFile, key: string): string[] {
  if (!Array.isArray(value)) fail(value, file, key, 'a list of strings');
  return value.map((item, i) => expectString(item, file, `${key}[${i}]`));
}

export function expectSlug(value: unknown, file: DataFile, key: string): string {
  const slug = expectString(value, file, key);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail(slug, file, key, 'a lowercase slug such as `north-korea`');
  return slug;
}
