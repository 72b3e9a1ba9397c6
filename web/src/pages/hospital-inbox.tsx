/**
 * A hospital's inbox: every booking made for it, the time left to answer those
 * waiting, the patients (with health notes they agreed to share with this
 * hospital), and accept or decline with a reason. An acceptance whose card is
 * still being charged says so rather than claiming the money is in. The list follows the API's
 * cursor a page at a time; polls and answers refresh the pages shown. Loaded only
 * when opened, so the storefront's first load does not carry it.
 */
import { useRef, useState } from 'react';
import { type BookingView, type DeclineBooking, newIdempotencyKey } from '../api';
import { packageDetail } from '../catalog-cache';
import { PagingFoot } from '../components/paging';
import {
  ErrorNotice,
  Field,
  Loading,
  Notice,
  SignInRequired,
  StatusBadge,
  usePageTitle,
} from '../components/ui';
import { keysOf } from '../enums';
import { clock } from '../format';
import { useLoad, useNow, usePolling } from '../hooks';
import { AUTONYMS, useI18n } from '../i18n';
import { usePartnerI18n } from '../i18n/partner';
import { usePages } from '../paging';
import { useSession } from '../session';

type Tab = 'AWAITING_HOSPITAL' | 'CONFIRMED' | 'DECLINED';
type Reason = DeclineBooking['reason'];

const INBOX_POLL_MS = 10_000;
const PAGE_SIZE = 20;

