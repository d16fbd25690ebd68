/** Pages rendered by Eleventy, written by src/render/write.ts. */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyAssets, PageWriter } from '../../src/render/write.ts';

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'nd-write-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('PageWriter.writePages', () => {
  it('should write every page into its folder, making folders once, and skip pages without a permalink', async () => {
    const out = scratch();
    const writer = new PageWriter();
    const written = writer.writePages([
      { outputPath: join(out, 'stories/2024/05/a/index.html'), content: 'a' },
      { outputPath: join(out, 'stories/2024/05/a/cite.txt'), content: 'cite' },
      { outputPath: join(out, 'feed.xml'), content: '<feed/>' },
      { outputPath: false, content: 'nowhere' },
    ]);
    await writer.flush();
    expect(written).toBe(3);
    expect(readFileSync(join(out, 'stories/2024/05/a/index.html'), 'utf8')).toBe('a');
    expect(readdirSync(join(out, 'stories/2024/05/a')).sort()).toEqual(['cite.txt', 'index.html']);
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toBe('<feed/>');
  });
});

describe('PageWriter', () => {
  it.each([['on this thread', undefined], ["on the writer's thread", 0]])('should have every file on disk once flushed, many to a folder and in many folders (%s)', async (_where, syncFiles) => {
    const out = scratch();
    const writer = new PageWriter(syncFiles);
    for (let i = 0; i < 5000; i++) writer.write(join(out, 'p', String(i % 50), `${i}.html`), `page ${i}`);
    expect(writer.written).toBe(5000);
    await writer.flush();
    expect(readdirSync(join(out, 'p')).length).toBe(50);
    expect(readFileSync(join(out, 'p', '7', '4007.html'), 'utf8')).toBe('page 4007');
    writer.write(join(out, 'again', 'é.html'), 'déjà vu');
    await writer.flush();
    expect(readFileSync(join(out, 'again', 'é.html'), 'utf8')).toBe('déjà vu');
    expect(readdirSync(join(out, 'p', '49')).length).toBe(100);
  });

  it("should write more than its slots hold at once, and a file larger than a slot, byte for byte", async () => {
    const out = scratch();
    const writer = new PageWriter(0);
    // 6,000 files of 5 KB: 30 MB, more than the 8 slots of 2 MiB, so slots are waited for and reused.
    const page = (i: number): string => `<p>${'ü'.repeat(2500)}${i}</p>`;
    for (let i = 0; i < 6000; i++) writer.write(join(out, 's', String(i % 100), `${i}.html`), page(i));
    const large = 'x'.repeat(3 << 20);
    writer.write(join(out, 'large.html'), large);
    writer.write(join(out, 'after.html'), 'after');
    await writer.flush();
    for (const i of [0, 2047, 5999]) expect(readFileSync(join(out, 's', String(i % 100), `${i}.html`), 'utf8')).toBe(page(i));
    expect(readFileSync(join(out, 'large.html'), 'utf8')).toBe(large);
    expect(readFileSync(join(out, 'after.html'), 'utf8')).toBe('after');
  });

  it.each([['on this thread', undefined], ["on the writer's thread", 0]])('should fail its flush with the error of a file it could not write, with its code (%s)', async (_where, syncFiles) => {
    const out = scratch();
    writeFileSync(join(out, 'taken'), 'a file where a folder should be');
    const writer = new PageWriter(syncFiles);
    writer.write(join(out, 'ok', 'index.html'), 'fine');
    writer.write(join(out, 'taken', 'index.html'), 'cannot be');
    await expect(writer.flush()).rejects.toMatchObject({ code: expect.stringMatching(/ENOTDIR|EEXIST/) });
    expect(readFileSync(join(out, 'ok', 'index.html'), 'utf8')).toBe('fine');
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
