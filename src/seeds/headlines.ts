/**
 * Headline or paragraph? A plain-text digest marks neither, so each line is
 * read the way an editor reads it: from several signals, each a named weight,
 * summed into one score (above zero: a headline). No single signal decides:
 * "no final full stop" is the strongest, yet a question, an exclamation or a
 * quotation can be a headline and a paragraph can end in `?`.
 *
 * Two steps, both pure:
 * 1. `lineFeatures` / `ownScore`: what the line says on its own (length,
 *    sentence stops inside it, its last character, capitalisation);
 * 2. `classifyLines`: the line in its place (first line of the body, right
 *    after a headline, after a blank line or inside a block where blank lines
 *    separate stories, before a longer paragraph, last line), decided from
 *    first to last line.
 * A decision within `CLOSE` of the threshold is still taken the more plausible
 * way (the sign of the score) and flagged `close`, for the parser to report as
 * a warning naming the signals that decided it.
 */
import { countOf } from '../count.ts';
import { wordsIn } from '../space.ts';

/** Weights in score points; positive means "headline". Tuned on the seeds and tests/fixtures/segment. */
export const WEIGHTS = {
  /** Ends in `.`, `;` or `:` (perhaps before a closing bracket): a sentence, so a paragraph. */
  finalStop: -4.5,
  /** Ends in a full stop inside closing quotes (`“We will respond.”`): a quoted sentence, which a headline may be. */
  quotedStop: -3,
  /** Ends in an initialism's full stop (`the U.S.`): the stop may belong to the word, not a sentence. */
  initialism: 0,
  /** Ends in `,`: an unfinished sentence or a letter's greeting (`Dear readers,`), never a headline. */
  finalComma: -6,
  /** Ends in `…`: usually a trailing-off sentence. */
  finalEllipsis: -2,
  /** Ends in a letter, digit or other mark: the series' headline shape. */
  noFinalStop: 2,
  /** Ends in a closing quote or `)` after a word (no stop inside): a headline quoting someone. */
  closingMark: 1,
  /** Ends in `?` or `!`: common in headlines and paragraphs alike, so nearly neutral. */
  question: -0.5,
  /** Each `. ` followed by a capital inside the line: several sentences, so a paragraph. */
  internalStop: -2.5,
  /** Each `? ` or `! ` followed by a capital inside the line (a headline may ask then answer). */
  internalQuestion: -1,
  /** Starts with a capital letter (or a quote, then a capital). */
  capitalStart: 0.5,
  /** Starts with a lower-case letter: a continued sentence. */
  lowerStart: -1.5,
  /** Starts with a connective (`But`, `And`, `However`, …): it continues the sentence before. */
  continuation: -3,
  /** Most longer words capitalised: Title Case. */
  titleCase: 1,
  /** The first line of the body (after front matter and any header block) starts a story. */
  firstLine: 2,
  /** Right after a headline: two headlines in a row are unlikely. */
  afterHeadline: -2.5,
  /** After a blank line, in a file whose blank lines separate stories. */
  afterBlank: 1,
  /** Not after a blank line, in a file whose blank lines separate stories: inside a story. */
  insideGroup: -3,
  /** The next line reads as a paragraph at least twice as long. */
  nextMuchLonger: 1.5,
  /** The next line reads as a paragraph, longer than this one. */
  nextLonger: 1,
  /** Nothing follows: a headline there would have no paragraph. */
  lastLine: -1.5,
} as const;

/** Length in words → points: headlines are short, paragraphs long. */
export const LENGTH_POINTS: readonly { readonly upTo: number; readonly points: number }[] = [
  { upTo: 10, points: 1.5 },
  { upTo: 16, points: 0.5 },
  { upTo: 24, points: -0.5 },
  { upTo: 40, points: -1.5 },
  { upTo: Infinity, points: -3 },
];

/** A decision this close to zero is reported as a warning. */
export const CLOSE = 1;
/** Share of words of four letters or more (after the first word) capitalised for Title Case, over at least this many. */
const TITLE_SHARE = 0.75;
const TITLE_MIN_WORDS = 3;

