/** Small hooks the pages share: loading data, ticking clocks, polling while a page is visible. */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export type Loaded<T> =
  | { state: 'loading'; data: T | undefined; error: undefined; reload: () => void }
  | { state: 'ready'; data: T; error: undefined; reload: () => void }
  | { state: 'failed'; data: T | undefined; error: unknown; reload: () => void };

/**
 * Runs `load` when the dependencies change and keeps the last answer while reloading, so a
 * refresh (a poll, a language switch) never blanks the page. Answers to stale requests are dropped.
 */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: DependencyList,
): Loaded<T> & { set: (data: T) => void } {
  const [result, setResult] = useState<{
    state: 'loading' | 'ready' | 'failed';
    data?: T | undefined;
    error?: unknown;
  }>({
    state: 'loading',
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
  useEffect(() => {
    const ticket = ++latest.current;
    setResult((previous) => ({ state: 'loading', data: previous.data }));
    loadRef.current().then(
      (data) => {
        if (ticket === latest.current) setResult({ state: 'ready', data });
      },
      (error: unknown) => {
        if (ticket === latest.current)
          setResult((previous) => ({ state: 'failed', data: previous.data, error }));
      },
    );
  }, [...deps, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const set = useCallback((data: T) => {
    latest.current += 1;
    setResult({ state: 'ready', data });
  }, []);
  return { ...result, reload, set } as Loaded<T> & { set: (data: T) => void };
}

/** The current time, updated every `intervalMs` while `active`. */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}

/** Calls `tick` every `intervalMs` while `active` and the page is visible; at once when it becomes visible. */
export function usePolling(tick: () => void, intervalMs: number, active: boolean): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return;
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      timer = window.setInterval(() => tickRef.current(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        tickRef.current();
        start();
      } else window.clearInterval(timer);
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, active]);
}
