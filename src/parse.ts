/**
 * One seed file → one digest of stories. Pure: the caller reads the bytes.
 * Every problem becomes a positioned message on the VFile; a file with an
 * error yields `undefined` and the build reports all messages of all files.
 */
import { transliterate } from 'transliteration';
import type { VFile } from 'vfile';
import { deepMarkdownNesting, detectForm, markdownBlocks, oversizedMarkdownBlock, plainBlocks, MAX_MARKDOWN_BLOCK, MAX_MARKDOWN_MARKS, MAX_MARKDOWN_NESTING, MAX_MARKDOWN_PART, markdownParts, oversizedMarkdownPart, type Block } from './blocks.ts';
import { findMonthYear, formatHumanDate, parseIsoDate } from './dates.ts';
import { decodeSeed } from './decode.ts';
import { splitFrontMatter } from './frontmatter.ts';
import { paragraphsToHtml } from './html.ts';
import { hasErrors, seedError } from './messages.ts';
import { shortHash } from './slug.ts';
import type { CalendarDate, ParsedDigest, ParsedStory } from './types.ts';

/** A line holding only `|` ends a digest; anything after it (e-mail footers) is not a story. */
const END_MARKER = /^[ \t]*\|[ \t]*$/m;
const HIGHLIGHTS = /^\s*[A-Za-z]+\s+\d{4}\s+Highlights\s*$/i;
const TITLE_LINE = /\s\|\s/;
/** A paragraph line ends a sentence; a headline does not. */
const SENTENCE_END = /[.!?…:;。！？；：؟۔]["'’”»)\]）」』]*$/u;

const DATE_HELP = 'add front matter `date: YYYY-MM` (or `YYYY-MM-DD`) between `---` lines at the top of the file, start the file name with the date (`2024-05-…`), or begin the digest with a header line such as `May 2024 Highlights`';

export function parseSeed(file: VFile, fileName: string): ParsedDigest | undefined {
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
  let blocks: Block[];
  if (form === 'markdown') {
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
    const parts = markdownParts(body);
    const part = oversizedMarkdownPart(body, parts);
    if (part) {
      seedError(file, `Unexpected Markdown story of ${part.length} characters without a \`#\` heading, expected at most ${MAX_MARKDOWN_PART}: split it into stories (or close the code or HTML block it opens)`, { line: part.line }, 'story-too-long');
      return undefined;
    }
    blocks = markdownBlocks(body, parts);
  } else {
    blocks = plainBlocks(body);
  }
  const header = form === 'plain' ? takeHeader(blocks) : { title: undefined, date: undefined, rest: blocks };
  const stories = groupStories(header.rest, form, file);

  const date = data.date ?? dateFromFileName(fileName) ?? header.date;
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
      file: file.path,
      title: data.title ?? header.title ?? `Digest, ${formatHumanDate(date)}`,
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
  if (highlights === -1 && !(first && TITLE_LINE.test(first.text) && !first.marked)) {
    return { title: undefined, date: undefined, rest: blocks };
  }
  let end = highlights;
  if (end === -1) {
    // Title line, then its description sentences, up to the first headline.
    end = 0;
    while (blocks[end + 1] && SENTENCE_END.test(blocks[end + 1]!.text) && !blocks[end + 1]!.marked) end++;
  }
  const headerBlocks = blocks.slice(0, end + 1);
  const titleBlock = headerBlocks.find((block) => TITLE_LINE.test(block.text));
  const date = headerBlocks.map((block) => findMonthYear(block.text)).find((found) => found !== undefined);
  return { title: titleBlock?.text, date, rest: blocks.slice(end + 1) };
}

function isHeadline(block: Block, form: 'markdown' | 'plain', markedFile: boolean): boolean {
  if (form === 'markdown') return block.kind === 'heading';
  if (markedFile) return block.marked;
  return !SENTENCE_END.test(block.text);
}

function groupStories(blocks: readonly Block[], form: 'markdown' | 'plain', file: VFile): ParsedStory[] {
  const markedFile = blocks.some((block) => block.marked);
  const groups: { headline: Block; paragraphs: Block[] }[] = [];
  for (const block of blocks) {
    if (isHeadline(block, form, markedFile)) {
      groups.push({ headline: block, paragraphs: [] });
    } else if (groups.length === 0) {
      seedError(file, 'Unexpected paragraph before the first headline, expected a headline line (no final full stop) to start the story', { line: block.line }, 'paragraph-before-headline');
    } else {
      groups.at(-1)!.paragraphs.push(block);
    }
  }
  const stories: ParsedStory[] = [];
  for (const { headline, paragraphs } of groups) {
    if (paragraphs.length === 0) {
      seedError(file, `Unexpected headline without a paragraph, expected one or more paragraph lines after it (if \`${truncate(headline.text)}\` is a paragraph, end it with a full stop)`, { line: headline.line }, 'headline-without-paragraph');
      continue;
    }
    stories.push({
      position: stories.length + 1,
      headline: headline.text,
      paragraphs: paragraphs.map((p) => p.text),
      html: paragraphsToHtml(paragraphs),
      line: headline.line,
    });
  }
  return stories;
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
  // Only non-ASCII names are transliterated, so existing ids never change.
  const ascii = /[^\x00-\x7f]/.test(stem) ? transliterate(stem.normalize('NFC')) : stem;
  const id = ascii.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (id === '') return `digest-${shortHash(stem)}`;
  return id.length <= MAX_DIGEST_ID ? id : `${id.slice(0, MAX_DIGEST_ID - 7).replace(/-+$/, '')}-${shortHash(stem)}`;
}
