/**
 * Content hashes: neutral, so a stage can name what it is made from without
 * knowing the cache or the incremental plan that use the names.
 */
import { createHash, hash as hashOnce } from 'node:crypto';

/**
 * sha256 of the parts, each followed by a NUL. Text alone goes through the
 * one-shot `crypto.hash` (Node 20.12), faster for the short inputs of page and
 * record keys (docs/performance.md); the bytes are the same.
 */
export function hashOf(...parts: readonly (string | Uint8Array)[]): string {
  if (parts.every((part) => typeof part === 'string')) return hashOnce('sha256', `${parts.join('\0')}\0`, 'hex');
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}
