/** The foot of a cursor-paged list: how many rows are shown, and "Load more" while there are more. */
import { useEffect, useRef } from 'react';
import { usePartnerI18n } from '../i18n/partner';
import type { Paged } from '../paging';
import { ErrorNotice } from './ui';

export function PagingFoot<T>({ paged }: { paged: Paged<T> }) {
  const { t } = usePartnerI18n();
  const count = paged.items.length;
  const statusRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const hadFocus = useRef(false);

  // The button goes once the last page is in; focus then moves to the count, not to the page's top.
  useEffect(() => {
    if (paged.loadingMore) return;
    if (!paged.hasMore && hadFocus.current) statusRef.current?.focus();
    hadFocus.current = false;
  }, [paged.hasMore, paged.loadingMore]);

  if (count === 0) return null;
  return (
    <div className="paging">
      <p className="small" ref={statusRef} tabIndex={-1} aria-live="polite">
        {t.paging.shown(count, !paged.hasMore)}
      </p>
      {/* The button stays after a failure: pressing it again is the retry, and focus is not lost. */}
      {paged.moreError !== undefined && <ErrorNotice error={paged.moreError} />}
      {paged.hasMore && (
        <button
          ref={buttonRef}
          type="button"
          className="button secondary"
          // Not disabled while loading, so focus stays on it; a second press is ignored meanwhile.
          aria-disabled={paged.loadingMore}
          aria-busy={paged.loadingMore}
          onClick={() => {
            hadFocus.current = document.activeElement === buttonRef.current;
            paged.loadMore();
          }}
        >
          {t.paging.more}
        </button>
      )}
    </div>
  );
}
