/**
 * Load the tagger's data: `data/aliases.yaml`, `data/topics.yaml` and the world-countries
 * dataset. The only tagging module that touches the file system. Bad data throws a
 * `TaggerDataError` (a `DigestError`) positioned at the bad key: `data/topics.yaml:12:7: error: …`.
 */

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Country } from 'world-countries';
import type { AmbiguousName, OrganizationData, TaggerData, TopicData, TopicModelData, TopicScoring } from './types.ts';
import { NOT_A_COUNTRY } from './context.ts';
import { buildCountries, type CountryOverride } from './world.ts';
import { expectNumber, expectRecord, expectSlug, expectString, expectStrings, failAt, TaggerDataError, TaggerDataProblem } from './validate.ts';
import { DataFileError, readDataFile, type DataFile } from '../settings/data-file.ts';

export { TaggerDataError } from './validate.ts';
export type { TaggerData } from './types.ts';

// Through `require`: the package's ESM entry imports JSON without an import attribute,
// which newer Node versions reject; the CommonJS entry loads everywhere.
const require = createRequire(import.meta.url);
const FILES = ['aliases.yaml', 'topics.yaml'] as const;
/** The trained topic model (`npm run train`); optional: without it topics come from phrases. */
export const MODEL_FILE = 'topic-model.json';

function readYaml(dataDir: string, name: string): { file: DataFile; doc: Record<string, unknown> } {
  let read;
  try {
    read = readDataFile(join(dataDir, name));
  } catch (error) {
    if (error instanceof DataFileError) throw new TaggerDataError(error.message, { cause: error });
    throw error;
  }
  const { file, value } = read;
  return { file, doc: expectRecord(value, file, '(top level)') };
}

function loadAliases(dataDir: string) {
  const { file, doc } = readYaml(dataDir, 'aliases.yaml');
  const overrides: Record<string, CountryOverride> = {};
  for (const [iso3, raw] of Object.entries(expectRecord(doc['overrides'] ?? {}, file, 'overrides'))) {
    const entry = expectRecord(raw, file, `overrides.${iso3}`);
    overrides[iso3] = {
      ...(entry['slug'] === undefined ? {} : { slug: expectSlug(entry['slug'], file, `overrides.${iso3}.slug`) }),
      ...(entry['name'] === undefined ? {} : { name: expectString(entry['name'], file, `overrides.${iso3}.name`) }),
    };
  }
  const aliases: Record<string, string[]> = {};
  for (const [slug, forms] of Object.entries(expectRecord(doc['countries'] ?? {}, file, 'countries'))) {
    aliases[slug] = expectStrings(forms, file, `countries.${slug}`);
  }
  const organizations: OrganizationData[] = Object.entries(expectRecord(doc['organizations'] ?? {}, file, 'organizations')).map(
    ([slug, raw]) => {
      const entry = expectRecord(raw, file, `organizations.${slug}`);
      return {
        slug: expectSlug(slug, file, `organizations.${slug}`),
        name: expectString(entry['name'], file, `organizations.${slug}.name`),
        forms: expectStrings(entry['aliases'], file, `organizations.${slug}.aliases`),
      };
    },
  );
  return {
    file,
    overrides,
    aliases,
    organizations,
    ignore: expectStrings(doc['ignore'] ?? [], file, 'ignore'),
    notCountries: expectStrings(doc['not_countries'] ?? [], file, 'not_countries'),
    nameLike: expectStrings(doc['name_like'] ?? [], file, 'name_like'),
    ambiguous: loadAmbiguous(doc['ambiguous'] ?? {}, file),
    weapons: Object.fromEntries(
      Object.entries(expectRecord(doc['weapons'] ?? {}, file, 'weapons')).map(([slug, forms]) => [expectSlug(slug, file, `weapons.${slug}`), withPlurals(expectStrings(forms, file, `weapons.${slug}`))]),
    ),
    atWar: Object.fromEntries(
      Object.entries(expectRecord(doc['at_war'] ?? {}, file, 'at_war'))
        .map(([slug, adversary]) => [expectSlug(slug, file, `at_war.${slug}`), expectSlug(adversary, file, `at_war.${slug}`)]),
    ),
  };
}

