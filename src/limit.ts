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
