/**
 * One seed file → one digest of stories. Pure: the caller reads the bytes.
 * Every problem becomes a positioned message on the VFile; a file with an
 * error yields `undefined` and the build reports all messages of all files.
 */
import type { PhrasingContent } from 'mdast';
import type { VFile } from 'vfile';
import { decodedBlocks, deepMarkdownNesting, detectForm, runInHeadlines, oversizedMarkdownBlock, plainBlocks, MAX_MARKDOWN_BLOCK, MAX_MARKDOWN_MARKS, MAX_MARKDOWN_NESTING, MAX_MARKDOWN_PART, oversizedMarkdownPart, type Block, type BodyForm } from './blocks.ts';
import type { MarkdownKit } from './markdown.ts';
import { findMonthYear, formatHumanDate, parseIsoDate } from '../records/dates.ts';
import { decodeSeed } from './decode.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { paragraphsToHtml } from './html.ts';
import { dropFurniture, isRoundup, isStandingSection, splitHeadlineDate, type FurnitureKind } from './furniture.ts';
import { sectionLabels, subheadings } from './outline.ts';
import { classifyLines, endsWithFullStop, firstSentence, lineFeatures, ownScore, type LineDecision } from './headlines.ts';
import { hasErrors, seedError, seedWarning } from '../errors.ts';
import { shortHash, toAscii } from '../records/slug.ts';
import type { CalendarDate, ParsedDigest, ParsedStory } from '../types.ts';

/** A line holding only `|` ends a digest; anything after it (e-mail footers) is not a story. */
const END_MARKER = /^[ \t]*\|[ \t]*$/m;
const HIGHLIGHTS = /^\s*[A-Za-z]+\s+\d{4}\s+Highlights\s*$/i;
const TITLE_LINE = /\s\|\s/;

const DATE_HELP = 'add front matter `date: YYYY-MM` (or `YYYY-MM-DD`) between `---` lines at the top of the file, start the file name with the date (`2024-05-…`), or begin the digest with a header line such as `May 2024 Highlights`';

/**
 * `markdown`: the Markdown kit (src/seeds/markdown.ts), which a seed with `#` headings needs
 * and a plain-text one never loads; the engine passes it when `mayBeMarkdown` says so.
 */