export default function HospitalInboxPage() {
  const { t } = usePartnerI18n();
  const { session, api } = useSession();
  usePageTitle(t.inbox.title);
  const [tab, setTab] = useState<Tab>('AWAITING_HOSPITAL');
  const [done, setDone] = useState<string>();
  const isHospital = session?.role === 'hospital';
  // Each opening of health notes is logged for the patient to see, so the list (polled every few
  // seconds) is read without them, and each booking's notes are opened once, when it first shows.
  const openedNotes = useRef(new Map<string, NonNullable<BookingView['healthNotes']>>());
  const withNotes = async (booking: BookingView): Promise<BookingView> => {
    if (!booking.travellers.some((traveller) => traveller.hasHealthNotes)) return booking;
    let notes = openedNotes.current.get(booking.bookingId);
    if (notes === undefined) {
      notes = (await api.getBooking(booking.bookingId)).healthNotes ?? [];
      openedNotes.current.set(booking.bookingId, notes);
    }
    return notes.length === 0 ? booking : { ...booking, healthNotes: notes };
  };
  const inbox = usePages(
    async (cursor) => {
      if (!isHospital) return { items: [], nextCursor: null };
      const page = await api.hospitalInbox({
        status: tab,
        limit: String(PAGE_SIZE),
        healthNotes: 'omit',
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { ...page, items: await Promise.all(page.items.map(withNotes)) };
    },
    (booking) => booking.bookingId,
    [tab, session?.token, isHospital],
  );
  usePolling(inbox.refresh, INBOX_POLL_MS, isHospital && tab === 'AWAITING_HOSPITAL');

  if (!isHospital) {
    return <SignInRequired title={t.inbox.title} message={t.inbox.wrongRole} />;
  }
  const answered = (message: string) => {
    setDone(message);
    inbox.refresh();
  };
  return (
    <section className="inbox">
      <h1>{t.inbox.title}</h1>
      <div className="tabs" role="tablist" aria-label={t.inbox.title}>
        {keysOf(t.inbox.tabs).map((candidate) => (
          <button
            key={candidate}
            type="button"
            role="tab"
            aria-selected={tab === candidate}
            className={tab === candidate ? 'tab active' : 'tab'}
            onClick={() => {
              setDone(undefined);
              setTab(candidate);
            }}
          >
            {t.inbox.tabs[candidate]}
          </button>
        ))}
      </div>
      {done !== undefined && <Notice tone="success">{done}</Notice>}
      {inbox.state === 'failed' && <ErrorNotice error={inbox.error} onRetry={inbox.refresh} />}
      {inbox.items.length === 0 ? (
        inbox.state === 'loading' ? (
          <Loading />
        ) : (
          inbox.state === 'ready' && <Notice tone="info">{t.inbox.none}</Notice>
        )
      ) : (
        <ul className="cards single">
          {inbox.items.map((booking) => (
            <li key={booking.bookingId}>
              <InboxItem booking={booking} onAnswered={answered} />
            </li>
          ))}
        </ul>
      )}
      <PagingFoot paged={inbox} />
    </section>
  );
}

function InboxItem({ booking, onAnswered }: { booking: BookingView; onAnswered: (message: string) => void }) {
  const { t, lang, format } = useI18n();
  const { api } = useSession();
  const tour = useLoad(() => packageDetail(api, booking.packageId, lang), [booking.packageId, lang]);
  // Accepted, and the card still being charged: it stays among those to answer until the charge is in.
  const charging = booking.status === 'AWAITING_HOSPITAL' && booking.decision?.outcome === 'accepted';
  const waiting = booking.status === 'AWAITING_HOSPITAL' && !charging;
  const now = useNow(1_000, waiting);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<Reason>('no_capacity');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const acceptKey = useRef(newIdempotencyKey());
  const declineKey = useRef(newIdempotencyKey());
  const deadline = booking.decisionDeadline === undefined ? undefined : Date.parse(booking.decisionDeadline);
  const reasons = keysOf(t.declineReasons).filter(
    (candidate): candidate is Reason => candidate !== 'hospital_timeout',
  );

  const act = async (call: () => Promise<BookingView>, message: (answer: BookingView) => string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      onAnswered(message(await call()));
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };
  const accept = () =>
    act(
      () => api.acceptBooking(booking.bookingId, acceptKey.current),
      // The answer may come before the capture does: then the card is being charged, not charged.
      (answer) => (answer.payment.status === 'capture_pending' ? t.inbox.acceptedCharging : t.inbox.accepted),
    );
  const noteMissing = reason === 'other' && note.trim() === '';
  const [askedForNote, setAskedForNote] = useState(false);
  const decline = () => {
    if (noteMissing) {
      setAskedForNote(true);
      return;
    }
    const trimmed = note.trim();
    const body: DeclineBooking = trimmed === '' ? { reason } : { reason, note: trimmed };
    return act(
      () => api.declineBooking(booking.bookingId, body, declineKey.current),
      () => t.inbox.declinedDone,
    );
  };

  return (
    <article className="card inbox-item" data-booking={booking.bookingId}>
      <div className="inbox-head">
        <StatusBadge status={booking.status} />
        <code className="small">{booking.bookingId}</code>
      </div>
      <h2>{tour.data?.title ?? booking.packageId}</h2>
      <p>
        {format.dateRange(booking.startDate, booking.endDate)} ·{' '}
        {t.count.travellers(booking.travellers.length)} ·{' '}
        {format.money(booking.price.total, booking.price.currency)}
      </p>
      {waiting && deadline !== undefined && booking.decisionDeadline !== undefined && (
        <p className={deadline - now < 3_600_000 ? 'countdown urgent' : 'countdown'}>
          {deadline <= now
            ? t.inbox.late
            : t.inbox.answerBy(format.dateTime(booking.decisionDeadline), clock(deadline - now))}
        </p>
      )}
      {charging && (
        <p className="small" data-testid="charging">
          {t.inbox.charging}
        </p>
      )}
      {booking.decision?.reason !== undefined && (
        <p className="small">
          {t.inbox.reason}: {t.declineReasons[booking.decision.reason]}
          {booking.decision.note !== undefined && ` — «${booking.decision.note}»`}
        </p>
      )}
      <h3>{t.inbox.patients}</h3>
      <ul className="people">
        {booking.travellers.map((traveller, index) => {
          const notes = booking.healthNotes?.find((entry) => entry.traveller === index);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a traveller's place in the booking is their identity (health notes refer to it)
            <li key={index}>
              <strong>{traveller.fullName ?? t.booking.erasedName}</strong>
              <span className="small block">
                {traveller.birthDate === undefined ? '' : `${format.date(traveller.birthDate)} · `}
                {format.country(traveller.nationality)} ·{' '}
                <span lang={traveller.preferredLanguage}>{AUTONYMS[traveller.preferredLanguage]}</span>
              </span>
              {notes !== undefined && (
                <span className="small block health">
                  {t.booking.healthShared}: {notes.text}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {waiting && !declining && (
        <div className="actions">
          <button type="button" className="button primary" onClick={accept} disabled={busy}>
            {t.inbox.accept}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setDeclining(true)}
            disabled={busy}
          >
            {t.inbox.decline}
          </button>
        </div>
      )}
      {waiting && declining && (
        <div className="decline">
          <Field label={t.inbox.reason}>
            {(control) => (
              <select
                {...control}
                value={reason}
                onChange={(event) => {
                  declineKey.current = newIdempotencyKey();
                  setReason(event.target.value as Reason);
                }}
              >
                {reasons.map((candidate) => (
                  <option key={candidate} value={candidate}>
                    {t.declineReasons[candidate]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={reason === 'other' ? t.inbox.noteNeeded : t.inbox.note}
            error={askedForNote && noteMissing ? t.inbox.noteRequired : undefined}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={500}
                value={note}
                onChange={(event) => {
                  declineKey.current = newIdempotencyKey();
                  setNote(event.target.value);
                }}
              />
            )}
          </Field>
          <div className="actions">
            <button type="button" className="button danger" onClick={decline} disabled={busy}>
              {t.inbox.confirmDecline}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => setDeclining(false)}
              disabled={busy}
            >
              {t.booking.cancelKeep}
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
