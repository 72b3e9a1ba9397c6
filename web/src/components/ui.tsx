/** Small pieces every page uses: notices, loading and error states, status badges, the page title. */
import type { BookingStatus, Language } from '@shifa/contracts';
import { type ReactNode, useEffect, useId } from 'react';
import { ApiError } from '../api';
import { AUTONYMS, useI18n } from '../i18n';
import { Link, useLocation } from '../router';

export function Notice({
  tone,
  children,
}: {
  tone: 'info' | 'success' | 'warning' | 'error';
  children: ReactNode;
}) {
  // Errors interrupt a screen reader; everything else waits its turn.
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/**
 * A page the reader may not see as who they are (signed out, or another role): why, and the way to
 * sign in and come straight back here, query and all.
 */
export function SignInRequired({ title, message }: { title: string; message: string }) {
  const { t } = useI18n();
  const { path, search } = useLocation();
  const query = search.toString();
  const next = query === '' ? path : `${path}?${query}`;
  return (
    <section className="narrow">
      <h1>{title}</h1>
      <Notice tone="info">
        <p>{message}</p>
        <Link className="button" href={`/sign-in?next=${encodeURIComponent(next)}`}>
          {t.app.signIn}
        </Link>
      </Notice>
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" aria-live="polite">
      {label ?? t.app.loading}
    </p>
  );
}

/** What went wrong, in the reader's language; the API's own words are kept as a detail. */
/** The headline for a failed request, by what the reader can do about it; the API's English stays as detail. */
function headlineOf(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof TypeError) return t.app.offline; // fetch rejects with a TypeError when the network fails
  if (!(error instanceof ApiError)) return t.app.error;
  if (error.status === 404) return t.app.notFoundError;
  if (error.status === 403) return t.app.forbiddenError;
  if (error.status === 409) return t.app.conflictError;
  if (error.status === 400 || error.status === 422) return t.app.invalidError;
  return t.app.error;
}

/** Trying the same request again can help only when the network or the server failed, or it was busy. */
const retryable = (error: unknown) =>
  error instanceof TypeError || !(error instanceof ApiError) || error.status >= 500 || error.status === 429;

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Notice tone="error">
      <p>{headlineOf(error, t)}</p>
      {/* The API's own sentence (English) helps only where the headline cannot say more. */}
      {error instanceof ApiError && headlineOf(error, t) === t.app.error && (
        <p className="detail">{error.message}</p>
      )}
      {onRetry !== undefined && retryable(error) && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t.app.retry}
        </button>
      )}
    </Notice>
  );
}

const STATUS_TONE: Record<BookingStatus, string> = {
  HELD: 'pending',
  AWAITING_HOSPITAL: 'pending',
  CONFIRMED: 'good',
  COMPLETED: 'good',
  EXPIRED: 'muted',
  CANCELLED: 'muted',
  DECLINED: 'bad',
};

export function StatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${STATUS_TONE[status]}`} data-status={status}>
      {t.statuses[status]}
    </span>
  );
}

export function useLanguageNames(): (languages: readonly Language[]) => string {
  const { format } = useI18n();
  return (languages) => format.list(languages.map((language) => AUTONYMS[language]));
}

export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title === undefined ? 'Shifa' : `${title} · Shifa`;
  }, [title]);
}

export type ControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };

/**
 * A labelled form control with its hint and error, tied together by ids, so the control's accessible
 * name is the label alone (a label wrapped around a select would also read out its current option).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const described = [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(described === '' ? {} : { 'aria-describedby': described }),
        ...(error === undefined ? {} : { 'aria-invalid': true }),
      })}
      {hint !== undefined && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
