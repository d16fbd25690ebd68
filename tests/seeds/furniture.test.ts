import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { furnitureOf, isPictureOnly, isRoundup } from '../../src/seeds/furniture.ts';
import { firstSentence } from '../../src/seeds/headlines.ts';
import { collapseSpace } from '../../src/space.ts';
import { parseText, ROOT } from '../helpers/seeds.ts';

const anywhere = { top: true, bylineSpot: true };
const midStory = { top: false, bylineSpot: false };

describe('page furniture', () => {
  it.each([
    ['Share on X   Share on LinkedIn   Print', 'share-bar'],
    ['Share this article: Facebook | WhatsApp | Email | Copy link', 'share-bar'],
    ['Tweet', 'share-bar'],
    ['Published August 4, 2025 · 6 min read', 'time-stamp'],
    ['Updated: 12 July 2025, 14:05 GMT', 'time-stamp'],
    ['Posted on 2025-07-04', 'time-stamp'],
    ['4 min read', 'time-stamp'],
    ['Photo: A convoy near Kursk. (Reuters)', 'caption'],
    ['Image credit – Korean Central News Agency', 'caption'],
    ['(Photo: AFP)', 'caption'],
    ['Read more »', 'read-on'],
    ['Continue reading →', 'read-on'],
    ['Read the full briefing', 'read-on'],
    ['Click here to read more', 'read-on'],
    ['Related: Our June issue on Arctic shipping', 'related'],
    ['See also – What the Alaska summit changed', 'related'],
    ['Related content', 'related'],
    ['Tags: China, Iran, finance', 'labels'],
    ['Photo courtesy of KCNA', 'caption'],
    ['Image by Jane Doe/Reuters', 'caption'],
    ['Read the full story at reuters.com', 'read-on'],
    ['Continue reading on example.org/briefing »', 'read-on'],
    ['Filed under: Energy · Sanctions · North Korea', 'labels'],
  ])('should read %j as furniture (%s) wherever it stands', (line, kind) => {
    expect(furnitureOf(collapseSpace(line), midStory)).toBe(kind);
  });

  it.each([
    ['By Jane Doe', 'byline'],
    ['By Jane Doe and Li Wei | Senior Fellows', 'byline'],
    ['Written by Aigerim Nurlanova, Almaty', 'byline'],
    ['From: Monitor Team <monitor@example.org>', 'mail-header'],
    ['Subject: Fwd: August 2025 briefing', 'mail-header'],
    ['---------- Forwarded message ---------', 'mail-header'],
  ])('should read %j as furniture (%s) only where it stands: at the top, or a byline under a headline', (line, kind) => {
    expect(furnitureOf(line, anywhere)).toBe(kind);
    expect(furnitureOf(line, midStory)).toBeUndefined();
  });

  it.each([
    'Russia shares drone know-how with Iran',
    'Print media in Russia face new curbs',
    'Read the fine print: what the treaty leaves out',
    'By land and sea, China widens its reach',
    'Issued 2 billion yuan in bonds, Minsk turns to Beijing',
    'Photographers barred from Pyongyang parade',
    'Related talks in Doha end without a deal',
    'See you in Kazan, Putin tells Modi',
    'Updated figures show Russian oil exports to India fell in July.',
    'Email leaks show Chinese firms courting Iranian buyers',
    'Topics: what Putin and Xi left off the agenda at their summit in Harbin',
    'By Monday, Russian forces had pushed into the village.',
    'Photos by Russian state media showed Kim and Putin at the Kremlin on May 9, with Chinese guests.',
    'Read the full text at the Kremlin on Tuesday',
    'By Monday, Russian and Belarusian units had joined the drills along the whole border',
  ])('should leave news prose that uses such words alone: %j', (line) => {
    expect(furnitureOf(line, anywhere)).toBeUndefined();
  });

  it('should find no furniture in any line of the labelled corpus or the seeds, wherever it stood', () => {
    const lines: string[] = [];
    for (const name of readdirSync(join(ROOT, 'eval')).filter((n) => n.endsWith('.yaml'))) {
      for (const story of (parse(readFileSync(join(ROOT, 'eval', name), 'utf8')) as { stories: { headline: string; paragraphs: string[] }[] }).stories) lines.push(story.headline, ...story.paragraphs);
    }
    for (const dir of [join(ROOT, 'seeds'), join(ROOT, '..', 'shared', 'seeds')]) {
      // The body only: front matter (`date: 2024-05`) is read before furniture is looked for.
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) lines.push(...readFileSync(join(dir, name), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '').split('\n'));
    }
    expect(lines.length).toBeGreaterThan(3000);
    const found = lines.map((line) => collapseSpace(line)).filter((line) => furnitureOf(line, anywhere) !== undefined);
    expect(found).toEqual([]);
  });

  it('should take a Markdown paragraph of pictures alone as a figure, not one with words', () => {
    const image = { type: 'image', url: 'https://example.org/a.jpg', alt: 'A satellite image' } as const;
    expect(isPictureOnly([image])).toBe(true);
    expect(isPictureOnly([{ type: 'link', url: 'https://example.org', children: [image] }, { type: 'text', value: ' ' }])).toBe(true);
    expect(isPictureOnly([image, { type: 'text', value: ' Trucks at the border on May 3.' }])).toBe(false);
    expect(isPictureOnly([{ type: 'text', value: 'No picture here.' }])).toBe(false);
  });
});

