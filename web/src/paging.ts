/**
 * Lists the API pages with an opaque cursor (`nextCursor`, null on the last page): a page is appended
 * on "Load more", and a refresh (a poll, an answer given) walks the same number of pages again from
 * the start, so the list shows what is true now without dropping what the reader has paged to.
 */
import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export type Page<T> = { items: readonly T[]; nextCursor: string | null };
export type LoadPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

/** The shown items followed by a new page's, leaving out any already shown (rows move while one pages). */
export function appendPage<T>(shown: readonly T[], page: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set(shown.map(keyOf));
  const added: T[] = [];
  for (const item of page) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(item);
  }
  return [...shown, ...added];
}

export type Walked<T> = { items: T[]; nextCursor: string | null; pages: number };

/** Up to `pages` pages from the start, following each cursor; stops early on the last page. */
export async function walkPages<T>(
  load: LoadPage<T>,
  pages: number,
  keyOf: (item: T) => string,
): Promise<Walked<T>> {
  let items: T[] = [];
  let cursor: string | undefined;
  let walked = 0;
  do {
    const page = await load(cursor);
    items = appendPage(items, page.items, keyOf);
    walked += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && walked < pages);
  return { items, nextCursor: cursor ?? null, pages: walked };
}

export type Paged<T> = {
  /** `loading` only while the list starts (empty); a refresh keeps the state and the items shown. */
  state: 'loading' | 'ready' | 'failed';
  items: readonly T[];
  error: unknown;
  /** Any request for this list is under way: starting, refreshing or loading more. */
  busy: boolean;
  /** There is a next page. */
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => void;
  /** The pages shown so far, loaded again from the start. */
  refresh: () => void;
};

type PagedState<T> = {
  state: Paged<T>['state'];
  items: T[];
  nextCursor: string | null;
  pages: number;
  error?: unknown;
  refreshing: boolean;
  loadingMore: boolean;
  moreError?: unknown;
};

const STARTING: PagedState<never> = {
  state: 'loading',
  items: [],
  nextCursor: null,
  pages: 0,
  refreshing: false,
  loadingMore: false,
};

/**
 * A cursor-paged list. When `deps` change (a filter, the signed-in user) the list starts over, empty;
 * answers to requests made before a start or a refresh are dropped.
 */
export function usePages<T>(load: LoadPage<T>, keyOf: (item: T) => string, deps: DependencyList): Paged<T> {
  const [current, setCurrent] = useState<PagedState<T>>(STARTING);
  const ticket = useRef(0);
  const latest = useRef(current);
  latest.current = current;
  const loadRef = useRef(load);
  loadRef.current = load;
  const keyRef = useRef(keyOf);
  keyRef.current = keyOf;

  const walk = useCallback((pages: number, blank: boolean) => {
    const mine = ++ticket.current;
    setCurrent((previous) => (blank ? STARTING : { ...previous, refreshing: true, loadingMore: false }));
    const page = (cursor: string | undefined) => loadRef.current(cursor);
    walkPages(page, pages, (item) => keyRef.current(item)).then(
      (walked) => {
        if (mine !== ticket.current) return;
        setCurrent({ state: 'ready', refreshing: false, loadingMore: false, ...walked });
      },
      (error: unknown) => {
        if (mine !== ticket.current) return;
        setCurrent((previous) => ({ ...previous, state: 'failed', refreshing: false, error }));
      },
    );
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to start over
  useEffect(() => walk(1, true), deps);

  const refresh = useCallback(() => walk(Math.max(1, latest.current.pages), false), [walk]);

  const loadMore = useCallback(() => {
    const { nextCursor, loadingMore, refreshing, state } = latest.current;
    if (nextCursor === null || loadingMore || refreshing || state === 'loading') return;
    const mine = ticket.current;
    setCurrent((previous) => ({ ...previous, loadingMore: true, moreError: undefined }));
    loadRef.current(nextCursor).then(
      (page) => {
        if (mine !== ticket.current) return;
        setCurrent((previous) => ({
          ...previous,
          items: appendPage(previous.items, page.items, keyRef.current),
          nextCursor: page.nextCursor,
          pages: previous.pages + 1,
          loadingMore: false,
        }));
      },
      (error: unknown) => {
        if (mine !== ticket.current) return;
        setCurrent((previous) => ({ ...previous, loadingMore: false, moreError: error }));
      },
    );
  }, []);

  return {
    state: current.state,
    items: current.items,
    error: current.error,
    busy: current.state === 'loading' || current.refreshing || current.loadingMore,
    hasMore: current.nextCursor !== null,
    loadingMore: current.loadingMore,
    moreError: current.moreError,
    loadMore,
    refresh,
  };
}
