/**
 * Digest body → a flat list of positioned blocks (headings and paragraph
 * lines).
 *
 * Two forms, chosen per file:
 * - Markdown: the file has `#` headings. remark parses it; headings start
 *   stories, paragraphs are Markdown paragraphs (emphasis and links allowed).
 * - Plain text (the series' own form): one block per non-blank line, read
 *   literally: `*`, `[`, `<`, `#`, `1.` stay what the editor typed. This is
 *   what remark gives with every construct but paragraphs switched off (the
 *   first implementation, kept as the oracle of a differential test in
 *   tests/seeds/blocks.test.ts); a line scan does it without building a syntax tree,
 *   which was half of all parsing time (docs/performance.md, "Seeds").
 */
import type { PhrasingContent } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { collapseSpace, wordsIn } from '../space.ts';

export interface Block {
  readonly kind: 'heading' | 'text';
  readonly line: number;
  readonly text: string; // plain text, whitespace collapsed
  readonly children: readonly PhrasingContent[]; // Markdown form only; [] for plain text
  /** E-mail exports mark headlines with a leading `** `. */
  readonly marked: boolean;
  /** A Markdown heading's level (`#` 1 … `######` 6). */
  readonly depth?: number;
  /** The last line of a block joined from lines that wrapped or broke (`joinWrapped`, `joinBroken`); `line` when absent. */
  readonly end?: number;
}

export type BodyForm = 'markdown' | 'plain';