export function parseSeed(file: VFile, fileName: string, markdown?: MarkdownKit): ParsedDigest | undefined {
  const decoded = decodeSeed(file.value as Uint8Array);
  if (!decoded.ok) {
    seedError(file, decoded.reason, { line: decoded.line }, 'encoding');
    return undefined;
  }
  if (decoded.text.trim() === '') {
    seedError(file, 'Unexpected empty file, expected a digest: a headline line, then one or more paragraph lines, for each story', { line: 1 }, 'empty-file');
    return undefined;
  }
  const { data, body: fullBody } = splitFrontMatter(decoded.text, file);
  const end = END_MARKER.exec(fullBody);
  const body = end ? fullBody.slice(0, end.index) : fullBody;

  const form = detectForm(body);
  let blocks: readonly Block[];
  if (form === 'markdown') {
    if (!markdown) throw new TypeError('Expected the Markdown kit (src/seeds/markdown.ts) for a seed with `#` headings');
    const deep = deepMarkdownNesting(body);
    if (deep) {
      seedError(file, `Unexpected quotes or lists nested ${deep.depth} levels deep, expected at most ${MAX_MARKDOWN_NESTING}: flatten them, or write the digest as plain text (no \`#\` headings)`, { line: deep.line }, 'nesting-too-deep');
      return undefined;
    }
    const oversized = oversizedMarkdownBlock(body);
    if (oversized && oversized.length > MAX_MARKDOWN_BLOCK) {
      seedError(file, `Unexpected Markdown paragraph of ${oversized.length} characters, expected at most ${MAX_MARKDOWN_BLOCK}: split it into paragraphs`, { line: oversized.line }, 'paragraph-too-long');
      return undefined;
    }
    if (oversized) {
      seedError(file, `Unexpected Markdown paragraph with ${oversized.marks} of the marks \`* _ \` [ ] <\`, expected at most ${MAX_MARKDOWN_MARKS}: split it into paragraphs, or write the digest as plain text (no \`#\` headings)`, { line: oversized.line }, 'paragraph-too-marked');
      return undefined;
    }
    // After the cheap checks: finding the parts is a (block-only) parse of the whole body.
    const parts = markdown.parts(body);
    const part = oversizedMarkdownPart(body, parts);
    if (part) {
      seedError(file, `Unexpected Markdown story of ${part.length} characters without a \`#\` heading, expected at most ${MAX_MARKDOWN_PART}: split it into stories (or close the code or HTML block it opens)`, { line: part.line }, 'story-too-long');
      return undefined;
    }
    blocks = markdown.blocks(body, parts);
  } else {
    blocks = runInHeadlines(decodedBlocks(plainBlocks(body)));
  }
  // Share bars, bylines, captions and the like are no part of any story (src/seeds/furniture.ts).
  const { kept, furniture, datelines, subject } = dropFurniture(blocks, (text) => ownScore(lineFeatures(text)) > 0);
  // Pasted web pages and e-mails carry the series' header block in either form.
  const header = takeHeader(kept);
  const stories = groupStories(header.rest, form, file, furniture, markdown, datelines);

  // A pasted e-mail's subject names the issue as the series' title line does (its Date: header is the day it was sent, often the month after).
  const date = data.date ?? dateFromFileName(fileName) ?? header.date ?? (subject === undefined ? undefined : findMonthYear(subject));
  const namedDate = /^\d{4}-\d{2}(?:-\d{2})?(?=[^\d]|$)/.exec(fileName)?.[0];
  if (!date && !hasErrors(file) && namedDate !== undefined) {
    seedError(file, `Unexpected date \`${namedDate}\` at the start of the file name, expected a real calendar date (\`YYYY-MM-DD\` or \`YYYY-MM\`)`, { line: 1 }, 'file-name-date');
  }
  if (!date && !hasErrors(file)) {
    seedError(file, `Unexpected missing digest date, expected a date for the issue: ${DATE_HELP}`, { line: 1 }, 'missing-date');
  }
  if (stories.length === 0 && !hasErrors(file)) {
    seedError(file, 'Unexpected digest with no stories, expected a headline line followed by one or more paragraph lines', { line: 1 }, 'no-stories');
  }
  if (hasErrors(file) || !date) return undefined;
  return {
    digest: {
      id: digestId(fileName),
      // The seed's name in its folder, never the folder: records are published, and
      // the same seeds must give the same bytes wherever they lie (messages keep the full path).
      file: fileName,
      title: data.title ?? header.title ?? subject ?? `Digest, ${formatHumanDate(date)}`,
      date,
      ...(data.source === undefined ? {} : { source: data.source }),
    },
    stories,
  };
}

/**
 * The header block of a digest pasted from the series' page or e-mail: a title
 * line `Name | October 2024`, a one-sentence description, `October 2024 Highlights`.
 */
function takeHeader(blocks: Block[]): { title: string | undefined; date: CalendarDate | undefined; rest: Block[] } {
  const first = blocks[0];
  const highlights = blocks.slice(0, 4).findIndex((block) => HIGHLIGHTS.test(block.text));
  // A forwarded e-mail puts its note above the issue: a title line naming a month, a few blocks down, is the header too.
  const start = highlights !== -1 || (first && TITLE_LINE.test(first.text) && !first.marked) ? 0 : blocks.slice(0, HEADER_SEARCH).findIndex((block) => isTitleLine(block));
  if (highlights === -1 && start === -1) return { title: undefined, date: undefined, rest: blocks };
  let end = highlights;
  if (end === -1) {
    // Title line, then its description sentences, up to the first headline.
    end = start;
    // Only full stops: a question or exclamation after the title line is the first headline.
    while (blocks[end + 1] && endsWithFullStop(blocks[end + 1]!.text) && !blocks[end + 1]!.marked) end++;
  }
  const headerBlocks = blocks.slice(start, end + 1);
  const titleBlock = headerBlocks.find((block) => TITLE_LINE.test(block.text));
  const date = headerBlocks.map((block) => findMonthYear(block.text)).find((found) => found !== undefined);
  // What stands above the header (a forwarding note) stays, to be read as the introduction.
  return { title: titleBlock?.text, date, rest: [...blocks.slice(0, start), ...blocks.slice(end + 1)] };
}

