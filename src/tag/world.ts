/**
 * Country names from the world-countries dataset: common and official names, usable alternative
 * spellings, ISO alpha-3 codes, English demonyms (and plurals) and capitals. Forms claimed by
 * several entries go to the one independent state among them (`Indian` → India, not the British
 * Indian Ocean Territory) or, failing that, to nobody (`Congolese`, `Dominican`). Editors'
 * aliases then pin forms to a country. Pure: the caller passes the dataset in.
 */

import type { Country } from 'world-countries';
import type { CountryData } from './types.ts';
import { TaggerDataProblem } from './validate.ts';
import { slugify } from '../records/slug.ts';

export interface CountryOverride {
  readonly slug?: string;
  readonly name?: string;
}

export interface WorldOptions {
  readonly overrides: Readonly<Record<string, CountryOverride>>; // by ISO alpha-3
  readonly aliases: Readonly<Record<string, readonly string[]>>; // by country slug
  readonly ignore: readonly string[]; // dataset forms never to match
}

// Latin script only (the digests are English), no inverted forms (`Korea, Republic of`).
const USABLE = /^[\p{Script=Latin}\p{M}0-9 .'’()&-]+$/u;
const isUsable = (form: string): boolean => form.length >= 3 && USABLE.test(form) && !/^[A-Z]{2}$/.test(form);

/** `Russian` → `Russians`; not `Chineses` or `Swisss`. */
function plural(demonym: string): string | undefined {
  return /(ese|s|sh|ch|x|z)$/.test(demonym) || demonym.includes(' or ') ? undefined : `${demonym}s`;
}

function datasetForms(country: Country): string[] {
  const demonyms = Object.values(country.demonyms?.['eng'] ?? {}).flatMap((d) => d.split(/,\s*/));
  const forms = [
    country.name.common,
    country.name.official,
    ...country.altSpellings,
    ...country.capital,
    ...demonyms,
    ...demonyms.map(plural),
  ].filter((form): form is string => form !== undefined && isUsable(form));
  if (/^[A-Z]{3}$/.test(country.cca3)) forms.push(country.cca3);
  return forms;
}

export function buildCountries(world: readonly Country[], options: WorldOptions): CountryData[] {
  const ignore = new Set(options.ignore);
  const slugs = world.map((c) => options.overrides[c.cca3]?.slug ?? slugify(c.name.common));
  const claims = new Map<string, number[]>();
  world.forEach((country, index) => {
    for (const form of new Set(datasetForms(country))) {
      if (ignore.has(form)) continue;
      const list = claims.get(form) ?? [];
      list.push(index);
      claims.set(form, list);
    }
  });
  const owner = new Map<string, number>();
  for (const [form, indexes] of claims) {
    const independent = indexes.filter((i) => world[i]?.independent);
    if (indexes.length === 1) owner.set(form, indexes[0] as number);
    else if (independent.length === 1) owner.set(form, independent[0] as number);
  }
  const bySlug = new Map(slugs.map((slug, index) => [slug, index]));
  if (bySlug.size !== slugs.length) throw new TaggerDataProblem('Unexpected duplicate country slugs, expected each override to give a slug no other country has', 'overrides');
  for (const [slug, forms] of Object.entries(options.aliases)) {
    const index = bySlug.get(slug);
    if (index === undefined) throw new TaggerDataProblem(`Unexpected unknown country slug \`${slug}\`, expected the slug of a country in world-countries or in \`overrides\``, `countries.${slug}`);
    for (const form of forms) owner.set(form, index);
  }
  const forms: string[][] = world.map(() => []);
  for (const [form, index] of owner) forms[index]?.push(form);
  return world.map((country, index) => ({
    slug: slugs[index] as string,
    name: options.overrides[country.cca3]?.name ?? country.name.common,
    iso3: country.cca3,
    forms: forms[index] ?? [],
  }));
}
