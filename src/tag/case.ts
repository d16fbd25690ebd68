/**
 * Text set in capitals (`RUSSIA AND CHINA SIGN ARCTIC SHIPPING PACT`), as e-mail newsletters
 * and some web pages set headlines. Names are matched in the case they are known in (`Russia`,
 * not `russia`: case is what tells `China` from `china` and `Turkey` from `turkey`), so a
 * headline in capitals named no country at all. Such a zone is read as if typed in Title
 * Case, keeping in capitals the words that names are known in capitals (`US`, `UN`, `DPRK`,
 * `NATO`, `IRGC`). Same length, same offsets: only the case of letters changes.
 */

import type { TaggerData } from './types.ts';

/** Fewest letters for a zone to count as set in capitals, and the most lower-case letters it may hold. */
const MIN_LETTERS = 8;
const MAX_LOWER_SHARE = 0.1;

const WORD = /[\p{L}\p{N}]+/gu;
const APOSTROPHE = /['’ʼ]/;

/** Whether a zone is set in capitals: at least `MIN_LETTERS` letters, almost none lower case. Every zone of every story passes here, so ASCII is read by code and prose is given up on early. */
export function isInCapitals(text: string): boolean {
  const most = MAX_LOWER_SHARE * text.length; // more lower-case letters than this and no share of letters can be small
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) upper++;
    else if (code >= 97 && code <= 122) lower++;
    else if (code >= 128) {
      const char = text[i]!;
      const up = char.toUpperCase();
      if (up !== char.toLowerCase()) {
        if (char === up) upper++;
        else lower++;
      }
    }
    if (lower > most) return false;
  }
  return upper + lower >= MIN_LETTERS && lower <= MAX_LOWER_SHARE * (upper + lower);
}

/** The words that names are known in capitals: every all-capital word of two letters or more in the data's forms. */
export function capitalWords(data: Pick<TaggerData, 'countries' | 'organizations' | 'weapons'>): Set<string> {
  const words = new Set<string>();
  const add = (form: string): void => {
    for (const [word] of form.matchAll(WORD)) if (word.length >= 2 && word === word.toUpperCase() && word !== word.toLowerCase()) words.add(word);
  };
  for (const country of data.countries) for (const form of country.forms) add(form);
  for (const org of data.organizations) for (const form of org.forms) add(form);
  for (const forms of Object.values(data.weapons ?? {})) for (const form of forms) add(form);
  return words;
}

/** One letter in lower case, or as it is when lower case would change the text's length (`İ`). */
const lowerLetter = (char: string): string => {
  const down = char.toLowerCase();
  return down.length === char.length ? down : char;
};

/** `text` as if typed in Title Case, words in `keep` left in capitals. */
export function titleCased(text: string, keep: ReadonlySet<string>): string {
  return text.replace(WORD, (word, at: number) => {
    if (keep.has(word)) return word;
    const lower = [...word.slice(1)].map(lowerLetter).join('');
    // After an apostrophe the word goes on (`SEOUL’S` → `Seoul’s`).
    return (APOSTROPHE.test(text[at - 1] ?? '') ? lowerLetter(word[0]!) : word[0]) + lower;
  });
}
