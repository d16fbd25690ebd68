/**
 * A token trie with longest-match lookup. All names are compiled into one trie once, so
 * tagging a story is one walk over its tokens instead of one regex per country. Children are
 * keyed by token hash (see tokens.ts) and verified against the text, so the walk allocates
 * nothing; `matchAt` writes into a reusable `MatchResult`.
 */

import { HEAD, hashToken, headHash, type TokenBuffer } from './tokens.ts';

export interface TrieNode<V> {
  readonly token: string;
  children: Map<number, TrieNode<V>[]> | undefined;
  value: V | undefined;
  /** Prefix wildcards for the next token (`weapon` of `nuclear weapon*`): [prefix, value]. */
  prefixes: Array<readonly [string, V]> | undefined;
}

export interface Trie<V> {
  readonly root: TrieNode<V>;
  /** Case-insensitive: tokens are stored lowercased and compared ignoring ASCII case. */
  readonly folded: boolean;
  /** Bit filter over root token hashes: most tokens start nothing and stop here. */
  readonly rootBits: Uint8Array;
}

const BITS = 1 << 16;

export function createTrie<V>(folded: boolean): Trie<V> {
  return { root: { token: '', children: undefined, value: undefined, prefixes: undefined }, folded, rootBits: new Uint8Array(BITS) };
}

function walk<V>(trie: Trie<V>, tokens: readonly string[]): TrieNode<V> {
  let node = trie.root;
  const first = tokens[0];
  if (first !== undefined) trie.rootBits[hashToken(first) & (BITS - 1)] = 1;
  for (const raw of tokens) {
    const token = trie.folded ? raw.toLowerCase() : raw;
    const key = hashToken(token);
    node.children ??= new Map();
    const list = node.children.get(key) ?? [];
    let next = list.find((n) => n.token === token);
    if (!next) {
      next = { token, children: undefined, value: undefined, prefixes: undefined };
      list.push(next);
      node.children.set(key, list);
    }
    node = next;
  }
  return node;
}

/** Insert a token path; returns false (and changes nothing) if the path already holds a value. */
export function insert<V>(trie: Trie<V>, tokens: readonly string[], value: V, overwrite = false): boolean {
  const node = walk(trie, tokens);
  if (node.value !== undefined && !overwrite) return false;
  node.value = value;
  return true;
}

/** Insert a path whose last token is a prefix (`sanction` for `sanction*`). */
export function insertPrefix<V>(trie: Trie<V>, tokens: readonly string[], prefix: string, value: V): void {
  (walk(trie, tokens).prefixes ??= []).push([trie.folded ? prefix.toLowerCase() : prefix, value]);
}

function child<V>(node: TrieNode<V>, buffer: TokenBuffer, i: number, folded: boolean): TrieNode<V> | undefined {
  const list = node.children?.get(buffer.hash[i] as number);
  if (!list) return undefined;
  for (const next of list) if (buffer.is(i, next.token, folded)) return next;
  return undefined;
}

function prefixMatch<V>(prefixes: ReadonlyArray<readonly [string, V]>, word: string): V | undefined {
  let best: V | undefined;
  let longest = 0;
  for (const [prefix, value] of prefixes) {
    if (prefix.length > longest && word.startsWith(prefix)) {
      best = value;
      longest = prefix.length;
    }
  }
  return best;
}

export interface MatchResult<V> {
  end: number; // exclusive; 0 when nothing matched
  value: V | undefined;
}

/**
 * Longest match starting at token `start`; fills `out` and returns its end (0 if none).
 * Root wildcards (`sanction*`) are resolved once per distinct word through `memo`.
 */
export function matchAt<V>(trie: Trie<V>, buffer: TokenBuffer, start: number, out: MatchResult<V>, memo?: WildcardMemo<V>): number {
  out.end = 0;
  out.value = undefined;
  const { root, folded } = trie;
  if (root.prefixes && memo) {
    const value = memo.get(buffer, start, root.prefixes);
    if (value !== undefined) {
      out.end = start + 1;
      out.value = value;
    }
  }
  if (trie.rootBits[(buffer.hash[start] as number) & (BITS - 1)] === 0) return out.end;
  let node = child(root, buffer, start, folded);
  for (let i = start + 1; node; i++) {
    if (node.value !== undefined) {
      out.end = i;
      out.value = node.value;
    }
    if (i >= buffer.count) break;
    if (node.prefixes && buffer.isWord(i)) {
      const value = prefixMatch(node.prefixes, buffer.lower(i));
      if (value !== undefined) {
        out.end = i + 1;
        out.value = value;
      }
    }
    node = node.children ? child(node, buffer, i, folded) : undefined;
  }
  return out.end;
}

/**
 * Per-word cache of root wildcard results, keyed by hash and verified by text. Words whose
 * first letters start no wildcard are skipped before the cache (most words).
 */
export class WildcardMemo<V> {
  private readonly seen = new Map<number, Array<{ readonly word: string; readonly value: V | undefined }>>();
  private heads: Set<number> | undefined;
  private anyHead = false; // a wildcard shorter than HEAD letters: no skipping

  get(buffer: TokenBuffer, i: number, prefixes: ReadonlyArray<readonly [string, V]>): V | undefined {
    if (!this.heads) {
      this.heads = new Set(prefixes.map(([prefix]) => headHash(prefix)));
      this.anyHead = prefixes.some(([prefix]) => prefix.length < HEAD);
    }
    if (!buffer.isWord(i) || (!this.anyHead && !this.heads.has(buffer.head[i] as number))) return undefined;
    const key = buffer.hash[i] as number;
    const list = this.seen.get(key);
    if (list) for (const hit of list) if (buffer.is(i, hit.word, true)) return hit.value;
    const word = buffer.lower(i);
    const value = prefixMatch(prefixes, word);
    // Cache only what the folded comparison can find again (not `É…`, which ASCII folding misses).
    if (this.seen.size < 500_000 && buffer.is(i, word, true)) {
      if (list) list.push({ word, value });
      else this.seen.set(key, [{ word, value }]);
    }
    return value;
  }
}