/** How many blocks down a title line is still the header (below a forwarding note and a greeting). */
const HEADER_SEARCH = 8;
/** `Axis Monitor | April 2025` below the top: a title line that names a month and a year, and no headline mark. */
const isTitleLine = (block: Block): boolean => !block.marked && TITLE_LINE.test(block.text) && findMonthYear(block.text) !== undefined;

/**
 * Headline or paragraph for each block. Markdown headings and e-mail `** `
 * markers say it outright; plain lines are scored (src/seeds/headlines.ts).
 */
function decide(blocks: readonly Block[], form: BodyForm, furniture: ReadonlyMap<number, FurnitureKind>): LineDecision[] {
  if (form === 'markdown' || blocks.some((block) => block.marked)) {
    const inner = form === 'markdown' ? subheadings(blocks) : new Set<number>();
    return blocks.map((block, index) => {
      const headline = form === 'markdown' ? block.kind === 'heading' && !inner.has(index) : block.marked;
      return { headline, score: headline ? 1 : -1, close: false, reasons: [] };
    });
  }
  const decisions = classifyLines(blocks.map((block, index) => ({ text: block.text, afterBlank: index === 0 || blankBetween(blocks[index - 1]!.end ?? blocks[index - 1]!.line, block.line, furniture) })))
    // A standing section's name heads its section wherever it stands (read as a paragraph, it would join the story above).
    .map((decision, index) => (!decision.headline && (isStandingSection(blocks[index]!.text) || isRoundup(blocks[index]!.text)) ? { headline: true, score: decision.score, close: false, reasons: [] } : decision));
  // A close call that would leave a headline without a paragraph (another
  // headline, or nothing, right after it; or it right after a headline) is read
  // the other way when a story above can take the line.
  const read: LineDecision[] = [];
  let open = false;
  decisions.forEach((decision, index) => {
    const previous = read[index - 1];
    const next = decisions[index + 1];
    const crowded = previous?.headline === true ? 'right after a headline' : next === undefined ? 'last line' : next.headline ? 'a headline follows' : undefined;
    read.push(decision.close && decision.headline && open && crowded !== undefined ? { headline: false, score: decision.score, close: true, reasons: [crowded] } : decision);
    open ||= read[index]!.headline;
  });
  return read;
}

/** Whether a blank line stands between two lines: the lines between them that are not furniture left out (a caption between two paragraphs is no break). */
function blankBetween(before: number, after: number, furniture: ReadonlyMap<number, FurnitureKind>): boolean {
  for (let line = before + 1; line < after; line++) if (!furniture.has(line)) return true;
  return false;
}