/** A weapon's names and their plurals (`Su-35s`, `Shaheds`, `K2 Black Panthers`). */
function withPlurals(forms: readonly string[]): string[] {
  return forms.flatMap((form) => (form.endsWith('s') ? [form] : [form, `${form}s`]));
}

/** `ambiguous:` name → {forms, default, readings: {country-slug or not-…: [cue, …]}} (src/tag/context.ts). */
function loadAmbiguous(raw: unknown, file: DataFile): AmbiguousName[] {
  const owners = new Map<string, string>(); // a form belongs to one ambiguous name
  return Object.entries(expectRecord(raw, file, 'ambiguous')).map(([name, value]) => {
    const key = `ambiguous.${name}`;
    const entry = expectRecord(value, file, key);
    const readings = Object.entries(expectRecord(entry['readings'], file, `${key}.readings`)).map(([reading, cues]) => ({
      name: expectSlug(reading, file, `${key}.readings`),
      country: reading.startsWith(NOT_A_COUNTRY) ? null : reading,
      cues: expectStrings(cues, file, `${key}.readings.${reading}`),
    }));
    const fallback = expectString(entry['default'], file, `${key}.default`);
    if (!readings.some((r) => r.name === fallback)) {
      failAt(file, `${key}.default`, `Unexpected \`${fallback}\` at \`${key}.default\`, expected one of its readings`);
    }
    const forms = entry['forms'] === undefined ? [name] : expectStrings(entry['forms'], file, `${key}.forms`);
    for (const form of forms) {
      const owner = owners.get(form);
      if (owner !== undefined && owner !== name) {
        failAt(file, `${key}.forms`, `Unexpected \`${form}\` at \`${key}.forms\`, already a form of \`ambiguous.${owner}\``);
      }
      owners.set(form, name);
    }
    return { name, forms, readings, default: fallback };
  });
}

function loadTopics(dataDir: string): { topics: TopicData[]; topicScoring: TopicScoring } {
  const { file, doc } = readYaml(dataDir, 'topics.yaml');
  const s = expectRecord(doc['scoring'], file, 'scoring');
  const num = (key: string) => expectNumber(s[key], file, `scoring.${key}`);
  const topicScoring = { headline: num('headline'), lead: num('lead'), body: num('body'), threshold: num('threshold'), relative: num('relative'), max: num('max') };
  const list = doc['topics'];
  if (!Array.isArray(list)) failAt(file, 'topics', `Unexpected ${list === undefined ? 'missing value' : typeof list} at \`topics\`, expected a list of topics`);
  const topics = list.map((raw, i): TopicData => {
    const entry = expectRecord(raw, file, `topics[${i}]`);
    const slug = expectSlug(entry['slug'], file, `topics[${i}].slug`);
    const evidence = expectRecord(entry['evidence'], file, `topics.${slug}.evidence`);
    return {
      slug,
      label: expectString(entry['label'], file, `topics.${slug}.label`),
      description: expectString(entry['description'], file, `topics.${slug}.description`),
      phrases: Object.entries(evidence).map(([text, weight]) => ({ text, weight: expectNumber(weight, file, `topics.${slug}.evidence.${text}`) })),
      negative: expectStrings(entry['negative'] ?? [], file, `topics.${slug}.negative`),
    };
  });
  return { topics, topicScoring };
}