describe('furniture in a digest', () => {
  it('should leave a caption between two paragraphs out without splitting the story', () => {
    const { digest, messages } = parseText('---\ndate: 2025-07\n---\nKim hosts Lavrov in Wonsan\nLavrov met Kim Jong Un on July 12.\nPhoto: Lavrov and Kim at the resort. (KCNA)\nThe two sides pledged more flights.\n');
    expect(messages).toEqual([]);
    expect(digest?.stories.map((s) => s.paragraphs)).toEqual([['Lavrov met Kim Jong Un on July 12.', 'The two sides pledged more flights.']]);
  });

  it('should date and title a pasted e-mail from its subject when nothing else names the issue', () => {
    const { digest } = parseText('From: The Monitor <m@example.org>\nSubject: Fwd: Eurasia Monitor, March 2026\n\nIran and Russia open a rail route\nA train reached Bandar Abbas on March 3.\n', 'pasted.txt');
    expect(digest?.digest).toMatchObject({ date: { year: 2026, month: 3 }, title: 'Eurasia Monitor, March 2026' });
    // The Date: header is the day it was sent (April), not the month: no date from it.
    const sent = parseText('From: The Monitor <m@example.org>\nDate: 2 April 2026\nSubject: This month\n\nIran and Russia open a rail route\nA train reached Bandar Abbas on March 3.\n', 'pasted.txt');
    expect(sent.messages).toEqual([expect.stringMatching(/:1:1: error: Unexpected missing digest date/)]);
    expect(digest?.stories.map((s) => s.headline)).toEqual(['Iran and Russia open a rail route']);
  });

  it('should read paragraphs before the first headline as the introduction, with a warning', () => {
    const { digest, messages } = parseText('---\ndate: 2025-08\n---\nDear readers,\nHere are the month\'s main developments.\nIran and Russia open a new rail route\nA freight train reached Bandar Abbas on August 3.\n');
    expect(digest?.stories.map((s) => s.headline)).toEqual(['Iran and Russia open a new rail route']);
    expect(messages).toEqual([expect.stringMatching(/:4:1: warning: Lines 4–5 read as the issue's introduction, not a story/)]);
  });

  it('should never take a line that ends with a comma for a headline', () => {
    const { digest } = parseText('---\ndate: 2025-08\n---\nRussia and China hold drills\nThe navies met in the Sea of Japan on August 2,\nofficials in Beijing said.\n');
    expect(digest?.stories.map((s) => [s.headline, s.paragraphs.length])).toEqual([['Russia and China hold drills', 2]]);
  });
});

describe('round-ups of short items', () => {
  it.each(['In brief', 'IN BRIEF:', '**Also in the news**', 'Other news this month', 'Quick hits', 'News round-up', 'Briefly', 'In other news'])('should read %s as a round-up', (name) => {
    expect(isRoundup(name)).toBe(true);
  });

  it.each(['Briefing: Iran and Russia sign a rail deal', 'In brief talks, Lavrov and Wang agree on Syria', 'Other developments in the Caspian stall a pipeline', 'Key takeaways'])('should read %s as no round-up', (name) => {
    expect(isRoundup(name)).toBe(false);
  });
});

describe('firstSentence', () => {
  it.each([
    ['The U.S. Treasury named two firms on Jan. 5. Both denied it.', 'The U.S. Treasury named two firms on Jan. 5.'],
    ['Gen. Kim met Lt. Park in Seoul. "It went well," he said.', 'Gen. Kim met Lt. Park in Seoul.'],
    ['Did Tehran pay? Nobody knows.', 'Did Tehran pay?'],
    ['One sentence only, no final mark', 'One sentence only, no final mark'],
  ])('should cut %s at its first sentence end', (text, first) => {
    expect(firstSentence(text)).toBe(first);
  });
});
