/**
 * The operator's console: agencies and hospitals by kind and status, with verify and suspend, and
 * the webhook deliveries that failed for good, with a replay. Both lists follow the API's cursor a page
 * at a time; an action refreshes the pages shown. Loaded only when opened.
 */
import type { Language, LocalizedText, OrganisationStatus } from '@shifa/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  type DeliveryView,
  newIdempotencyKey,
  type OrganisationKind,
  type OrganisationListResponse,
} from '../api';
import { PagingFoot } from '../components/paging';
import { ErrorNotice, Field, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import { usePartnerI18n } from '../i18n/partner';
import type { PartnerMessages } from '../i18n/partner-messages';
import { usePages } from '../paging';
import { useSession } from '../session';

type Organisation = OrganisationListResponse['items'][number];
type Conflict = keyof PartnerMessages['operator']['conflicts'];

const PAGE_SIZE = 20;
const KINDS: readonly OrganisationKind[] = ['agency', 'hospital'];
const STATUSES: readonly OrganisationStatus[] = ['pending', 'verified', 'suspended'];
const STATUS_TONE: Record<OrganisationStatus, string> = {
  pending: 'pending',
  verified: 'good',
  suspended: 'bad',
};

/** The reader's language, then Russian, then English, then any: the order the API itself falls back in. */
function pick(text: LocalizedText, lang: Language): string {
  return text[lang] ?? text.ru ?? text.en ?? Object.values(text)[0] ?? '';
}

/** A 409 the page can name in words; anything else keeps the generic error notice. */
function conflictOf(error: unknown, t: PartnerMessages): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  return (t.operator.conflicts as Record<string, string | undefined>)[error.code as Conflict];
}

function Failure({ error }: { error: unknown }) {
  const { t } = usePartnerI18n();
  const words = conflictOf(error, t);
  if (words !== undefined)
    return (
      <Notice tone="error">
        <p>{words}</p>
      </Notice>
    );
  return <ErrorNotice error={error} />;
}

export default function OperatorPage() {
  const { t } = usePartnerI18n();
  const { session } = useSession();
  usePageTitle(t.operator.title);
  if (session?.role !== 'operator') {
    return <SignInRequired title={t.operator.title} message={t.operator.wrongRole} />;
  }
  return (
    <section>
      <h1>{t.operator.title}</h1>
      <Organisations />
      <Deliveries />
    </section>
  );
}

