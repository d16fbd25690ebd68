import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashOf } from '../../src/hash.ts';
import { versionOf } from '../../src/engine/cache.ts';

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

describe('hashOf', () => {
  it('should hash text and its UTF-8 bytes alike, and keep parts apart', () => {
    const parts = ['seed-a:1 /stories/x/', 'Россия – “China”', ''];
    expect(hashOf(...parts)).toBe(hashOf(...parts.map((part) => new TextEncoder().encode(part))));
    expect(hashOf('ab', 'c')).not.toBe(hashOf('a', 'bc'));
    // sha256 of `a` and a NUL
    expect(hashOf('a')).toBe('ffe9aaeaa2a2d5048174df0b80599ef0197ec024c4b051bc9860cff58ef7f9f3');
  });
});
