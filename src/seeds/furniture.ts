/**
 * Page furniture: what a web page or an e-mail puts between and around the
 * stories of an issue, pasted along with them. Share bars (`Share on X ·
 * LinkedIn · Print`), bylines and time stamps (`By Jane Doe`, `Published
 * August 4, 2025 · 6 min read`), photo captions and pictures, calls to read on
 * (`Read more »`, `Continue reading →`), lists of related pages (`Related: …`), a
 * page's labels (`Tags: China, Iran, finance`), the site's navigation (`Skip to main content`,
 * `Home | Research | Events | About`), a subscribe box (`Subscribe to the Axis Monitor`,
 * `Email address`, `Sign up`), a list of sources or notes at the end (`Sources`, then
 * `[1] KCNA, February 20`), a table of contents at the top (`In this issue`, then the
 * headlines that follow), and the mail headers of a forwarded e-mail (`From:`, `Subject:`). None of it
 * is story text, and a line of it read as a headline or a paragraph makes a
 * false story or a wrong paragraph, so the parser leaves it out.
 *
 * Each kind is recognised by its shape as a whole line (a share bar is made of
 * nothing but sharing words; a call to read on is a few words and nothing
 * else), never by a word inside a sentence, so that news prose that says
 * "shared", "read" or "photo" is never touched.
 */
import type { PhrasingContent } from 'mdast';
import { MONTH_WORD } from '../records/dates.ts';
import { wordsIn } from '../space.ts';

export type FurnitureKind = 'share-bar' | 'byline' | 'time-stamp' | 'caption' | 'picture' | 'read-on' | 'related' | 'labels' | 'mail-header' | 'navigation' | 'call-to-action' | 'dateline' | 'sources' | 'contents';

/** The words a share bar is made of: the verbs, the networks and their glue. */
const SHARE_WORD = /^(?:share|shares|sharing|tweet|print|email|e-mail|mail|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|bluesky|threads|mastodon|wechat|weibo|line|vk|flipboard|pocket|copy|copied|link|url|save|bookmark|pdf|download|on|this|the|article|page|story|post|via|to|or|and)$/;
/** A share bar names at least one of these: glue words alone are not one. */
const SHARE_CORE = /^(?:share|tweet|print|email|e-mail|facebook|twitter|linkedin|whatsapp|telegram|reddit|bluesky|mastodon|wechat|weibo|flipboard)$/;
const MAX_SHARE_WORDS = 14;

