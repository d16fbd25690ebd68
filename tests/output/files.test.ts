/**
 * Moving staged files into the output (src/output/files.ts): folders the
 * output lacks move whole, files into folders it has replace their old copies,
 * and a file where a folder must go stops the move with a DigestError.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesBelow, moveIn, surroundingsError } from '../../src/output/files.ts';
import { tempDir } from '../helpers/cli.ts';

function staged(): { staging: string; out: string } {
  const root = tempDir();
  const staging = join(root, 'staging');
  const out = join(root, 'out');
  mkdirSync(join(staging, 'stories', 'a'), { recursive: true });
  mkdirSync(join(staging, 'assets'), { recursive: true });
  writeFileSync(join(staging, 'stories', 'a', 'index.html'), 'new story');
  writeFileSync(join(staging, 'assets', 'style.css'), 'new css');
  writeFileSync(join(staging, 'index.html'), 'new home');
  writeFileSync(join(staging, '.news-digest-manifest.json'), 'staged manifest');
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileSync(join(out, 'assets', 'style.css'), 'old css');
  writeFileSync(join(out, 'assets', 'kept.txt'), 'not ours');
  return { staging, out };
}

describe('moveIn', () => {
  it('should move a folder the output lacks in one piece, and files into folders it has', () => {
    const { staging, out } = staged();
    const folder = statSync(join(staging, 'stories')).ino;
    moveIn(staging, out, new Set(['.news-digest-manifest.json']));
    // The same folder (inode), renamed, not a copy made file by file.
    expect(statSync(join(out, 'stories')).ino).toBe(folder);
    expect(readFileSync(join(out, 'stories', 'a', 'index.html'), 'utf8')).toBe('new story');
    expect(readFileSync(join(out, 'assets', 'style.css'), 'utf8')).toBe('new css');
    expect(readFileSync(join(out, 'assets', 'kept.txt'), 'utf8')).toBe('not ours');
    expect(filesBelow(out)).toEqual(['assets/kept.txt', 'assets/style.css', 'index.html', 'stories/a/index.html']);
    // What was skipped stays staged.
    expect(filesBelow(staging)).toEqual(['.news-digest-manifest.json']);
  });

  it('should stop where a file stands in place of a folder, with advice', () => {
    const { staging, out } = staged();
    writeFileSync(join(out, 'stories'), 'a file');
    let thrown: unknown;
    try {
      moveIn(staging, out);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(surroundingsError(thrown, out, true)?.message).toMatch(/stories: Unexpected EEXIST.*a file stands where a folder must go.*the site may be partly updated/);
    expect(readFileSync(join(out, 'stories'), 'utf8')).toBe('a file');
  });
});
