/**
 * Stories from `seeds/*.txt`, split the simple way: drop the YAML front matter and the final
 * `|` line; a line ending in `.` or `?` is a paragraph, any other line starts a new story.
 * Stand-in until the real parser lands (keep the export and its file order).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SeedStory {
  headline: string;
  paragraphs: string[];
}

/** Split one digest's text (front matter, headline/paragraph lines, `|`). */
export function splitDigest(text: string): SeedStory[] {
  let lines = text.split(/\r?\n/);
  if (lines[0]?.trim() === '---') {
    const end = lines.indexOf('---', 1);
    lines = lines.slice(end + 1);
  }
  const stories: SeedStory[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line === '|') continue;
    const last = stories.at(-1);
    if (/[.?]["'”’)]?$/.test(line) && last) last.paragraphs.push(line);
    else stories.push({ headline: line, paragraphs: [] });
  }
  return stories;
}

export function seedStories(seedDir = 'seeds'): SeedStory[] {
  return readdirSync(seedDir)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .flatMap((name) => splitDigest(readFileSync(join(seedDir, name), 'utf8')));
}