/** `By Jane Doe`, `By Jane Doe and Li Wei | Senior Fellow`: a name in capitals after `By`, perhaps a role or date after a separator. */
/** How a byline starts: `By`, `Written by`, `Reporting by` … */
const BY = String.raw`^(?:(?:Written|Posted|Reported|Words|Reporting|Compiled|Edited) )?[Bb]y `;
const BYLINE = new RegExp(String.raw`${BY}\p{Lu}[\p{L}.'’-]*(?: (?:\p{Lu}[\p{L}.'’-]*|and|&|de|da|del|van|von|der|al|bin|el|la|le)){0,5}(?:,? (?:and|&) \p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3})?(?: ?[|·•,–—-] (?:\S+ ){0,5}\S+)?$`, 'u');
const BYLINE_START = new RegExp(BY);
/** A byline ends without a full stop; `By Monday, Russian forces had pushed on.` is a sentence. */
const SENTENCE_END = /[.!?]["'’”)]*$/;
const MAX_BYLINE_WORDS = 16;

/** A calendar date as pages print it: `August 4, 2025`, `4 Aug 2025`, `2025-08-04`, `08/04/2025`, `August 2025`. */
const PRINTED_DATE = `(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,? )?(?:${MONTH_WORD} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2}(?:st|nd|rd|th)? ${MONTH_WORD},? \\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{2,4}|${MONTH_WORD} \\d{4})`;
/** `Published August 4, 2025`, `Updated: 12 July 2025, 14:05`, `Posted on 2025-07-04`: a stamp word, then a date. */
const STAMP = new RegExp(`^(?:first |last )?(?:published|posted|updated|modified|released|issued|sent)(?: on)?:? ${PRINTED_DATE}\\b`, 'i');
/** `6 min read`, `5-minute read`, `Reading time: 4 minutes`. */
const READING_TIME = /\b\d{1,3} ?(?:-? ?)(?:min|mins|minute|minutes) read\b|^reading time:? \d/i;
const MAX_STAMP_WORDS = 14;

/** `Photo: …`, `Image credit – …`, `(Photo: Reuters)`, `Pictured: …`. */
const CAPTION = /^[([]?(?:photo|photos|photograph|image|images|picture|pictured|illustration|video|graphic|map|chart|caption|credit|file photo|photo credit|image credit|top image|header image|cover image)(?: \([^)]{1,30}\))? ?[:|–—]/i;

/** `Photo courtesy of KCNA`, `Image by Jane Doe`, `Video via Reuters`: a credit line, a few words. */
const CREDIT_LINE = /^[([]?(?:photo|photos|photograph|image|images|picture|video|footage|illustration) (?:courtesy(?: of)?|by|credits?|via) \S/i;
const MAX_CREDIT_WORDS = 8;

/** `Read more »`, `Continue reading →`, `Read the full briefing`, `Watch the video`, `Click here to read more`. */
const READ_ON = /^(?:(?:click|tap) here(?: to)? )?(?:read|continue reading|keep reading|see|view|watch|listen(?: to)?|download|learn|find out)(?: (?:more|the|full|whole|rest|original|complete|entire|story|stories|article|report|briefing|issue|digest|newsletter|here|online|this|of|it|on|our|website|site|analysis|piece|post|pdf|video|interview|podcast|episode|details|coverage|thread))*(?: (?:at|on) (?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?)?(?: ?[»›→>…]+| ?\.\.\.)?$/i;
const MAX_READ_ON_WORDS = 8;

/** `Related: …`, `See also – …`, or the label alone (`Related content`, `Most read`). */
const RELATED = /^(?:related(?: content| articles| stories| reading| coverage| links)?|see also|also read|read also|further reading|recommended(?: reading)?|more on this(?: topic| story)?|you may also like|most read|popular now)(?: ?[:|–—] ?.*)?$/i;
const MAX_RELATED_WORDS = 20;

/** `Tags: China, Iran, finance`, `Filed under: Energy · Sanctions`: a page's labels, a list of short items after the label. */
const LABELS = /^(?:tags|tagged|topics|categories|category|filed under|keywords|labels|regions|subjects)\s?:\s?[^.!?]{1,120}$/i;
const MAX_LABEL_ITEM_WORDS = 4;

function isLabelList(text: string): boolean {
  if (!LABELS.test(text)) return false;
  const items = text.slice(text.indexOf(':') + 1).split(/[,;|·•]/).map((item) => item.trim()).filter(Boolean);
  return items.length > 0 && items.every((item) => wordsIn(item) <= MAX_LABEL_ITEM_WORDS);
}

/** `From: Monitor <monitor@example.org>`, `Subject: …`, `Sent: Monday, …`: a forwarded or pasted e-mail's headers. */
const MAIL_HEADER = /^(?:from|to|cc|bcc|date|sent|subject|reply-to|content-type|content-transfer-encoding|mime-version|message-id|return-path|x-[a-z-]+)\s?:\s?\S/i;
/** An e-mail's subject, which names the issue as a title line does (`Subject: Fwd: August 2025 briefing`). */
const SUBJECT = /^subject\s?:\s?(?:(?:re|fwd?|tr|aw|wg)\s?:\s?)*(.+)$/i;
/** `---------- Forwarded message ---------`, `Begin forwarded message:`. */
const FORWARDED = /^(?:-+ ?forwarded message ?-+|begin forwarded message:?|-+ ?original message ?-+)$/i;


/** A page's controls, a whole line each: `Skip to main content`, `Search`, `Menu`, `Back to top`. */
const CONTROL = /^(?:skip to (?:the )?(?:main )?(?:content|navigation)|skip navigation|search|search this site|menu|main menu|open menu|close menu|toggle navigation|back to top|print this page)$/i;
/** A navigation bar: at least this many items between separators, each a few capitalised words (`Home | Research | About Us`). */
const NAV_ITEMS = 4;
const MAX_NAV_ITEM_WORDS = 3;
const NAV_SEPARATOR = /\s+[|·•»›/]\s+/;
const NAV_ITEM = /^\p{Lu}[\p{L}&'’-]*(?: (?:\p{Lu}[\p{L}&'’-]*|&|and|of|the|us))*$/u;

function isNavBar(text: string): boolean {
  const items = text.split(NAV_SEPARATOR);
  return items.length >= NAV_ITEMS && items.every((item) => wordsIn(item) <= MAX_NAV_ITEM_WORDS && NAV_ITEM.test(item));
}

/**
 * A subscribe box: `Subscribe to the Axis Monitor`, `Get the monthly briefing delivered to your
 * inbox.`, `Email address`, `Sign up`, `Join 20,000 readers`. Calls to subscribe are known by how
 * they start and what they name (an inbox, a newsletter), the box's own words by being the whole line.
 */
const CALL_TO_ACTION = /^(?:(?:subscribe|sign up|register|join)(?: now| today| for free| here)?[.!]?|(?:your |enter your )?e-?mail(?: address)?:?|e-?mail me|submit|subscribe to (?:the |our )?\p{Lu}[^.!?]{0,60}|(?:subscribe|sign up|register|join|get|receive|have)\b[^.!?]{0,80}\b(?:inbox|newsletter|mailing list|e-?mail updates)\b[^.!?]{0,30}[.!]?|join [\d,.]+(?: (?:other|fellow))? (?:readers|subscribers)\b[^.!?]{0,40}[.!]?)$/iu;
const MAX_CALL_WORDS = 16;

/** The heading of a list of sources or notes: `Sources`, `References:`, `Notes`, `Footnotes`. */
const SOURCES = /^(?:sources?|references?|notes|footnotes|endnotes|citations|sources and notes|notes and sources|bibliography)\s?:?$/i;
/** An entry of such a list in plain text: a note number (`[1]`, `[^1]:`, `1.`, `¹`), a bullet or an address first. */
const SOURCE_ENTRY = /^(?:\[\^?\d{1,3}\]:?|\^\d{1,3}|\d{1,3}[.)]|[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+|[-*•]|(?:https?:\/\/|www\.)\S)/u;

/**
 * A story's date on a line of its own under the headline, as web pages and newsletters set it:
 * `September 3, 2025`, `Sept. 2`, `28 August 2025`, `Wednesday, May 14`, `*November 6, 2025*`.
 * No paragraph of the story, but its date (`datelines`, records.ts reads it first).
 */
const STORY_DATE = `(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\\.?,? )?(?:${MONTH_WORD} \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?|\\d{1,2}(?:st|nd|rd|th)? ${MONTH_WORD}(?:,? \\d{4})?|\\d{4}-\\d{2}-\\d{2})`;
const DATELINE = new RegExp(`^[*_]{0,2}${STORY_DATE}[*_]{0,2}$`, 'i');
/**
 * The same date leading a headline, set off by a dash, colon or bar, or in brackets, as a
 * digest kept as a log of days sets it: `4 June — Russia and China sign …`, `June 12: Iran
 * receives …`, `[May 9] Xi attends …`. A date run into the headline's words (`9 May parade
 * draws …`) is part of the headline.
 */
const HEADLINE_DATE = new RegExp(`^(?:\\[(${STORY_DATE})\\]|\\((${STORY_DATE})\\)|(${STORY_DATE})(?: ?[—–:|] ?| - ))\\s*(?=["'“‘\\p{L}\\p{N}])`, 'iu');
/** A headline left after its date has at least these words; fewer, and the date is part of it (`June 4: a timeline`). */
const MIN_DATED_HEADLINE_WORDS = 3;

/** A headline's leading date (`HEADLINE_DATE`), split off: the date is the story's dateline, the rest its headline. */
export function splitHeadlineDate(headline: string): { readonly dateline: string; readonly headline: string } | undefined {
  const match = HEADLINE_DATE.exec(headline);
  if (!match) return undefined;
  const rest = headline.slice(match[0].length);
  if (wordsIn(rest) < MIN_DATED_HEADLINE_WORDS) return undefined;
  return { dateline: (match[1] ?? match[2] ?? match[3])!, headline: rest };
}

/**
 * The name of one of an issue's standing sections, the ones that carry no news of their
 * own: the editors' note (`Editor's note`, `A note from the editors`, `About this issue`),
 * the outlook (`Looking ahead`, `The week ahead`, `What to watch`, `What's next`, `Coming
 * up`, `Key dates`) and the wrap-up (`Key takeaways`, `The bottom line`). Read as the name
 * alone (a colon and emphasis aside), never a word of it in a headline: `Looking ahead to
 * the Tianjin summit, Xi courts Modi` is news.
 */
const STANDING_SECTION = new RegExp(`^(?:${[
  // The editors speaking to readers.
  String.raw`(?:the )?editor(?:s|'s|s')? ?(?:note|notes|comment|comments|letter|introduction|intro|desk|corner|view|word)`,
  String.raw`(?:an? )?(?:note|notes|word|letter|message) (?:from|by) (?:the|our|your) (?:editors?|editorial (?:team|board)|team|desk|publishers?)`,
  String.raw`(?:from the (?:editors?|desk)|editorial|welcome|housekeeping|program(?:me)? note|a note on (?:sources|methods|methodology)|methodology|about (?:this|the) (?:issue|digest|newsletter|briefing|edition|series|monitor)|about us|contact us|acknowledge?ments|corrections?(?: and clarifications)?)`,
  // What comes next.
  String.raw`(?:looking|look) ahead|(?:the )?(?:week|weeks|month|months|quarter|year|road) ahead|what(?:'s| is)? (?:next|ahead)|what comes next`,
  String.raw`what to (?:watch|watch for|look for|look out for|expect)(?: next(?: week| month)?| in (?:the )?(?:coming|next) (?:weeks?|months?))?|what we(?:'re| are) watching|things to watch|(?:key |upcoming )?(?:dates|events) to watch|(?:the )?watch ?list|coming up|on the horizon|outlook|upcoming(?: events)?|key dates|calendar`,
  // The wrap-up.
  String.raw`(?:(?:key|main|the) )?takeaways?|(?:the )?bottom line|in (?:sum|short|conclusion)|conclusions?|summing up|(?:our|the) take|final (?:thoughts|word)`,
].join('|')})$`, 'i');

/** A section's name as its heading gives it: no emphasis marks, straight apostrophes, no final colon, stop or dash. */
const sectionName = (headline: string): string => headline.replace(/[*_]+/g, '').replace(/[’‘`]/g, "'").replace(/\s*[:.–—-]?\s*$/, '').trim();