const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+\S/m;
/** A rule between stories: `---`, `===`, `___`, or three or more stars, bullets or tildes (`* * *`, `•••`). */
const RULE_LINE = /^[ \t]*(?:[-–—=_]{3,}|(?:[*•·~◆◇♦][ \t]*){3,})[ \t]*$/;
/** No leading `[ \t]*` here: unanchored, it is quadratic in a long run of spaces (ReDoS). */
const LINK_REMOVED = /\(?\[link removed\]\)?/i;
/** Longest Markdown paragraph parsed; micromark's emphasis matching is quadratic in it. */
export const MAX_MARKDOWN_BLOCK = 8_000;
/** Most emphasis, code and link marks in one Markdown block: matching them is quadratic in their number. */
export const MAX_MARKDOWN_MARKS = 500;
const MARKDOWN_MARK = /[*_`[\]<]/g;
/**
 * Deepest nesting of block quotes and lists. micromark re-checks every open
 * container on every line, so cost grows with depth × length: 500 quote
 * levels (132 KB) took 40 s and 775 MB; at 20 levels a 10 MB seed is linear.
 */
export const MAX_MARKDOWN_NESTING = 20;
/** One container opener at the start of what is left of a line: `>`, `-`, `*`, `+`, `1.`, `1)`. */
const CONTAINER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;

export function detectForm(body: string): BodyForm {
  return ATX_HEADING.test(body) ? 'markdown' : 'plain';
}

/** Whether a seed's whole text (front matter included) may be Markdown: `detectForm` of its body can only say so then. */
export const mayBeMarkdown = (text: string): boolean => ATX_HEADING.test(text);

/**
 * Strip e-mail export markers line by line (line count unchanged). `bold`: a line bold
 * from end to end marks a headline too (plain text only: in Markdown it is a bold paragraph).
 */
export function cleanLines(lines: readonly string[], bold = false): { lines: string[]; marked: Set<number> } {
  const marked = new Set<number>();
  const source = unquoted(lines);
  // A page's HTML source pasted as plain text: its elements read as what they hold (Markdown keeps HTML as the editor typed it).
  const html = bold && source.filter((line) => line.includes('</') && HTML_ELEMENT_LINE.test(line)).length >= HTML_LINES;
  const cleaned = source.map((raw, index) => {
    let line = LINK_REMOVED.test(raw) ? raw.split(LINK_REMOVED).map((part, i, all) => (i < all.length - 1 ? trimEndBlank(part) : part)).join('') : raw;
    if (html) {
      const element = HTML_ELEMENT_LINE.exec(line);
      if (element) {
        line = element[2]!.replace(INLINE_TAG, '');
        if (/^h/i.test(element[1]!)) marked.add(index + 1);
      } else if (HTML_WRAPPER_LINE.test(line)) {
        line = '';
      }
    }
    const email = emailHeadline(line, bold);
    if (email !== undefined) {
      marked.add(index + 1);
      line = email;
    }
    return RULE_LINE.test(line) ? '' : line;
  });
  blankMailerBoilerplate(cleaned);
  blankSignOff(cleaned);
  return { lines: cleaned, marked };
}

/** A whole line that is one HTML block element: `<h2>…</h2>`, `<p class="lead">…</p>`. */
const HTML_ELEMENT_LINE = /^[ \t]*<(h[1-6]|p|li|div|blockquote|dt|dd|figcaption)(?:\s[^<>]*)?>(.*?)<\/\1>[ \t]*$/i;
/** A line that only opens or closes a wrapper (`<ul>`, `</div>`, `<br>`, `<hr/>`). */
const HTML_WRAPPER_LINE = /^[ \t]*(?:<\/?(?:ul|ol|div|section|article|main|header|footer|body|html|blockquote|table|tbody|tr|dl)(?:\s[^<>]*)?>|<(?:br|hr)\s*\/?>)+[ \t]*$/i;
/** Inline elements inside one, whose text stays: links, emphasis, spans, line breaks. */
const INLINE_TAG = /<\/?(?:a|b|strong|i|em|u|span|small|sup|sub|abbr|cite|q|mark|font|time)(?:\s[^<>]*)?>|<br\s*\/?>/gi;
/** Fewest element lines that make a plain-text body HTML source: one may be a line of prose about a tag. */
const HTML_LINES = 2;

/** `> ` or `>` opening a line: one level of an e-mail's quoting. */
const QUOTE_MARK = /^[ \t]*>[ \t]?/;
/** Most quoting levels removed: a forward of a forward of a forward. */
const MAX_QUOTE_LEVELS = 5;

/**
 * A digest forwarded or replied to in an e-mail arrives with every line quoted (`> Russia and
 * Iran ratify …`): when most non-blank lines open with `>`, one level of quoting comes off every
 * line that has it, and again for a forward of a forward. A few quoted lines in an issue (a
 * quotation an editor set so) are left as typed. Line count unchanged.
 */
function unquoted(lines: readonly string[]): readonly string[] {
  let current = lines;
  for (let level = 0; level < MAX_QUOTE_LEVELS; level++) {
    let quoted = 0;
    let text = 0;
    for (const line of current) {
      if (line.trim() === '') continue;
      text++;
      if (QUOTE_MARK.test(line)) quoted++;
    }
    if (text === 0 || quoted * 2 <= text) return current;
    current = current.map((line) => line.replace(QUOTE_MARK, ''));
  }
  return current;
}

/** `Best,`, `Kind regards,`, `Thanks!`, `--` (the signature delimiter): where a personal e-mail's sign-off starts. */
const SIGN_OFF = /^[ \t]*(?:--[ \t]*|(?:(?:best|kind|warm|warmest|many|with (?:best|kind|warm))[ \t]+)?(?:regards|wishes|thanks|best|cheers|sincerely|yours(?: sincerely| truly)?|thank you|all the best|take care|talk soon|see you(?: next month)?)[ \t]*[,.!]?[ \t]*)$/i;
/** `Thanks for reading, and see you next month.`: a closing line of the issue, no story. */
const CLOSING = /^[ \t]*(?:thanks?|thank you|many thanks)(?: again)? for reading\b[^\n]{0,100}$/i;
/** Most lines a signature holds after the sign-off (name, role, organisation, phone, address). */
const SIGNATURE_LINES = 8;
/** Most words in a line of a signature. */
const SIGNATURE_WORDS = 10;

/**
 * A personal e-mail's sign-off and signature (`Best,` / `Jane` / `--` / `Jane Doe` / `Senior
 * Fellow` / a phone number) and the issue's own closing line (`Thanks for reading …`) are no story:
 * blanked, when the sign-off is among the last `SIGNATURE_LINES` + 1 non-blank lines and every
 * line after it is as short as a signature's.
 */
function blankSignOff(lines: string[]): void {
  let after = 0;
  let signOff = -1;
  for (let index = lines.length - 1; index >= 0 && after <= SIGNATURE_LINES; index--) {
    const line = lines[index]!;
    if (line.trim() === '') continue;
    if (SIGN_OFF.test(line)) signOff = index;
    else if (wordsIn(line) > SIGNATURE_WORDS) break;
    after++;
  }
  if (signOff >= 0) for (let index = signOff; index < lines.length; index++) lines[index] = '';
  for (let index = lines.length - 1, seen = 0; index >= 0 && seen < FOOTER_LINES; index--) {
    if (lines[index]!.trim() === '') continue;
    seen++;
    if (CLOSING.test(lines[index]!)) lines[index] = '';
  }
}

/**
 * What mailing services wrap around an issue, in any newsletter: the "view this
 * e-mail in your browser" line above it and the footer below it (copyright,
 * "all rights reserved", unsubscribe and preferences links, "you are receiving
 * this e-mail", the mailing address, "subscribe to get it in your inbox", "follow us on"). None of it is a story: the lines above
 * are blanked, and so is everything from the footer's first line on, when that
 * line is among the last `FOOTER_LINES` lines (a story that quotes such words
 * earlier in the issue is left alone).
 */
const MAILER_HEADER = /\bview (?:this |the )?(?:e-?mail|message|newsletter|issue) (?:in|on) (?:your|a|the) (?:web )?browser\b|\bforward (?:this )?(?:e-?mail )?to a friend\b/i;
const MAILER_FOOTER = /\bcopyright\s*(?:©|\(c\))?\s*(?:\d{4}|©)|^\s*(?:©|\(c\))\s*\d{4}|\ball rights reserved\b|\bunsubscribe\b|\b(?:update|manage|change) (?:your )?(?:e-?mail )?(?:preferences|subscription)\b|\byou (?:are|'re|’re) receiving this\b|\bour mailing address is\b|^\s*(?:subscribe|sign up|register)\b[^.!?]{0,80}\b(?:inbox|newsletter|e-?mails?|updates|mailing list)\b|^\s*follow us (?:on|at)\b/i;
export const FOOTER_LINES = 20;
const HEADER_LINES = 5;

function blankMailerBoilerplate(lines: string[]): void {
  let seen = 0;
  for (let index = 0; index < lines.length && seen < HEADER_LINES; index++) {
    if (lines[index]!.trim() === '') continue;
    seen++;
    if (MAILER_HEADER.test(lines[index]!)) lines[index] = '';
  }
  let kept = 0;
  let footer = -1;
  for (let index = lines.length - 1; index >= 0 && kept < FOOTER_LINES; index--) {
    if (lines[index]!.trim() === '') continue;
    kept++;
    if (MAILER_FOOTER.test(lines[index]!)) footer = index;
  }
  if (footer >= 0) for (let index = footer; index < lines.length; index++) lines[index] = '';
}


const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';

/** `text` without trailing spaces and tabs (a loop: `/[ \t]+$/` is quadratic on long runs). */
function trimEndBlank(text: string): string {
  let end = text.length;
  while (end > 0 && isBlank(text[end - 1])) end--;
  return text.slice(0, end);
}

/**
 * The headline of an e-mail export's `** Headline` line (a closing `**` dropped),
 * or of a line bold from end to end (`**Headline**`, `__Headline__`, as a web page
 * pasted as Markdown marks its headlines), or undefined. Written as a scan: the
 * equivalent regex backtracks quadratically.
 */
function emailHeadline(line: string, bold: boolean): string | undefined {
  let start = 0;
  while (isBlank(line[start])) start++;
  const whole = bold ? wholeLineBold(line.slice(start)) : undefined;
  if (whole !== undefined) return whole;
  if (line[start] !== '*' || line[start + 1] !== '*' || !isBlank(line[start + 2])) return undefined;
  let inner = trimEndBlank(line.slice(start + 3));
  if (inner.endsWith('**')) inner = trimEndBlank(inner.slice(0, -2));
  start = 0;
  while (isBlank(inner[start])) start++;
  return inner.slice(start);
}

/** `**Headline**` or `__Headline__` (after leading blanks): the text inside, when the marks open and close the line and nothing inside is marked so. */
function wholeLineBold(line: string): string | undefined {
  const mark = line.slice(0, 2);
  if (mark !== '**' && mark !== '__') return undefined;
  const inner = trimEndBlank(line);
  if (inner.length < 5 || !inner.endsWith(mark) || isBlank(inner[2]) || isBlank(inner[inner.length - 3])) return undefined;
  const text = inner.slice(2, -2);
  return text.includes(mark) ? undefined : text;
}

/**
 * Blocks of a plain-text body: each non-blank line is one block (`lineBlocks`), except that the
 * lines of a hard-wrapped body (`wrapWidth`) that wrapped are joined to the next, so that a
 * paragraph an e-mail program broke at 72 columns is one paragraph again.
 */
export function plainBlocks(body: string): Block[] {
  const { lines, marked } = cleanLines(body.split('\n'), true);
  const blocks = lineBlocks(lines, marked);
  const width = wrapWidth(lines);
  return width === undefined ? joinBroken(blocks) : joinWrapped(blocks, width);
}

/**
 * Words a line cannot end on when its sentence ends there: articles, prepositions,
 * conjunctions, possessives and auxiliaries (the closed classes of English), but not
 * the particles a headline does end on (`Russian troops dig in`, `Talks break off`).
 */
const DANGLING_WORD = /(?:^|\s)(?:a|an|the|and|or|but|nor|as|of|to|at|by|for|from|with|into|onto|upon|amid|amidst|among|against|between|through|toward|towards|via|than|despite|during|without|within|across|including|following|while|because|although|though|whether|if|its|their|his|her|our|your|whose|is|are|was|were|be|been|has|have|had|will|would|could|should|shall|may|might|must|can|cannot)$/i;
/** A sentence does not start in lower case; a line that does continues the one before. */
const LOWER_START = /^\p{Ll}/u;

/**
 * A body in the series' own form (each paragraph one line) where a line was broken in the
 * middle of a sentence, as pasting a headline from a narrow column or a PDF does (`North
 * Korean workers arrive as` over `the labor shortage deepens`): the line ends on a word no
 * sentence ends on and the next starts in lower case, so the two are one line again.
 * Either signal alone is not enough: a headline may end on `in`, a quoted fragment may
 * start in lower case.
 */
function joinBroken(blocks: readonly Block[]): Block[] {
  const joined: Block[] = [];
  for (const block of blocks) {
    const open = joined.at(-1);
    if (open && !open.marked && !block.marked && block.line === (open.end ?? open.line) + 1 && !LINE_END.test(open.text) && DANGLING_WORD.test(open.text) && LOWER_START.test(block.text)) {
      joined[joined.length - 1] = { ...open, text: `${open.text} ${block.text}`, end: block.line };
    } else joined.push(block);
  }
  return joined;
}

/** One block per non-blank line of cleaned lines (`cleanLines`), read literally. */
export function lineBlocks(lines: readonly string[], marked: ReadonlySet<number>): Block[] {
  const blocks: Block[] = [];
  lines.forEach((raw, index) => {
    const text = collapseSpace(raw);
    if (text !== '') blocks.push({ kind: 'text', line: index + 1, text, children: [], marked: marked.has(index + 1) });
  });
  return blocks;
}

/** Each block joined with the ones on the lines right after it that it wrapped onto (`wrapped`); a marked headline is never joined. */
function joinWrapped(blocks: readonly Block[], width: number): Block[] {
  const joined: Block[] = [];
  let last = ''; // the last line of the block being joined
  let lastLine = 0;
  for (const block of blocks) {
    const open = joined.at(-1);
    if (open && !open.marked && !block.marked && block.line === lastLine + 1 && wrapped(last, block.text, width)) {
      joined[joined.length - 1] = { ...open, text: `${open.text} ${block.text}`, end: block.line };
    } else joined.push(block);
    last = block.text;
    lastLine = block.line;
  }
  return joined;
}

/** Widest a hard-wrapped body is wrapped at: mail programs wrap at 66 to 80 columns. */
const MAX_WRAP_WIDTH = 100;
const MIN_WRAP_WIDTH = 50;
/** A wrapped line comes this close to the width, at most (the next word did not fit). */
const WRAP_SLACK = 20;
/** Columns a wrapping program may leave unused when the next word would have just fitted. */
const FIT_SLACK = 2;
/** Ends a sentence or a clause a line may end on: such a line never reads as wrapped. */
const LINE_END = /[.!?:;]["'’”)\]]*$/;

/**
 * The width a plain-text body is hard-wrapped at, or undefined when its lines are paragraphs (the
 * series' own form, a paragraph a line of hundreds of characters). Hard-wrapped: no line with a
 * space is wider than `MAX_WRAP_WIDTH`, and at least three lines, a quarter of them, come within
 * `WRAP_SLACK` of the width and end in the middle of a sentence. The width is the widest length
 * that at least two lines reach within two columns (a program wrapping at 72 fills many lines to
 * 70–72; a headline a little wider stands alone).
 */
function wrapWidth(lines: readonly string[]): number | undefined {
  const lengths: number[] = [];
  let count = 0;
  for (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    count++;
    if (!text.includes(' ')) continue;
    if (text.length > MAX_WRAP_WIDTH) return undefined;
    lengths.push(text.length);
  }
  lengths.sort((a, b) => b - a);
  let width: number | undefined;
  for (let i = 0; i + 1 < lengths.length && width === undefined; i++) {
    if ((lengths[i] as number) - (lengths[i + 1] as number) <= 2) width = lengths[i];
  }
  if (width === undefined || width < MIN_WRAP_WIDTH) return undefined;
  let broken = 0;
  for (const line of lines) {
    const text = line.trim();
    if (text.length >= width - WRAP_SLACK && text.length <= width && !LINE_END.test(text)) broken++;
  }
  return broken >= 3 && broken * 4 >= count ? width : undefined;
}

/**
 * Did `line` wrap onto `next`: it ends mid-sentence, no wider than the body's width and close to
 * it, and the next line's first word would not have fitted on it (a headline line is followed by
 * a paragraph whose first word would have: it is no wrapped line).
 */
function wrapped(line: string, next: string, width: number): boolean {
  if (LINE_END.test(line) || line.length < width - WRAP_SLACK || line.length > width) return false;
  const space = next.indexOf(' ');
  const word = space < 0 ? next.length : space;
  return line.length + 1 + word > width - FIT_SLACK;
}

/** `&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`: an HTML character reference, as text copied from a page's source or some e-mail exports carries. */
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/**
 * Plain text with its HTML character references decoded, as remark decodes them in a
 * Markdown digest (`Russia &amp; China` reads `Russia & China`, not `&amp;` on the page).
 * An `&` that starts no known reference stays as typed (`AT&T;`, `R&D`).
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (decimal !== undefined) return decodeNumericCharacterReference(decimal, 10);
    if (hex !== undefined) return decodeNumericCharacterReference(hex, 16);
    const decoded = decodeNamedCharacterReference(name!);
    return decoded === false ? whole : decoded;
  });
}

/** Plain blocks with their character references decoded (`decodeReferences`); white space collapsed again, as `&nbsp;` is some. */
export function decodedBlocks(blocks: readonly Block[]): Block[] {
  return blocks.map((block) => (block.text.includes('&') ? { ...block, text: collapseSpace(decodeReferences(block.text)) } : block));
}

/**
 * A line that opens with a bold phrase and runs on: `**Russia and Iran sign a deal.** Moscow will lend …`,
 * also as a list item (`- **…** …`, `1. **…** …`) and with a dash after the phrase (`**…** — …`).
 */
const RUN_IN = /^(?:(?:[-*+•]|\d{1,3}[.)])[ \t]+)?(\*\*|__)([^*_]+?)\1[ \t]+(?:[—–-][ \t]+)?(\S.*)$/;
/** Fewest words in a run-in headline (`**Update:** …` is a lead-in, not a headline), and fewest run-in lines in a file. */
const RUN_IN_WORDS = 3;
const RUN_IN_LINES = 2;

/**
 * Run-in headlines: stories written as one paragraph each, the headline in bold at its
 * start, as newsletters set short items. When at least two lines of a plain-text body
 * open so, each is cut into a marked headline (its final `.` or `:` dropped) and a
 * paragraph on the same line. A single bold lead-in is left as it is.
 */
export function runInHeadlines(blocks: readonly Block[]): readonly Block[] {
  const matches = blocks.map((block) => {
    const match = block.marked ? null : RUN_IN.exec(block.text);
    return match && wordsIn(match[2]!.trim()) >= RUN_IN_WORDS ? match : null;
  });
  if (matches.filter((match) => match !== null).length < RUN_IN_LINES) return blocks;
  return blocks.flatMap((block, index): Block[] => {
    const match = matches[index];
    if (!match) return [block];
    const headline = match[2]!.trim().replace(/[.:]$/, '').trim();
    return [
      { ...block, text: headline, marked: true },
      { ...block, text: match[3]!, marked: false },
    ];
  });
}

/**
 * The first run of non-blank lines (a Markdown block) over either cap, if any;
 * checked before parsing. Length alone is not enough: 8,000 characters of
 * `*a_` cost micromark over a second, 500 marks in the same space a few ms.
 */
export function oversizedMarkdownBlock(body: string): { line: number; length: number; marks: number } | undefined {
  let start = 1;
  let length = 0;
  let marks = 0;
  const lines = body.split('\n');
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || line.trim() === '') {
      if (length > MAX_MARKDOWN_BLOCK || marks > MAX_MARKDOWN_MARKS) return { line: start, length, marks };
      start = i + 2;
      length = 0;
      marks = 0;
    } else {
      length += line.length + 1;
      marks += line.match(MARKDOWN_MARK)?.length ?? 0;
    }
  }
  return undefined;
}

/**
 * The first line whose quotes and lists nest deeper than `MAX_MARKDOWN_NESTING`,
 * if any: a line scan, run before remark. Depth is over-estimated, never under:
 * each opener on the line counts, and so does every two columns of indentation
 * before one (the least a nested list item needs).
 */
export function deepMarkdownNesting(body: string): { line: number; depth: number } | undefined {
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let rest = lines[i]!;
    let columns = 0;
    while (rest[columns] === ' ' || rest[columns] === '\t') columns++;
    const indent = [...rest.slice(0, columns)].reduce((sum, c) => sum + (c === '\t' ? 4 : 1), 0);
    rest = rest.slice(columns);
    let openers = 0;
    for (let match = CONTAINER.exec(rest); match; match = CONTAINER.exec(rest)) {
      openers++;
      rest = rest.slice(match[0].length);
    }
    const depth = openers === 0 ? 0 : openers + Math.floor(indent / 2);
    if (depth > MAX_MARKDOWN_NESTING) return { line: i + 1, depth };
  }
  return undefined;
}

/** Most characters in one part of a Markdown body (`markdownParts`): a story is a few kilobytes. */
export const MAX_MARKDOWN_PART = 1_000_000;

/**
 * The first part longer than `MAX_MARKDOWN_PART`, if any: parsed whole, a part
 * costs up to 200 times its size in memory (micromark keeps all its events).
 */
export function oversizedMarkdownPart(body: string, starts: readonly number[]): { line: number; length: number } | undefined {
  const lines = body.split('\n');
  let offset = 0;
  const ends = lines.map((line) => (offset += line.length + 1));
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const stop = (starts[i + 1] ?? lines.length) - 1;
    const length = ends[stop]! - (start === 0 ? 0 : ends[start - 1]!);
    if (length > MAX_MARKDOWN_PART) return { line: start + 1, length };
  }
  return undefined;
}
