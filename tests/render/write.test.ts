/** Pages rendered by Eleventy, written by src/render/write.ts. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyAssets, writePages } from '../../src/render/write.ts';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-write-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writePages', () => {
  it('should write every page into its folder, making folders once, and skip pages without a permalink', () => {
    const out = scratch();
    const written = writePages([
      { outputPath: join(out, 'stories/2024/05/a/index.html'), content: 'a' },
      { outputPath: join(out, 'stories/2024/05/a/cite.txt'), content: 'cite' },
      { outputPath: join(out, 'feed.xml'), content: '<feed/>' },
      { outputPath: false, content: 'nowhere' },
    ]);
    expect(written).toBe(3);
    expect(readFileSync(join(out, 'stories/2024/05/a/index.html'), 'utf8')).toBe('a');
    expect(readdirSync(join(out, 'stories/2024/05/a')).sort()).toEqual(['cite.txt', 'index.html']);
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toBe('<feed/>');
  });
});

describe('copyAssets', () => {
  it('should copy the assets folder and the favicon at the root, with their times', () => {
    const templates = scratch();
    const out = scratch();
    mkdirSync(join(templates, 'assets', 'fonts'), { recursive: true });
    writeFileSync(join(templates, 'assets', 'favicon.svg'), '<svg/>');
    writeFileSync(join(templates, 'assets', 'fonts', 'a.woff2'), 'font');
    const then = new Date('2024-05-12T00:00:00Z');
    utimesSync(join(templates, 'assets', 'favicon.svg'), then, then);
    copyAssets(templates, out);
    expect(readFileSync(join(out, 'favicon.svg'), 'utf8')).toBe('<svg/>');
    expect(readFileSync(join(out, 'assets', 'favicon.svg'), 'utf8')).toBe('<svg/>');
    expect(readFileSync(join(out, 'assets', 'fonts', 'a.woff2'), 'utf8')).toBe('font');
    expect(statSync(join(out, 'favicon.svg')).mtime).toEqual(then);
  });

  it('should copy nothing from templates without assets', () => {
    const templates = scratch();
    const out = scratch();
    copyAssets(templates, out);
    expect(readdirSync(out)).toEqual([]);
  });
});
