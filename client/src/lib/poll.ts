/**
 * Fetches now and again every `everyMs` (ms) until the returned stop function is called; an
 * answer or error arriving after stop is dropped. For `$effect(() => poll(...))` in components.
 */
export function poll<T>(fetch: () => Promise<T>, everyMs: number, onValue: (v: T) => void, onError: (e: Error) => void): () => void {
  let stopped = false;
  const load = () =>
    fetch()
      .then((v) => !stopped && onValue(v))
      .catch((e: Error) => !stopped && onError(e));
  void load();
  const timer = setInterval(load, everyMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
