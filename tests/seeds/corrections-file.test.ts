import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { formatMessages } from '../../src/errors.ts';
import { readCorrectionsFile } from '../../src/seeds/corrections-file.ts';
import { tempDir } from '../helpers/cli.ts';

/** Reads `corrections.yaml` of a fresh seeds folder holding `bytes` (or made by `make`). */
async function read(make: (seeds: string, path: string) => void): Promise<{ text: string | undefined; messages: string[] }> {
  const seeds = tempDir();
  const path = join(seeds, 'corrections.yaml');
  make(seeds, path);
  const file = new VFile({ path });
  const text = await readCorrectionsFile(file);
  return { text, messages: formatMessages([file]).lines.map((line) => line.slice(seeds.length + 1)) };
}

const YAML = '2024-05-a:\n  add: { topics: [energy] }\n';

describe('readCorrectionsFile: the corrections file is read like a digest', () => {
  it('should read UTF-8 with or without a byte-order mark, and UTF-16 with one, to the same text', async () => {
    expect(await read((_, path) => writeFileSync(path, YAML))).toEqual({ text: YAML, messages: [] });
    expect(await read((_, path) => writeFileSync(path, `\uFEFF${YAML}`))).toEqual({ text: YAML, messages: [] });
    expect(await read((_, path) => writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(YAML, 'utf16le')])))).toEqual({ text: YAML, messages: [] });
  });

  it('should refuse UTF-32, a NUL byte and invalid UTF-8 at their lines, saying how to save the file', async () => {
    const utf32 = Buffer.alloc(4 + YAML.length * 4);
    utf32.writeUInt32LE(0xfeff, 0);
    [...YAML].forEach((char, i) => utf32.writeUInt32LE(char.codePointAt(0) ?? 0, 4 + i * 4));
    expect((await read((_, path) => writeFileSync(path, utf32))).messages).toEqual([expect.stringMatching(/^corrections\.yaml:1:1: error: Unexpected UTF-32 text, expected UTF-8 text: save the file as UTF-8/)]);
    expect((await read((_, path) => writeFileSync(path, `${YAML}x\0y\n`))).messages).toEqual([expect.stringMatching(/^corrections\.yaml:3:\d+: error: Unexpected NUL/)]);
    expect((await read((_, path) => writeFileSync(path, Buffer.concat([Buffer.from(YAML), Buffer.from([0x61, 0xff, 0x0a])])))).messages).toEqual([
      expect.stringMatching(/^corrections\.yaml:3:\d+: error: .*UTF-8/),
    ]);
  });

  it('should follow a link inside the seeds folder and refuse one leading out of it or nowhere', async () => {
    expect(await read((seeds, path) => {
      mkdirSync(join(seeds, 'kept'));
      writeFileSync(join(seeds, 'kept', 'corrections.yaml'), YAML);
      symlinkSync(join('kept', 'corrections.yaml'), path);
    })).toEqual({ text: YAML, messages: [] });
    const outside = join(tempDir(), 'secret.yaml');
    writeFileSync(outside, YAML);
    expect(await read((_, path) => symlinkSync(outside, path))).toEqual({
      text: undefined,
      messages: [expect.stringMatching(/^corrections\.yaml:1:1: error: Unexpected link to a file outside the seeds folder/)],
    });
    expect((await read((seeds, path) => symlinkSync(join(seeds, 'gone.yaml'), path))).messages).toEqual([expect.stringMatching(/^corrections\.yaml:1:1: error: Unexpected broken link/)]);
  });

  it('should read no file as no corrections', async () => {
    expect(await read(() => undefined)).toEqual({ text: undefined, messages: [] });
  });
});