/** Whether a headline is the name of a standing section of the issue (`STANDING_SECTION`), not a story's. */
export function isStandingSection(headline: string): boolean {
  const name = sectionName(headline);
  return name.length <= 60 && STANDING_SECTION.test(name);
}

/**
 * Names of an issue's round-up of short items (`In brief`, `Also in the news`, `Other
 * news`, `Quick hits`): each item under it is news of its own without a headline.
 */
const ROUNDUP = new RegExp(`^(?:${[
  String.raw`(?:(?:news|also|more|other news) )?in brief|briefly(?: noted)?|briefs|news briefs`,
  String.raw`in other news|also (?:in the news|noted|of note|worth noting|this (?:week|month))|(?:other|more) (?:news|stories|developments|headlines)(?: (?:this|of the) (?:week|month))?`,
  String.raw`(?:quick|news) (?:hits|bites|takes|notes)|(?:news )?round-?up|odds and ends|the rest of the news|elsewhere(?: in the news)?|short takes`,
].join('|')})$`, 'i');

/** Whether a headline names the issue's round-up of short items (`ROUNDUP`). */
export function isRoundup(headline: string): boolean {
  const name = sectionName(headline);
  return name.length <= 40 && ROUNDUP.test(name);
}

/** Longer than this, a line is prose, or a caption or mail header (each known by how it starts): every other kind is a few words. */
const MAX_SHORT_LINE = 240;