function loadTopicModel(dataDir: string): TopicModelData | undefined {
  const file = join(dataDir, MODEL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TaggerDataError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  let model: TopicModelData;
  try {
    model = JSON.parse(text) as TopicModelData;
  } catch (error) {
    throw new TaggerDataError(`Invalid JSON in ${file}: ${(error as Error).message}; run \`npm run train\` to write it again`);
  }
  const T = Array.isArray(model?.topics) ? model.topics.length : -1;
  const ok =
    model?.version === 1 &&
    T > 0 &&
    [model.bias, model.thresholds, model.prior].every((list) => Array.isArray(list) && list.length === T) &&
    Array.isArray(model.priors) &&
    typeof model.fallback === 'number' &&
    typeof model.zones?.headline === 'number' &&
    Object.values(model.features ?? {}).every((row) => Array.isArray(row) && row.length === T);
  if (!ok) throw new TaggerDataError(`Unexpected content in ${file}, expected a topic model of version 1; run \`npm run train\` to write it again`);
  return model;
}

export function loadTaggerData(dataDir = 'data'): TaggerData {
  const a = loadAliases(dataDir);
  const world = require('world-countries') as Country[];
  let countries;
  try {
    countries = buildCountries(world, { overrides: a.overrides, aliases: a.aliases, ignore: a.ignore });
  } catch (error) {
    if (error instanceof TaggerDataProblem) failAt(a.file, error.key, error.reason);
    throw error;
  }
  const orgOwner = new Map<string, string>();
  const pinned = new Map(Object.entries(a.aliases).flatMap(([slug, forms]) => forms.map((f) => [f, slug] as const)));
  for (const org of a.organizations) {
    for (const form of org.forms) {
      if (pinned.has(form) || (orgOwner.get(form) ?? org.slug) !== org.slug) {
        failAt(a.file, `organizations.${org.slug}.aliases`, `Unexpected \`${form}\` at \`organizations.${org.slug}.aliases\`, already an alias of \`${pinned.get(form) ?? orgOwner.get(form)}\``);
      }
      orgOwner.set(form, org.slug);
    }
  }
  const slugs = new Set(countries.map((c) => c.slug));
  for (const name of a.ambiguous) {
    for (const reading of name.readings) {
      if (reading.country !== null && !slugs.has(reading.country)) {
        failAt(a.file, `ambiguous.${name.name}.readings.${reading.name}`, `Unexpected \`${reading.country}\` at \`ambiguous.${name.name}.readings\`, expected a country slug or a \`${NOT_A_COUNTRY}…\` reading`);
      }
    }
  }
  for (const [slug, adversary] of Object.entries(a.atWar)) {
    for (const named of [slug, adversary]) if (!slugs.has(named)) failAt(a.file, `at_war.${slug}`, `Unexpected \`${named}\` at \`at_war\`, expected a country slug`);
  }
  // A weapon's name is its maker's alone: not a country's or an organisation's name, nor another weapon's.
  const named = new Map<string, string>([...countries.flatMap((c) => c.forms.map((f) => [f, c.slug] as const)), ...orgOwner]);
  for (const [slug, forms] of Object.entries(a.weapons)) {
    if (!slugs.has(slug)) failAt(a.file, `weapons.${slug}`, `Unexpected \`${slug}\` at \`weapons\`, expected a country slug`);
    for (const form of forms) {
      const owner = named.get(form);
      if (owner !== undefined) failAt(a.file, `weapons.${slug}`, `Unexpected \`${form}\` at \`weapons.${slug}\`, already a name of \`${owner}\``);
      named.set(form, slug);
    }
  }
  // An organisation's form beats a dataset form (`UN` is not a code here, but be safe).
  const orgForms = new Set(a.organizations.flatMap((o) => o.forms));
  countries = countries.map((c) => ({ ...c, forms: c.forms.filter((f) => !orgForms.has(f)) }));
  return { countries, organizations: a.organizations, ...loadTopics(dataDir), topicModel: loadTopicModel(dataDir), notCountries: a.notCountries, nameLike: a.nameLike, ambiguous: a.ambiguous, atWar: a.atWar, weapons: a.weapons };
}
