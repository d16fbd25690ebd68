/**
 * A bounded parallel map: at most `limit` calls of `fn` at once, results in
 * the items' order. After a failure no new item starts, and the first failure
 * is thrown only once every running call has ended, so that a caller's clean-up
 * (a build removing its staging folder) never races a write still under way.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const settled = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    try {
      while (next < items.length && !failed) {
        const index = next++;
        results[index] = await fn(items[index]!);
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  }));
  const failure = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

/**
 * Both results once both have ended; the first failure only then, for the same reason as
 * `mapLimit`: work that runs beside a failed one may still be writing into the folder the
 * caller is about to remove.
 */
export async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