function isShareBar(text: string): boolean {
  const words = text.toLowerCase().split(/[\s|·•/,;:()[\]<>«»+–—]+/).filter(Boolean);
  if (words.length === 0 || words.length > MAX_SHARE_WORDS) return false;
  return words.every((word) => SHARE_WORD.test(word)) && words.some((word) => SHARE_CORE.test(word));
}

/** Where a line stands, for the kinds that only stand in some places. */
export interface LinePlace {
  /** Among the first `TOP_BLOCKS` lines of the body, or right after a line of mail headers: where mail headers stand. */
  readonly top: boolean;
  /** At the top, or right after a headline-like line or other furniture: where bylines stand (elsewhere `By Land and Sea` stays a line of the issue). */
  readonly bylineSpot: boolean;
}

/** The kind of furniture a whole line is (whitespace already collapsed), or undefined for a line of the issue itself. */
export function furnitureOf(text: string, place: LinePlace): FurnitureKind | undefined {
  if (text.length > MAX_SHORT_LINE) return CAPTION.test(text) ? 'caption' : place.top && MAIL_HEADER.test(text) ? 'mail-header' : undefined;
  const words = wordsIn(text);
  if (words <= MAX_SHARE_WORDS && isShareBar(text)) return 'share-bar';
  if (words <= MAX_STAMP_WORDS && (STAMP.test(text) || READING_TIME.test(text))) return 'time-stamp';
  if (CAPTION.test(text) || (words <= MAX_CREDIT_WORDS && CREDIT_LINE.test(text))) return 'caption';
  if (words <= MAX_READ_ON_WORDS && READ_ON.test(text) && words >= 2) return 'read-on';
  if (words <= MAX_RELATED_WORDS && RELATED.test(text)) return 'related';
  if (words <= 4 && SOURCES.test(text)) return 'sources';
  if (isLabelList(text)) return 'labels';
  if (CONTROL.test(text) || isNavBar(text)) return 'navigation';
  if (words <= MAX_CALL_WORDS && CALL_TO_ACTION.test(text)) return 'call-to-action';
  // A line of separated items each furniture on its own (`Share this · Read more »`, as a Markdown line of links reads).
  const items = text.split(NAV_SEPARATOR);
  if (items.length >= 2 && items.length <= MAX_SHARE_WORDS) {
    const kinds = items.map((item) => furnitureOf(item, place));
    if (kinds.every((kind) => kind !== undefined)) return kinds[0];
  }
  if (place.bylineSpot && words <= MAX_BYLINE_WORDS && BYLINE.test(text) && !SENTENCE_END.test(text)) return 'byline';
  if (place.top && (MAIL_HEADER.test(text) || FORWARDED.test(text))) return 'mail-header';
  return undefined;
}

