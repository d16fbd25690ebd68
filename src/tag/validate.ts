/** Shape checks for the tagger's YAML files; each error names the file and the key. */

export class TaggerDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaggerDataError';
  }
}

const describe = (value: unknown): string =>
  typeof value === 'string' ? `\`${value}\`` : value === null ? 'null' : Array.isArray(value) ? 'list' : value === undefined ? 'missing value' : typeof value;

function fail(value: unknown, file: string, key: string, expected: string): never {
  throw new TaggerDataError(`Unexpected ${describe(value)} at \`${key}\` in ${file}, expected ${expected}`);
}

export function expectRecord(value: unknown, file: string, key: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(value, file, key, 'a mapping');
  return value as Record<string, unknown>;
}

export function expectString(value: unknown, file: string, key: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(value, file, key, 'a non-empty string');
  return value;
}

export function expectNumber(value: unknown, file: string, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(value, file, key, 'a number ≥ 0');
  return value;
}

export function expectStrings(value: unknown, file: string, key: string): string[] {
  if (!Array.isArray(value)) fail(value, file, key, 'a list of strings');
  return value.map((item, i) => expectString(item, file, `${key}[${i}]`));
}

export function expectSlug(value: unknown, file: string, key: string): string {
  const slug = expectString(value, file, key);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) fail(slug, file, key, 'a lowercase slug such as `north-korea`');
  return slug;
}