function Organisations() {
  const { t } = usePartnerI18n();
  const { session, api } = useSession();
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [status, setStatus] = useState<OrganisationStatus | ''>('pending');
  const list = usePages(
    (cursor) =>
      api.organisations({
        limit: String(PAGE_SIZE),
        ...(kind === '' ? {} : { kind }),
        ...(status === '' ? {} : { status }),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    (organisation) => `${organisation.kind}/${organisation.id}`,
    [session?.token, kind, status],
  );
  const [done, setDone] = useState<string>();
  return (
    <section aria-labelledby="operator-organisations">
      <h2 id="operator-organisations">{t.operator.organisations}</h2>
      <form className="filters" aria-label={t.operator.organisations} onSubmit={(e) => e.preventDefault()}>
        <Field label={t.operator.kind}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(event) => setKind(event.target.value as OrganisationKind | '')}
            >
              <option value="">{t.operator.all}</option>
              {KINDS.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {t.operator.kinds[candidate]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.operator.status}>
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(event) => setStatus(event.target.value as OrganisationStatus | '')}
            >
              <option value="">{t.operator.all}</option>
              {STATUSES.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {t.operator.statuses[candidate]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <div aria-live="polite">{done !== undefined && <Notice tone="success">{done}</Notice>}</div>
      {list.state === 'failed' && <ErrorNotice error={list.error} onRetry={list.refresh} />}
      {list.items.length === 0 ? (
        list.state === 'loading' ? (
          <Loading />
        ) : (
          list.state === 'ready' && <Notice tone="info">{t.operator.noOrganisations}</Notice>
        )
      ) : (
        <ul className="cards" aria-busy={list.busy}>
          {list.items.map((organisation) => (
            <li key={`${organisation.kind}/${organisation.id}`}>
              <OrganisationCard
                organisation={organisation}
                onChanged={(message) => {
                  setDone(message);
                  list.refresh();
                }}
              />
            </li>
          ))}
        </ul>
      )}
      <PagingFoot paged={list} />
    </section>
  );
}

function OrganisationCard({
  organisation,
  onChanged,
}: {
  organisation: Organisation;
  onChanged: (message?: string) => void;
}) {
  const { t, lang, format } = usePartnerI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [suspending, setSuspending] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const name = pick(organisation.name, lang);

  useEffect(() => {
    if (suspending) reasonRef.current?.focus();
  }, [suspending]);

  const run = async (action: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
      onChanged(message);
    } catch (error) {
      setFailure(error);
      // Someone else moved it first: show the list as it now is, with the reason kept here.
      if (error instanceof ApiError && error.status === 409) onChanged();
    } finally {
      setBusy(false);
    }
  };

  const verify = () =>
    run(() => api.verifyOrganisation(organisation.kind, organisation.id), t.operator.verified(name));

  const suspend = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (text.length < 3 || text.length > 500) {
      setReasonError(t.operator.reasonHint);
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    void run(
      () => api.suspendOrganisation(organisation.kind, organisation.id, text),
      t.operator.suspended(name),
    );
  };

  return (
    <article className="card" aria-label={name}>
      <p>
        <span className={`badge badge-${STATUS_TONE[organisation.status]}`}>
          {t.operator.statuses[organisation.status]}
        </span>{' '}
        <span className="small">{t.operator.kinds[organisation.kind]}</span>
      </p>
      <h3>{name}</h3>
      <p className="small">
        {(t.cities as Record<string, string | undefined>)[organisation.city] ?? organisation.city} ·{' '}
        <code>{organisation.id}</code>
        {organisation.statusChangedAt !== null && (
          <> · {t.operator.since(format.dateTime(organisation.statusChangedAt))}</>
        )}
      </p>
      {organisation.statusReason !== null && <p className="small">«{organisation.statusReason}»</p>}
      {failure !== undefined && <Failure error={failure} />}
      {!suspending && (
        <div className="actions">
          {organisation.status !== 'verified' && (
            <button type="button" className="button primary" onClick={verify} disabled={busy}>
              {t.operator.verify}
            </button>
          )}
          {organisation.status !== 'suspended' && (
            <button
              type="button"
              className="button secondary"
              onClick={() => setSuspending(true)}
              disabled={busy}
            >
              {t.operator.suspend}
            </button>
          )}
        </div>
      )}
      {suspending && (
        <form className="decline" onSubmit={suspend}>
          <Field label={t.operator.reason} hint={t.operator.reasonHint} error={reasonError}>
            {(control) => (
              <textarea
                {...control}
                ref={reasonRef}
                rows={2}
                maxLength={500}
                required
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button danger" disabled={busy}>
              {t.operator.confirmSuspend}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => {
                setSuspending(false);
                setReasonError(undefined);
              }}
            >
              {t.operator.cancel}
            </button>
          </div>
        </form>
      )}
    </article>
  );
}

function Deliveries() {
  const { t } = usePartnerI18n();
  const { session, api } = useSession();
  const list = usePages(
    (cursor) =>
      api.operatorDeliveries({
        status: 'failed',
        limit: String(PAGE_SIZE),
        ...(cursor === undefined ? {} : { cursor }),
      }),
    (delivery) => delivery.deliveryId,
    [session?.token],
  );
  const [done, setDone] = useState<string>();
  return (
    <section aria-labelledby="operator-deliveries">
      <h2 id="operator-deliveries">{t.operator.deliveries}</h2>
      <div aria-live="polite">{done !== undefined && <Notice tone="success">{done}</Notice>}</div>
      {list.state === 'failed' && <ErrorNotice error={list.error} onRetry={list.refresh} />}
      {list.items.length === 0 ? (
        list.state === 'loading' ? (
          <Loading />
        ) : (
          list.state === 'ready' && <Notice tone="info">{t.operator.noDeliveries}</Notice>
        )
      ) : (
        <ul className="cards" aria-busy={list.busy}>
          {list.items.map((delivery) => (
            <li key={delivery.deliveryId}>
              <DeliveryCard
                delivery={delivery}
                onReplayed={() => {
                  setDone(t.operator.replayed);
                  list.refresh();
                }}
                onStale={list.refresh}
              />
            </li>
          ))}
        </ul>
      )}
      <PagingFoot paged={list} />
    </section>
  );
}

function DeliveryCard({
  delivery,
  onReplayed,
  onStale,
}: {
  delivery: DeliveryView;
  onReplayed: () => void;
  onStale: () => void;
}) {
  const { t, format } = usePartnerI18n();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  // One key per intent: a retry after a network failure replays once, not twice.
  const key = useRef(newIdempotencyKey());

  const replay = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.replayDelivery(delivery.deliveryId, key.current);
      onReplayed();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError && error.status === 409) onStale();
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card" aria-labelledby={`delivery-${delivery.deliveryId}`}>
      <h3 id={`delivery-${delivery.deliveryId}`}>
        {t.operator.delivery(delivery.eventType, delivery.bookingId)}
      </h3>
      <p className="small">
        {t.operator.hospital}: <code>{delivery.hospitalId}</code>
        {delivery.failedAt !== null && <> · {t.operator.failedAt(format.dateTime(delivery.failedAt))}</>}
        {' · '}
        {t.operator.attempts(delivery.attempt, delivery.maxAttempts)}
      </p>
      {delivery.lastError !== null && (
        <p className="small">
          {t.operator.lastError}: <span className="detail">{delivery.lastError}</span>
        </p>
      )}
      {failure !== undefined && <Failure error={failure} />}
      <div className="actions">
        <button type="button" className="button primary" onClick={replay} disabled={busy} aria-busy={busy}>
          {t.operator.replay}
        </button>
      </div>
    </article>
  );
}