/** A Markdown paragraph that holds pictures and nothing else (perhaps linked): a figure, whose alt text is no paragraph. */
export function isPictureOnly(children: readonly PhrasingContent[]): boolean {
  let pictures = 0;
  const visit = (nodes: readonly PhrasingContent[]): boolean =>
    nodes.every((node) => {
      if (node.type === 'image' || node.type === 'imageReference') return ++pictures > 0;
      if (node.type === 'break') return true;
      if (node.type === 'text') return node.value.trim() === '';
      if (node.type === 'link' || node.type === 'linkReference') return visit(node.children);
      return false;
    });
  return visit(children) && pictures > 0;
}

/** Kinds of furniture a Markdown heading can be that head a section of the same (lists of links, labels, a subscribe box). */
const SECTION_KINDS: ReadonlySet<FurnitureKind> = new Set(['related', 'labels', 'navigation', 'call-to-action', 'sources']);

/** The heading of a table of contents. */
const CONTENTS = /^(?:in this (?:issue|edition|digest|briefing|newsletter)|(?:table of )?contents|inside(?: this (?:issue|edition))?|what'?s inside|this (?:issue|edition))\s?:?$/i;
/** Where a table of contents may stand: among the first blocks of the body. */
const CONTENTS_BLOCKS = 24;
/** A line of a table of contents as the headline it names: numbering, bullets and closing punctuation off, case folded. */
const contentsKey = (text: string): string => text.replace(/^(?:[-*•·]|\d{1,3}[.)])\s+/u, '').replace(/[\s.:;,!?…]+$/u, '').toLowerCase();

/**
 * The blocks of a table of contents: near the top, two or more lines in a row
 * that each come again further down (as the headlines they list), with the
 * `In this issue` or `Contents` line above them. Real headlines never stand two
 * in a row with nothing between them and then again later, so a digest pasted
 * twice is not one.
 */