export type Ending = 'stop' | 'quoted-stop' | 'initialism' | 'comma' | 'ellipsis' | 'question' | 'closing' | 'open';

export interface LineFeatures {
  /** Space-separated words. */
  readonly words: number;
  readonly internalStops: number;
  readonly internalQuestions: number;
  readonly ending: Ending;
  /** The last character before any closing quotes and brackets. */
  readonly finalMark: string;
  readonly start: 'upper' | 'lower' | 'other';
  readonly titleCase: boolean;
  readonly continuation: boolean;
}

/** Words that tie a sentence to the one before it: a headline stands alone, so it seldom starts with one. */
const CONNECTIVE = /^(?:and|but|yet|so|or|nor|however|still|meanwhile|moreover|furthermore|instead|also|then|thus|indeed|nevertheless|nonetheless|otherwise|besides|likewise|similarly)\b/iu;

/** Closing quotes and brackets, looked past to find a line's final mark. */
const CLOSERS = new Set(['"', "'", '’', '”', '»', ')', ']', '）', '」', '』']);
/**
 * A sentence end inside the line: `.`, `?` or `!` (perhaps inside quotes), a
 * space, then a capital (perhaps after an opening quote). Not after an initial
 * (`U.S. Treasury`, `J. Smith`) or a short title or month (`Gen. Kim`, `Jan. 5`).
 * The look-behind comes after the mark, so that it is tried at marks only.
 */
