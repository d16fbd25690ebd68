import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { versionOf } from '../src/cache.ts';

describe('versionOf', () => {
  it('should change with any file below the folders, and only then', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nd-version-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), 'a');
    writeFileSync(join(dir, 'sub', 'b.ts'), 'b');
    const first = await versionOf([dir, join(dir, 'missing.json')]);
    expect(await versionOf([dir, join(dir, 'missing.json')])).toBe(first);
    writeFileSync(join(dir, 'sub', 'b.ts'), 'B');
    const edited = await versionOf([dir, join(dir, 'missing.json')]);
    expect(edited).not.toBe(first);
    writeFileSync(join(dir, 'sub', 'c.ts'), '');
    const added = await versionOf([dir, join(dir, 'missing.json')]);
    expect(added).not.toBe(edited);
    writeFileSync(join(dir, 'missing.json'), '{}');
    expect(await versionOf([dir, join(dir, 'missing.json')])).not.toBe(added);
  });
});