function groupStories(blocks: readonly Block[], form: BodyForm, file: VFile, furniture: ReadonlyMap<number, FurnitureKind>, markdown: MarkdownKit | undefined, datelines: ReadonlyMap<number, string> = new Map()): ParsedStory[] {
  const decisions = decide(blocks, form, furniture);
  // Messages in line order, errors and warnings alike; a line with an error gets no warning.
  const messages: { line: number; reason: string; ruleId: string; fatal: boolean }[] = [];
  const error = (line: number, reason: string, ruleId: string): void => void messages.push({ line, reason, ruleId, fatal: true });
  const warn = (line: number, reason: string, ruleId: string): void => void messages.push({ line, reason, ruleId, fatal: false });
  const groups: { headline: Block; paragraphs: Block[] }[] = [];
  const introduction: Block[] = [];
  blocks.forEach((block, index) => {
    if (decisions[index]!.headline) groups.push({ headline: block, paragraphs: [] });
    else if (groups.length === 0) introduction.push(block);
    else groups.at(-1)!.paragraphs.push(block);
  });
  // Paragraphs before the first headline: a letter's greeting, an "in this issue" paragraph.
  if (introduction.length > 0 && groups.length > 0) {
    const lines = introduction.length === 1 ? `Line ${introduction[0]!.line}` : `Lines ${introduction[0]!.line}–${introduction.at(-1)!.line}`;
    warn(introduction[0]!.line, `${lines} read as the issue's introduction, not a story (no headline above ${introduction.length === 1 ? 'it' : 'them'}), and left out; if ${introduction.length === 1 ? 'it is' : 'they are'} a story, put its headline above`, 'introduction');
  }
  if (form === 'plain' && !blocks.some((block) => block.marked)) joinHeadlinePairs(groups, warn);
  else dropSectionHeadings(groups, warn);
  if (form === 'markdown') dropSectionIntroductions(groups, new Set([...sectionLabels(blocks)].map((index) => blocks[index]!)), warn);
  dropStandingSections(groups, warn);
  unlistHeadlines(groups);
  splitRoundups(groups, warn);
  const stories: ParsedStory[] = [];
  for (const { headline, paragraphs } of groups) {
    if (paragraphs.length === 0) {
      error(headline.line, `Unexpected headline without a paragraph, expected one or more paragraph lines after it (if \`${truncate(headline.text)}\` is a paragraph, end it with a full stop)`, 'headline-without-paragraph');
      continue;
    }
    // The dateline between the headline and its first paragraph, if any; else a date leading the headline.
    let dateline: string | undefined;
    for (let line = headline.line + 1; line < paragraphs[0]!.line && dateline === undefined; line++) dateline = datelines.get(line);
    const dated = splitHeadlineDate(headline.text);
    dateline ??= dated?.dateline;
    stories.push({
      position: stories.length + 1,
      headline: dated?.headline ?? headline.text,
      paragraphs: paragraphs.map((p) => p.text),
      // A subheading kept in its story (src/seeds/outline.ts) is set in bold, as a paragraph cannot be a heading.
      html: paragraphsToHtml(paragraphs.map((p) => (p.kind === 'heading' ? { ...p, children: [{ type: 'strong', children: [...p.children] }] } : p)), markdown?.toHtml),
      line: headline.line,
      ...(dateline === undefined ? {} : { dateline }),
    });
  }
  const failed = new Set(messages.map((message) => message.line));
  blocks.forEach((block, index) => {
    const decision = decisions[index]!;
    if (decision.close && !failed.has(block.line)) messages.push({ line: block.line, reason: guessed(block.text, decision, index === 0), ruleId: decision.headline ? 'headline-guessed' : 'paragraph-guessed', fatal: false });
  });
  messages.sort((a, b) => a.line - b.line);
  for (const { line, reason, ruleId, fatal } of messages) (fatal ? seedError : seedWarning)(file, reason, { line }, ruleId);
  return stories;
}

const wordsIn = (text: string): number => lineFeatures(text).words;

/** `1. `, `2) ` before a headline. */
const HEADLINE_NUMBER = /^(\d{1,3})[.)] +(?=\S)/;
/** `• `, `▪ `, `- ` before a headline. */
const HEADLINE_BULLET = /^([•◦▪▫▸►‣⁃∙·*–—-]) +(?=\S)/;

/**
 * Headlines marked as a list (`1. Iran and Russia open a rail route`, `2. …`, or
 * `• …` before each), as e-mails and web pages list an issue's stories: the marks
 * are the list's, not the headline's, and are left out. Only when every headline
 * carries one: the same bullet, or numbers from 1 up by one (starting again at 1 is
 * allowed, as sections do), so a headline that merely starts with a figure
 * (`5 takeaways from the summit`) keeps it.
 */
function unlistHeadlines(groups: { headline: Block; paragraphs: Block[] }[]): void {
  if (groups.length < 2) return;
  const bullet = HEADLINE_BULLET.exec(groups[0]!.headline.text)?.[1];
  let previous = 0;
  const listed = groups.every(({ headline }) => {
    if (bullet !== undefined) return HEADLINE_BULLET.exec(headline.text)?.[1] === bullet;
    const number = Number(HEADLINE_NUMBER.exec(headline.text)?.[1] ?? NaN);
    const next = number === previous + 1 || (number === 1 && previous > 0);
    previous = number;
    return next;
  });
  if (!listed) return;
  const mark = bullet === undefined ? HEADLINE_NUMBER : HEADLINE_BULLET;
  for (const group of groups) {
    const { headline } = group;
    group.headline = { ...headline, text: headline.text.replace(mark, ''), children: headline.children.length > 0 ? withoutMark(headline.children, mark) : headline.children };
  }
}