const INTERNAL_STOP = /([.?!])(?<!^\s*\d{1,3}\.|(?:^|[\s(.])\p{Lu}[.?!]|(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Adm|Sen|Rep|Gov|Pres|Jr|Sr|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|Inc|Corp|Co|Ltd)[.?!])["'’”»)]*\s+["'‘“«(]?\p{Lu}/gu;
const LEADING = /^[\s"'‘“«(\[*-]*(.)/u;
/** Title Case is judged on a line's first words: enough for a headline, and a paragraph is not read to its end. */
const TITLE_WINDOW = 25;

const LETTER = /\p{L}/u;

/** A letter at `index` (ASCII by its code; anything else by Unicode property). */
function isLetter(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text[index]!);
}

/** `U.S.`, `U.K.`, `D.P.R.K.` at the end of a line. */
const FINAL_INITIALISM = /(?:^|[\s(])(?:\p{Lu}\.){2,}$/u;

function endingOf(text: string, end: number): Ending {
  const last = text[end - 1] ?? '';
  const closed = end < text.length;
  if (last === '.' && !closed && FINAL_INITIALISM.test(text.slice(Math.max(0, end - 12), end))) return 'initialism';
  if (last === '.' && closed && /["'’”»]/u.test(text.slice(end))) return 'quoted-stop';
  if (/[.;:。；：]/u.test(last)) return 'stop';
  if (last === ',' || last === '，' || last === '、') return 'comma';
  if (last === '…') return 'ellipsis';
  if (/[?!？！؟]/u.test(last)) return 'question';
  return closed ? 'closing' : 'open';
}

const SUPERSCRIPT_DIGIT = /[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]/u;
/** Footnote marks closing a sentence: `[3]`, `[^3]`, `[1][2]`, superscript digits. */
const NOTE_MARK = /(?<=[.!?…;:"'’”)])(?:\[\^?\d{1,3}\]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+)+$/u;

/**
 * A text's first sentence: up to its first sentence end (`INTERNAL_STOP`, so `U.S.`, `Gen.`
 * and `Jan. 5` do not end it), the mark included; the whole text when it has one sentence.
 */
export function firstSentence(text: string): string {
  INTERNAL_STOP.lastIndex = 0;
  const match = INTERNAL_STOP.exec(text);
  INTERNAL_STOP.lastIndex = 0;
  if (match === null) return text;
  const end = match.index + match[0].length;
  // The match runs on to the next sentence's capital (and an opening quote): cut at the space.
  const space = text.slice(match.index, end).search(/\s/);
  return text.slice(0, match.index + space).trimEnd();
}

/**
 * The signals of one line of text (whitespace already collapsed, as blocks
 * are). Linear in the line and allocation-light: every paragraph of every seed
 * goes through it.
 */
export function lineFeatures(text: string): LineFeatures {
  const words = wordsIn(text);
  let internalStops = 0;
  let internalQuestions = 0;
  for (const match of text.matchAll(INTERNAL_STOP)) {
    if (match[1] === '.') internalStops++;
    else internalQuestions++;
  }
  let end = text.length;
  // A note mark after the sentence (`… the purchases.[3]`, `…said.¹`) is no part of how it ends.
  if (text.endsWith(']') || SUPERSCRIPT_DIGIT.test(text[end - 1] ?? '')) end = NOTE_MARK.exec(text)?.index ?? end;
  while (end > 0 && CLOSERS.has(text[end - 1]!)) end--;
  const finalMark = text[end - 1] ?? '';
  const first = LEADING.exec(text)?.[1] ?? '';
  const start = first !== first.toLowerCase() ? 'upper' : first !== first.toUpperCase() ? 'lower' : 'other';
  // Title Case: of the longer words after the first, within the first TITLE_WINDOW words, how many are capitalised.
  let long = 0;
  let capitalised = 0;
  let pos = text.indexOf(' ') + 1;
  for (let n = 1; n < TITLE_WINDOW && pos > 0; n++) {
    if (isLetter(text, pos) && isLetter(text, pos + 1) && isLetter(text, pos + 2) && isLetter(text, pos + 3)) {
      long++;
      const c = text[pos]!;
      if (c !== c.toLowerCase()) capitalised++;
    }
    pos = text.indexOf(' ', pos) + 1;
  }
  const firstSpace = text.indexOf(' ');
  const firstWord = firstSpace === -1 ? text : text.slice(0, firstSpace);
  return {
    words,
    internalStops,
    internalQuestions,
    ending: endingOf(text, end),
    finalMark,
    start,
    titleCase: long >= TITLE_MIN_WORDS && capitalised / long >= TITLE_SHARE,
    continuation: CONNECTIVE.test(firstWord),
  };
}

/** The line ends a sentence with a full stop (perhaps inside quotes), as a header block's description does. */
export function endsWithFullStop(text: string): boolean {
  const { ending } = lineFeatures(text);
  return ending === 'stop' || ending === 'quoted-stop';
}

/** One signal's part in a score, with the words a warning uses for it. */
export interface Contribution {
  readonly points: number;
  readonly reason: string;
}

const ENDING_POINTS: Record<Ending, Contribution> = {
  stop: { points: WEIGHTS.finalStop, reason: 'ends with a full stop' },
  'quoted-stop': { points: WEIGHTS.quotedStop, reason: 'ends with a quoted sentence' },
  initialism: { points: WEIGHTS.initialism, reason: 'ends with an initialism' },
  comma: { points: WEIGHTS.finalComma, reason: 'ends with a comma' },
  ellipsis: { points: WEIGHTS.finalEllipsis, reason: 'ends with `…`' },
  question: { points: WEIGHTS.question, reason: 'ends with a question or exclamation mark' },
  closing: { points: WEIGHTS.closingMark, reason: 'ends with a closing quote or bracket' },
  open: { points: WEIGHTS.noFinalStop, reason: 'no final full stop' },
};

/** What a line says on its own, signal by signal. */
export function ownContributions(features: LineFeatures): Contribution[] {
  const ending = ENDING_POINTS[features.ending];
  const parts: Contribution[] = [features.ending === 'question' ? { ...ending, reason: `ends with \`${features.finalMark}\`` } : ending];
  const length = LENGTH_POINTS.find((band) => features.words <= band.upTo)!;
  parts.push({ points: length.points, reason: countOf(features.words, 'word') });
  if (features.internalStops > 0) parts.push({ points: WEIGHTS.internalStop * features.internalStops, reason: `${features.internalStops === 1 ? 'a full stop' : `${features.internalStops} full stops`} inside` });
  if (features.internalQuestions > 0) parts.push({ points: WEIGHTS.internalQuestion * features.internalQuestions, reason: 'a question or exclamation inside' });
  if (features.start === 'upper') parts.push({ points: WEIGHTS.capitalStart, reason: 'starts with a capital' });
  if (features.start === 'lower') parts.push({ points: WEIGHTS.lowerStart, reason: 'starts in lower case' });
  if (features.continuation) parts.push({ points: WEIGHTS.continuation, reason: 'starts with a connective' });
  if (features.titleCase) parts.push({ points: WEIGHTS.titleCase, reason: 'in Title Case' });
  return parts;
}

const total = (parts: readonly Contribution[]): number => parts.reduce((sum, part) => sum + part.points, 0);

export function ownScore(features: LineFeatures): number {
  return total(ownContributions(features));
}

export interface LineInput {
  readonly text: string;
  /** The line before was blank (or there was none). */
  readonly afterBlank: boolean;
}

export interface LineDecision {
  readonly headline: boolean;
  readonly score: number;
  /** Within `CLOSE` of the threshold: worth a warning. */
  readonly close: boolean;
  /** For a close call, the signals that carried the decision, strongest first; otherwise empty. */
  readonly reasons: readonly string[];
}

/** Share of the lines after a blank line that must read as headlines for blank lines to be taken as story breaks. */
const GROUPING_SHARE = 0.75;

/**
 * Whether blank lines separate stories: some lines are not after a blank line
 * (blank lines are not just between every line), at least two are, and most
 * of those read as headlines on their own. A file with a blank line after each
 * headline, or between paragraphs, does not qualify.
 */
function blanksSeparateStories(lines: readonly LineInput[], own: readonly number[]): boolean {
  let starts = 0;
  let headlines = 0;
  let inside = 0;
  lines.forEach((line, index) => {
    if (index === 0) return;
    if (!line.afterBlank) inside++;
    else {
      starts++;
      if (own[index]! > 0) headlines++;
    }
  });
  return inside > 0 && starts >= 2 && headlines >= GROUPING_SHARE * starts;
}

/**
 * Headline or paragraph, for each line of a plain-text body in order (the
 * first is the first line after the header block).
 */
export function classifyLines(lines: readonly LineInput[]): LineDecision[] {
  const features = lines.map((line) => lineFeatures(line.text));
  const own = features.map(ownScore);
  const blanksGroup = blanksSeparateStories(lines, own);
  const decisions: LineDecision[] = [];
  lines.forEach((line, index) => {
    const parts = ownContributions(features[index]!);
    if (index === 0) parts.push({ points: WEIGHTS.firstLine, reason: 'first line of the body' });
    if (decisions[index - 1]?.headline === true) parts.push({ points: WEIGHTS.afterHeadline, reason: 'right after a headline' });
    if (blanksGroup && index > 0) parts.push(line.afterBlank ? { points: WEIGHTS.afterBlank, reason: 'after a blank line' } : { points: WEIGHTS.insideGroup, reason: 'inside a block of lines' });
    const next = features[index + 1];
    if (next === undefined) {
      parts.push({ points: WEIGHTS.lastLine, reason: 'last line' });
    } else if (own[index + 1]! < 0 && next.words >= 2 * features[index]!.words) {
      parts.push({ points: WEIGHTS.nextMuchLonger, reason: 'a much longer paragraph follows' });
    } else if (own[index + 1]! < 0 && next.words > features[index]!.words) {
      parts.push({ points: WEIGHTS.nextLonger, reason: 'a longer paragraph follows' });
    }
    const score = total(parts);
    const headline = score > 0;
    const close = Math.abs(score) < CLOSE;
    // Reasons are only ever shown for close calls: not worked out for the others.
    const reasons = !close ? [] : parts
      .filter((part) => (headline ? part.points > 0 : part.points < 0))
      .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
      .map((part) => part.reason);
    decisions.push({ headline, score, close, reasons });
  });
  return decisions;
}