function contentsOf(blocks: readonly { readonly text: string }[]): Set<number> {
  const found = new Set<number>();
  const top = Math.min(blocks.length, CONTENTS_BLOCKS);
  const keys = blocks.slice(0, top).map((block) => (wordsIn(block.text) <= MAX_CONTENTS_WORDS ? contentsKey(block.text) : ''));
  // Where each of those lines comes last; past the top only short blocks are keyed (a paragraph never matches).
  const last = new Map<string, number>();
  keys.forEach((key, index) => key !== '' && last.set(key, index));
  const longest = Math.max(0, ...blocks.slice(0, top).map((block) => block.text.length));
  for (let index = top; index < blocks.length; index++) {
    const text = blocks[index]!.text;
    if (text.length > longest) continue;
    const key = contentsKey(text);
    if (last.has(key)) last.set(key, index);
  }
  for (let start = 0; start < top; ) {
    let end = start;
    while (end < top && keys[end] !== '' && last.get(keys[end]!)! > end) end++;
    // Each listed line must come again after the whole list, not within it.
    if (end - start >= 2 && keys.slice(start, end).every((key) => last.get(key)! >= end)) {
      for (let index = start; index < end; index++) found.add(index);
      if (start > 0 && CONTENTS.test(blocks[start - 1]!.text.replace(/^[*_]+|[*_]+$/g, ''))) found.add(start - 1);
    }
    start = Math.max(end, start + 1);
  }
  return found;
}
const MAX_CONTENTS_WORDS = 30;

/** How many of the first blocks of a body count as its top, where bylines and mail headers stand. */
export const TOP_BLOCKS = 8;

/** The blocks of a body without its furniture, the lines that were furniture, and the subject of an e-mail's headers, if any. */
export function dropFurniture<B extends { readonly line: number; readonly text: string; readonly children: readonly PhrasingContent[]; readonly kind: 'heading' | 'text' }>(blocks: readonly B[], headlineLike: (text: string) => boolean): { kept: B[]; furniture: Map<number, FurnitureKind>; datelines: Map<number, string>; subject: string | undefined } {
  const kept: B[] = [];
  const furniture = new Map<number, FurnitureKind>();
  const datelines = new Map<number, string>(); // line → the date it gives
  let subject: string | undefined;
  let previous: FurnitureKind | B | undefined; // the kind of the furniture before, or the block kept
  let section: FurnitureKind | undefined; // the kind of the furniture heading whose section this is
  let plainSources = false; // the block before is a plain-text `Sources` line or one of its notes
  const contents = contentsOf(blocks);
  blocks.forEach((block, index) => {
    const top = index < TOP_BLOCKS || previous === 'mail-header';
    // Whether the block before reads as a headline is asked only of a line that starts as a byline does.
    const bylineSpot = top || (BYLINE_START.test(block.text) && (typeof previous === 'string' || (previous !== undefined && (previous.kind === 'heading' || headlineLike(previous.text)))));
    // A date alone right under a headline (or under its byline) is the story's dateline.
    const underHeadline = previous !== undefined && (typeof previous === 'string' ? previous === 'byline' : previous.kind === 'heading' || headlineLike(previous.text));
    const dateline = block.kind === 'text' && underHeadline && DATELINE.test(block.text);
    let kind: FurnitureKind | undefined = contents.has(index) ? 'contents' : dateline ? 'dateline' : block.kind === 'text' && block.children.length > 0 && isPictureOnly(block.children) ? 'picture' : furnitureOf(block.text, { top, bylineSpot });
    // A heading that is furniture (`## Further reading`, `## Related`) heads a section of it: its links and lists go with it, up to the next heading.
    if (block.kind === 'heading') section = kind !== undefined && SECTION_KINDS.has(kind) ? kind : undefined;
    else if (section !== undefined && kind === undefined) kind = section;
    // In plain text a `Sources` line heads the notes under it, as long as each starts as a note does.
    else if (plainSources && kind === undefined && SOURCE_ENTRY.test(block.text)) kind = 'sources';
    plainSources = block.kind === 'text' && kind === 'sources';
    if (dateline) datelines.set(block.line, block.text.replace(/^[*_]+|[*_]+$/g, ''));
    if (kind) {
      furniture.set(block.line, kind);
      if (kind === 'mail-header') subject ??= SUBJECT.exec(block.text)?.[1];
      previous = kind;
    } else {
      kept.push(block);
      previous = block;
    }
  });
  return { kept, furniture, datelines, subject };
}