/** A Markdown heading's inline nodes without the list mark its text starts with. */
function withoutMark(children: readonly PhrasingContent[], mark: RegExp): PhrasingContent[] {
  const [first, ...rest] = children;
  return first?.type === 'text' ? [{ ...first, value: first.value.trimStart().replace(mark, '') }, ...rest] : [...children];
}

/**
 * Two headline lines in a row, the second with paragraphs, are no story without
 * a body: pasted from a web page they are a section label above a headline (a
 * few words, shorter than the headline) or a headline with its subtitle. Read
 * the more plausible way, in place, and say so.
 */
function joinHeadlinePairs(groups: { headline: Block; paragraphs: Block[] }[], warn: (line: number, reason: string, ruleId: string) => void): void {
  for (let i = 0; i + 1 < groups.length; i++) {
    const here = groups[i]!;
    const next = groups[i + 1]!;
    if (here.paragraphs.length > 0 || next.paragraphs.length === 0) continue;
    if (wordsIn(here.headline.text) <= 4 && wordsIn(next.headline.text) > wordsIn(here.headline.text)) {
      warn(here.headline.line, `Line read as a section heading above the next story, not a story of its own (\`${truncate(here.headline.text)}\` has no paragraph, the headline after it has); if it is a story, give it a paragraph`, 'section-heading');
      groups.splice(i, 1);
      i--;
    } else {
      warn(next.headline.line, `Line read as the subtitle of the headline above and kept as its first paragraph (that headline has no paragraph of its own); if it starts a story, give the story above a paragraph`, 'subtitle');
      here.paragraphs.push(next.headline, ...next.paragraphs);
      groups.splice(i + 1, 1);
    }
  }
}

/**
 * Headings say outright that they are headings (Markdown `#`, e-mail `** `), so
 * one with no paragraph before the next heading is a section heading
 * (`## March 2026 Highlights`, `### China–Russia`), not a story: left out, with
 * a warning. A heading with nothing after it at all is still an error.
 */
function dropSectionHeadings(groups: { headline: Block; paragraphs: Block[] }[], warn: (line: number, reason: string, ruleId: string) => void): void {
  for (let i = groups.length - 2; i >= 0; i--) {
    if (groups[i]!.paragraphs.length > 0) continue;
    warn(groups[i]!.headline.line, `Heading read as a section heading, not a story (\`${truncate(groups[i]!.headline.text)}\` has no paragraph before the next heading); if it is a story, give it a paragraph`, 'section-heading');
    groups.splice(i, 1);
  }
}

/** A section's label and its introduction (src/seeds/outline.ts `sectionLabels`) are left out, with a warning. */
function dropSectionIntroductions(groups: { headline: Block; paragraphs: Block[] }[], labels: ReadonlySet<Block>, warn: (line: number, reason: string, ruleId: string) => void): void {
  for (let i = groups.length - 1; i >= 0; i--) {
    const { headline, paragraphs } = groups[i]!;
    if (!labels.has(headline)) continue;
    const last = paragraphs.at(-1)!;
    warn(headline.line, `Lines ${headline.line}–${last.end ?? last.line} read as the introduction of the \`${truncate(headline.text)}\` section, not a story (a short heading above the stories' headings), and left out; if it is a story, give it a headline that says what happened, at the stories' heading level`, 'section-introduction');
    groups.splice(i, 1);
  }
}

/** A list mark before a round-up's item in plain text (`- `, `• `, `1. `). */
const ITEM_MARK = /^(?:[•◦▪▫▸►‣⁃∙·*–—-]|\d{1,3}[.)]) +(?=\S)/;

