/**
 * Every YAML file the build reads (front matter, `seeds/corrections.yaml`, the
 * data files) is parsed with `uniqueKeys: false` and checked here instead:
 * the `yaml` library's own check compares each key with every earlier key of
 * its map, so a hand-made file of many keys made the build quadratic
 * (docs/performance.md, "Seeds"). A key seen twice is still an error, with
 * both lines.
 */
import { isScalar, visit, type Document, type Node } from 'yaml';

export interface DuplicateKey {
  /** The key as written the second time. */
  readonly key: string;
  /** The second occurrence, where the message points. */
  readonly node: Node;
  /** The first occurrence, named in the message. */
  readonly first: Node;
}

/** Keys given twice in one map, anywhere in `doc`, in document order. Scalar keys compare by value, as YAML's own check does. */
export function duplicateKeys(doc: Document): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Map<unknown, Node>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const first = seen.get(pair.key.value);
        if (first === undefined) seen.set(pair.key.value, pair.key);
        else found.push({ key: String(pair.key.value), node: pair.key, first });
      }
    },
  });
  return found;
}