/**
 * An issue's round-up (`In brief`, `Other news`) is short items, each news of its own: each
 * becomes a story, headed by its first sentence, so that it is dated, tagged and linked on
 * its own instead of published as one story headed `In brief`.
 */
function splitRoundups(groups: { headline: Block; paragraphs: Block[] }[], warn: (line: number, reason: string, ruleId: string) => void): void {
  for (let i = groups.length - 1; i >= 0; i--) {
    const { headline, paragraphs } = groups[i]!;
    if (!isRoundup(headline.text) || paragraphs.length === 0) continue;
    const items = paragraphs.filter((p) => p.kind === 'text').map((p) => (p.children.length === 0 ? { ...p, text: p.text.replace(ITEM_MARK, '') } : p));
    const last = paragraphs.at(-1)!;
    warn(headline.line, `Lines ${headline.line}–${last.end ?? last.line} read as the issue's \`${truncate(headline.text)}\` round-up: each of its ${items.length} item${items.length === 1 ? ' is a story' : 's is a story of its own'}, headed by its first sentence; to head one otherwise, give it a headline line above it`, 'roundup');
    groups.splice(i, 1, ...items.map((item) => ({ headline: { ...item, text: firstSentence(item.text).replace(/(?<![.\s]\p{Lu})\.$/u, ''), children: [] }, paragraphs: [item] })));
  }
}

/**
 * The issue's own standing sections (`Editor's note`, `Looking ahead`, `Key
 * takeaways`: src/seeds/furniture.ts) read as headlines with paragraphs, but
 * they report no news: left out of the stories, with a warning that names them.
 */
function dropStandingSections(groups: { headline: Block; paragraphs: Block[] }[], warn: (line: number, reason: string, ruleId: string) => void): void {
  for (let i = groups.length - 1; i >= 0; i--) {
    const { headline, paragraphs } = groups[i]!;
    if (!isStandingSection(headline.text)) continue;
    const last = paragraphs.at(-1);
    const lines = last === undefined ? `Line ${headline.line}` : `Lines ${headline.line}–${last.end ?? last.line}`;
    warn(headline.line, `${lines} read as the issue's \`${truncate(headline.text)}\` section, not a story (it names no news of its own), and left out; if it is a story, give it a headline that says what happened`, 'standing-section');
    groups.splice(i, 1);
  }
}

/** The warning for a close call: how the line was read, the signals that decided it, and how to say otherwise. */
function guessed(text: string, decision: LineDecision, first: boolean): string {
  const why = decision.reasons.slice(0, 3).join(', ');
  if (!decision.headline) {
    return `Line read as a paragraph (${why}); if it starts a story, make it a short headline line without a final full stop, followed by its paragraphs`;
  }
  const hint = !endsWithFullStop(text)
    ? 'if it belongs to the story above, end it with a full stop'
    : first ? 'if it is a paragraph, put its story\'s headline above it' : 'if it is a paragraph, join it to the line before it';
  return `Line read as a headline (${why}); ${hint}`;
}

const truncate = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/** `2024-05-31-….txt` or `2024-05-….txt`. */
export function dateFromFileName(fileName: string): CalendarDate | undefined {
  const match = /^(\d{4}-\d{2}(?:-\d{2})?)(?=[^\d]|$)/.exec(fileName);
  return match?.[1] ? parseIsoDate(match[1]) : undefined;
}

const MAX_DIGEST_ID = 80;


/**
 * The digest's id (and `/digests/<id>/` path segment): its file name without
 * extension, in ASCII (`普京.txt` → `pu-jing`), at most 80 characters. Nothing in
 * a file name (`..`, `/`, `%2e`) survives as a path.
 */
export function digestId(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  // Only non-ASCII names are transliterated, so existing ids never change (and only they load the transliterator: 50 ms).
  const ascii = /[^\x00-\x7f]/.test(stem) ? toAscii(stem.normalize('NFC')) : stem;
  const id = ascii.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (id === '') return `digest-${shortHash(stem)}`;
  return id.length <= MAX_DIGEST_ID ? id : `${id.slice(0, MAX_DIGEST_ID - 7).replace(/-+$/, '')}-${shortHash(stem)}`;
}
