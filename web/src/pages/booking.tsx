/**
 * One booking, as its tourist follows it: the hold's countdown and the card
 * payment while seats are held, then a timeline from the booking's `history`
 * that updates itself (polling GET /bookings/{id}) until the hospital has
 * answered, the price as snapshotted, the travellers, where the money stands
 * (held, being charged, charged, being refunded…), and cancelling with the
 * refund rule spelled out before it is confirmed; a cancel refused because the
 * hospital's acceptance is being charged right then is asked again by itself.
 */
import type { CancellationPolicy } from '@shifa/contracts';
import { refundFor } from '@shifa/domain/cancellation';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type BookingView, newIdempotencyKey, type PackageDetail } from '../api';
import { packageDetail } from '../catalog-cache';
import { MoneyStatus } from '../components/money';
import { RefundTerms } from '../components/refund-terms';
import {
  ErrorNotice,
  Field,
  Loading,
  Notice,
  SignInRequired,
  StatusBadge,
  usePageTitle,
} from '../components/ui';
import { useConfig } from '../config';
import { clock } from '../format';
import { useLoad, useNow, usePolling } from '../hooks';
import { useI18n } from '../i18n';
import { type ConfirmOutcome, confirmAtSimulator, TEST_CARDS, type TestCard } from '../payments';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

const StripeCardForm = lazy(() => import('../stripe-card-form'));

type PaymentState =
  | { kind: 'idle' }
  | { kind: 'paying' }
  | { kind: 'redirecting' }
  | { kind: 'authorised' }
  | { kind: 'declined'; message: string }
  | { kind: 'authFailed' }
  | { kind: 'failed'; error: unknown };

const CANCELLABLE = new Set(['HELD', 'AWAITING_HOSPITAL', 'CONFIRMED']);
/** A cancel refused while the acceptance is being charged is asked again this many times by itself. */
const DECISION_RETRIES = 6;
/** When the browser cannot read Retry-After (another origin that does not expose it): the API's own wait. */
const DECISION_RETRY_SECONDS = 5;
const AWAITING_POLL_MS = 4_000;
const AFTER_PAYMENT_POLL_MS = 1_000;

export function BookingPage({ bookingId }: { bookingId: string }) {
  const { t, lang } = useI18n();
  const { session, api } = useSession();
  const { path, search } = useLocation();
  usePageTitle(t.booking.title);
  // The notes are read once: every later read (the polls above all) asks without them, since each
  // opening of health notes is logged; the ones read first stay shown while the booking has notes.
  const firstRead = useRef<{ bookingId: string; notes: BookingView['healthNotes'] }>(undefined);
  const booking = useLoad(async () => {
    const known = firstRead.current?.bookingId === bookingId ? firstRead.current : undefined;
    const view = await api.getBooking(bookingId, known === undefined ? 'include' : 'omit');
    if (known === undefined) {
      firstRead.current = { bookingId, notes: view.healthNotes };
      return view;
    }
    const stillHasNotes = view.travellers.some((traveller) => traveller.hasHealthNotes);
    return stillHasNotes && known.notes !== undefined ? { ...view, healthNotes: known.notes } : view;
  }, [bookingId, session?.token]);
  const packageId = booking.data?.packageId;
  const tour = useLoad(
    () => (packageId === undefined ? new Promise<undefined>(() => {}) : packageDetail(api, packageId, lang)),
    [packageId, lang],
  );

  // Back from the bank's 3-D Secure page: Stripe appends the outcome to the return URL.
  const returned = search.get('redirect_status');
  const [payment, setPayment] = useState<PaymentState>(() =>
    returned === 'succeeded'
      ? { kind: 'authorised' }
      : returned === 'failed'
        ? { kind: 'authFailed' }
        : { kind: 'idle' },
  );
  useEffect(() => {
    if (returned !== null) navigate(path, { replace: true });
  }, [returned, path]);

  const status = booking.data?.status;
  usePolling(
    booking.reload,
    status === 'HELD' ? AFTER_PAYMENT_POLL_MS : AWAITING_POLL_MS,
    status === 'AWAITING_HOSPITAL' || (status === 'HELD' && payment.kind === 'authorised'),
  );

  if (session === undefined) {
    return <SignInRequired title={t.booking.title} message={t.booking.signInToSee} />;
  }
  if (booking.data === undefined) {
    return booking.state === 'failed' ? (
      <ErrorNotice error={booking.error} onRetry={booking.reload} />
    ) : (
      <Loading />
    );
  }
  const view = booking.data;
  // The tiers the booking was made under (its own snapshot, which the server applies), else the package's.
  const policy = view.cancellationPolicy ?? tour.data?.cancellationPolicy;
  return (
    <article className="booking">
      <p className="breadcrumb">
        <Link href="/trips">← {t.app.myTrips}</Link>
      </p>
      <header className="booking-head">
        <h1>{tour.data?.title ?? t.booking.title}</h1>
        <p>
          <StatusBadge status={view.status} />
        </p>
        <p className="small">
          {t.booking.reference}: <code>{view.bookingId}</code>
        </p>
      </header>
      {booking.state === 'failed' && <ErrorNotice error={booking.error} onRetry={booking.reload} />}
      <div className="booking-grid">
        <div className="booking-main">
          <Outcome view={view} />
          {view.status === 'HELD' && (
            <PaymentPanel view={view} state={payment} setState={setPayment} onExpired={booking.reload} />
          )}
          {view.status === 'HELD' && policy !== undefined && (
            <RefundTerms
              policy={policy}
              departureDate={view.startDate}
              total={view.price.total}
              currency={view.price.currency}
              now={Date.now()}
            />
          )}
          <Timeline view={view} />
          <CancelPanel view={view} policy={policy} onCancelled={booking.set} onRefresh={booking.reload} />
        </div>
        <aside className="booking-side">
          <section className="panel">
            <h2>{t.book.departure}</h2>
            <DepartureSummary view={view} tour={tour.data} />
          </section>
          <PriceBreakdown view={view} />
          <Travellers view={view} />
          <HealthData view={view} onChanged={booking.reload} />
        </aside>
      </div>
    </article>
  );
}

function DepartureSummary({ view, tour }: { view: BookingView; tour: PackageDetail | undefined }) {
  const { t, format } = useI18n();
  return (
    <>
      <p>
        <strong>{format.dateRange(view.startDate, view.endDate)}</strong>
      </p>
      {tour !== undefined && <p className="small">{tour.hospital.name}</p>}
      <p className="small">
        <Link href={`/tours/${encodeURIComponent(view.packageId)}`}>{t.booking.toTour}</Link>
      </p>
    </>
  );
}

/** Where the booking stands, in a sentence: the hospital's deadline, its answer, the money. */
function Outcome({ view }: { view: BookingView }) {
  const { t, format } = useI18n();
  switch (view.status) {
    case 'AWAITING_HOSPITAL':
      // Accepted, and the card is being charged: not yet confirmed, and not "waiting" either.
      if (view.decision?.outcome === 'accepted' || view.payment.status === 'capture_pending') {
        return (
          <Notice tone="info">
            <p>{t.booking.acceptedCharging(format.money(view.payment.amount, view.payment.currency))}</p>
            {view.payment.attention !== undefined && <p className="small">{t.money.delayed}</p>}
          </Notice>
        );
      }
      return (
        <Notice tone="info">
          {view.decisionDeadline === undefined
            ? t.statuses.AWAITING_HOSPITAL
            : t.booking.awaiting(format.dateTime(view.decisionDeadline))}
        </Notice>
      );
    case 'CONFIRMED':
    case 'COMPLETED':
      return (
        <Notice tone="success">
          <p>{t.booking.confirmed}</p>
          <MoneyStatus view={view} />
        </Notice>
      );
    case 'DECLINED':
      return (
        <Notice tone="warning">
          <p>{t.booking.declinedBy}</p>
          {view.decision?.reason !== undefined && (
            <p>
              {t.booking.reason}: {t.declineReasons[view.decision.reason]}
            </p>
          )}
          {view.decision?.note !== undefined && (
            <p>
              {t.booking.hospitalNote}: «{view.decision.note}»
            </p>
          )}
          <MoneyStatus view={view} className="small" />
        </Notice>
      );
    case 'EXPIRED':
      return (
        <Notice tone="warning">
          <p>{t.booking.holdExpired}</p>
          <MoneyStatus view={view} className="small" />
          <Link className="button secondary" href={`/tours/${encodeURIComponent(view.packageId)}`}>
            {t.booking.bookAgain}
          </Link>
        </Notice>
      );
    case 'CANCELLED': {
      const refund = view.cancellation;
      return (
        <Notice tone="info">
          <p>{t.statuses.CANCELLED}</p>
          {refund !== undefined && refund.method === 'refund' && (
            <p data-testid="refund-applied">
              {t.booking.cancelRefund(
                refund.refundPercent,
                format.money(refund.amount, view.price.currency),
                refund.daysBeforeDeparture,
              )}
            </p>
          )}
          <MoneyStatus view={view} />
        </Notice>
      );
    }
    case 'HELD':
      return null;
  }
}

function PaymentPanel({
  view,
  state,
  setState,
  onExpired,
}: {
  view: BookingView;
  state: PaymentState;
  setState: (state: PaymentState) => void;
  onExpired: () => void;
}) {
  const { t, format, lang } = useI18n();
  const { api } = useSession();
  const now = useNow(1_000);
  const { payments } = useConfig();
  const stripeKey = payments.provider === 'stripe' ? payments.publishableKey : null;
  // Stripe's Payment Element is mounted for the PaymentIntent, so its client secret comes first.
  const prepared = useLoad(
    () => (stripeKey === null ? Promise.resolve(undefined) : api.preparePayment(view.bookingId)),
    [stripeKey, view.bookingId],
  );
  const [card, setCard] = useState<TestCard>('pm_card_visa');
  const left = Date.parse(view.holdExpiresAt) - now;
  const expired = left <= 0;
  const reported = useRef(false);
  useEffect(() => {
    if (expired && !reported.current) {
      reported.current = true;
      onExpired();
    }
  }, [expired, onExpired]);

  const returnUrl = `${window.location.origin}/trips/${encodeURIComponent(view.bookingId)}`;
  const settle = (outcome: ConfirmOutcome) => {
    if (outcome.kind === 'redirect') {
      setState({ kind: 'redirecting' });
      window.location.assign(outcome.url);
    } else if (outcome.kind === 'failed') setState({ kind: 'failed', error: new Error(outcome.message) });
    else setState(outcome);
  };
  const pay = async () => {
    if (payments.provider !== 'simulator') return;
    setState({ kind: 'paying' });
    try {
      const prepared = await api.preparePayment(view.bookingId);
      const clientSecret = prepared.paymentAction?.clientSecret;
      if (clientSecret === undefined) throw new Error('the booking is no longer waiting for payment');
      const outcome: ConfirmOutcome = await confirmAtSimulator({
        apiUrl: payments.apiUrl,
        publishableKey: payments.publishableKey,
        clientSecret,
        paymentMethod: card,
        returnUrl,
      });
      settle(outcome);
    } catch (error) {
      setState({
        kind: 'failed',
        error: error instanceof ApiError || error instanceof Error ? error : new Error(String(error)),
      });
    }
  };

  const amount = format.money(view.price.total, view.price.currency);
  const cardLabels: Record<TestCard, string> = {
    pm_card_visa: t.booking.cardVisa,
    pm_card_chargeDeclined: t.booking.cardDeclined,
    pm_card_authenticationRequired: t.booking.card3ds,
  };
  const busy = state.kind === 'paying' || state.kind === 'redirecting' || state.kind === 'authorised';
  return (
    <section className="panel pay" aria-labelledby="pay">
      <h2 id="pay">{t.booking.pay}</h2>
      <p className={`countdown${left < 120_000 ? ' urgent' : ''}`} role="timer" aria-live="off">
        {expired ? t.booking.holdExpired : t.booking.holdLeft(clock(left))}
      </p>
      <p className="small">{t.booking.payExplain}</p>
      {state.kind === 'declined' && (
        <Notice tone="error">
          <p>{t.booking.declined}</p>
          <p className="detail">{state.message}</p>
        </Notice>
      )}
      {state.kind === 'authFailed' && <Notice tone="error">{t.booking.authFailed}</Notice>}
      {state.kind === 'failed' && <ErrorNotice error={state.error} />}
      {state.kind === 'authorised' && <Notice tone="success">{t.booking.authorised}</Notice>}
      {state.kind === 'redirecting' && <Notice tone="info">{t.booking.redirecting}</Notice>}
      {payments.provider === 'simulator' && (
        <fieldset className="cards-choice" disabled={busy || expired}>
          <legend>{t.booking.testCards}</legend>
          {TEST_CARDS.map((candidate) => (
            <label key={candidate} className="choice">
              <input
                type="radio"
                name="card"
                value={candidate}
                checked={card === candidate}
                onChange={() => setCard(candidate)}
              />
              <span>{cardLabels[candidate]}</span>
            </label>
          ))}
          <button type="button" className="button primary wide" onClick={pay} disabled={busy || expired}>
            {state.kind === 'paying' ? t.booking.paying : t.booking.payButton(amount)}
          </button>
        </fieldset>
      )}
      {payments.provider === 'stripe' && stripeKey === null && (
        <Notice tone="warning">{t.booking.stripeNotConfigured}</Notice>
      )}
      {stripeKey !== null && prepared.state === 'failed' && (
        <ErrorNotice error={prepared.error} onRetry={prepared.reload} />
      )}
      {stripeKey !== null && prepared.data?.paymentAction?.clientSecret !== undefined && (
        <Suspense fallback={<Loading label={t.booking.stripeLoading} />}>
          <StripeCardForm
            publishableKey={stripeKey}
            clientSecret={prepared.data.paymentAction.clientSecret}
            language={lang}
            returnUrl={returnUrl}
            disabled={busy || expired}
            labels={{
              loading: t.booking.stripeLoading,
              cardDetails: t.booking.cardDetails,
              submit: t.booking.payButton(amount),
              paying: t.booking.paying,
            }}
            onStart={() => setState({ kind: 'paying' })}
            onOutcome={settle}
          />
        </Suspense>
      )}
    </section>
  );
}

function Timeline({ view }: { view: BookingView }) {
  const { t, format } = useI18n();
  const causes: Record<string, string> = t.causes;
  return (
    <section className="panel" aria-labelledby="timeline">
      <h2 id="timeline">{t.booking.timeline}</h2>
      <ol className="timeline">
        {view.history.map((entry) => (
          <li key={`${entry.at}-${entry.to}`} data-status={entry.to}>
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
            <p>
              <strong>{t.statuses[entry.to]}</strong>
            </p>
            <p className="small">{causes[entry.cause] ?? entry.cause}</p>
            {entry.note !== undefined && <p className="small">«{entry.note}»</p>}
          </li>
        ))}
        {view.status === 'AWAITING_HOSPITAL' && (
          <li className="pending" aria-current="step">
            <p>
              <strong>{t.booking.hospitalAnswer}</strong>
            </p>
            {view.decisionDeadline !== undefined && (
              <p className="small">{t.booking.answerBy(format.dateTime(view.decisionDeadline))}</p>
            )}
          </li>
        )}
      </ol>
    </section>
  );
}

function PriceBreakdown({ view }: { view: BookingView }) {
  const { t, format } = useI18n();
  const { currency } = view.price;
  return (
    <section className="panel" aria-labelledby="price">
      <h2 id="price">{t.booking.price}</h2>
      <table className="breakdown">
        <tbody>
          {view.price.lines.map((line) => (
            <tr key={line.kind}>
              <th scope="row">
                {t.lines[line.kind]}
                <span className="small block">
                  {t.booking.perTravellerTimes(format.money(line.perTraveller, currency), line.travellers)}
                </span>
              </th>
              <td>{format.money(line.amount, currency)}</td>
            </tr>
          ))}
          <tr className="total">
            <th scope="row">{t.lines.total}</th>
            <td data-testid="price-total">{format.money(view.price.total, currency)}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Travellers({ view }: { view: BookingView }) {
  const { t, format } = useI18n();
  return (
    <section className="panel" aria-labelledby="travellers">
      <h2 id="travellers">{t.booking.travellers}</h2>
      <ul className="people">
        {view.travellers.map((traveller, index) => {
          const notes = view.healthNotes?.find((note) => note.traveller === index);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a traveller's place in the booking is their identity (health notes refer to it)
            <li key={index}>
              <strong>{traveller.fullName ?? t.booking.erasedName}</strong>
              <span className="small block">
                {traveller.birthDate === undefined ? '' : `${format.date(traveller.birthDate)} · `}
                {format.country(traveller.nationality)}
              </span>
              {notes !== undefined && (
                <span className="small block">
                  {t.booking.healthShared}: {notes.text}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The travellers' health notes as their tourist controls them: who opened them, when and why (the
 * access log), and deleting them for good. Shown once the booking has or had notes.
 */
function HealthData({ view, onChanged }: { view: BookingView; onChanged: () => void }) {
  const { t, format } = useI18n();
  const { api } = useSession();
  const hasNotes = view.travellers.some((traveller) => traveller.hasHealthNotes);
  const hadNotes = hasNotes || view.healthNotesDeletedAt !== undefined;
  const log = useLoad(
    () => (hadNotes ? api.healthAccessLog(view.bookingId) : Promise.resolve(undefined)),
    [view.bookingId, view.healthNotesDeletedAt, hadNotes],
  );
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  if (!hadNotes) return null;

  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.deleteHealthNotes(view.bookingId);
      setConfirming(false);
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="health-data">
      <h2 id="health-data">{t.booking.healthData}</h2>
      {view.healthNotesDeletedAt !== undefined && (
        <p className="small">{t.booking.healthDeleted(format.dateTime(view.healthNotesDeletedAt))}</p>
      )}
      <h3>{t.booking.healthWhoOpened}</h3>
      {log.error !== undefined && <ErrorNotice error={log.error} onRetry={log.reload} />}
      {log.data === undefined && log.error === undefined && <Loading />}
      {log.data !== undefined && log.data.items.length === 0 && (
        <p className="small">{t.booking.healthNobodyYet}</p>
      )}
      {log.data !== undefined && log.data.items.length > 0 && (
        <ul className="small" data-testid="access-log">
          {log.data.items.map((entry) => (
            <li key={`${entry.at}-${entry.purpose}-${entry.actor.role}`}>
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time> ·{' '}
              {t.booking.healthActor[entry.actor.role]}: {t.booking.healthPurpose[entry.purpose]}
            </li>
          ))}
        </ul>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      {hasNotes && !confirming && (
        <p>
          <button type="button" className="button danger-link" onClick={() => setConfirming(true)}>
            {t.booking.healthDelete}
          </button>
        </p>
      )}
      {hasNotes && confirming && (
        <div className="actions">
          <p>{t.booking.healthDeleteConfirm}</p>
          <button type="button" className="button danger" onClick={() => void remove()} disabled={busy}>
            {t.booking.healthDeleteYes}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => setConfirming(false)}
            disabled={busy}
          >
            {t.booking.cancelKeep}
          </button>
        </div>
      )}
    </section>
  );
}

function CancelPanel({
  view,
  policy,
  onCancelled,
  onRefresh,
}: {
  view: BookingView;
  /** The tiers the booking was made under (its own snapshot, else the package's). */
  policy: CancellationPolicy | undefined;
  onCancelled: (view: BookingView) => void;
  onRefresh: () => void;
}) {
  const { t, format } = useI18n();
  const { api } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  /** Refused while the hospital's acceptance is being charged: when to ask again, and how often it was. */
  const [waiting, setWaiting] = useState<{ at: number; refusals: number }>();
  const idempotencyKey = useRef(newIdempotencyKey());

  const cancel = useCallback(
    async (refusals: number) => {
      setBusy(true);
      setFailure(undefined);
      try {
        const trimmed = reason.trim();
        onCancelled(
          await api.cancelBooking(
            view.bookingId,
            trimmed === '' ? {} : { reason: trimmed },
            idempotencyKey.current,
          ),
        );
        setWaiting(undefined);
        setOpen(false);
        window.scrollTo(0, 0); // the outcome (refund, or nothing charged) is announced at the top
      } catch (error) {
        if (error instanceof ApiError && error.code === 'decision_in_progress') {
          // The refusal is replayed for its key: asking again is a new request.
          idempotencyKey.current = newIdempotencyKey();
          const seconds = Math.min(Math.max(error.retryAfterSeconds ?? DECISION_RETRY_SECONDS, 1), 60);
          setWaiting({ at: Date.now() + seconds * 1000, refusals: refusals + 1 });
          onRefresh(); // the page then shows the charge under way
        } else {
          setWaiting(undefined);
          setFailure(error);
        }
      } finally {
        setBusy(false);
      }
    },
    [api, onCancelled, onRefresh, reason, view.bookingId],
  );

  // Asked again by itself after the API's Retry-After, a few times; the button stays for later.
  useEffect(() => {
    if (waiting === undefined || waiting.refusals > DECISION_RETRIES) return;
    const timer = window.setTimeout(
      () => void cancel(waiting.refusals),
      Math.max(0, waiting.at - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [waiting, cancel]);

  if (!CANCELLABLE.has(view.status)) return null;

  // What is or is about to be charged: an accepted booking's card is being charged in full right now.
  const charging = view.payment.status === 'capture_pending' || view.decision?.outcome === 'accepted';
  const charged =
    view.payment.amountCaptured > 0 ? view.payment.amountCaptured : charging ? view.payment.amount : 0;
  // The same rule the server applies (packages/domain/src/cancellation.ts), shown before confirming.
  const rule = (() => {
    if (view.status === 'HELD') return t.booking.cancelHeld;
    if (charged === 0) return t.booking.cancelAuthorised;
    if (policy === undefined) return undefined;
    const today = new Date().toISOString().slice(0, 10);
    const decision = refundFor(policy, view.startDate, today, charged);
    return decision.refundAmount > 0
      ? t.booking.cancelRefund(
          decision.refundPercent,
          format.money(decision.refundAmount, view.price.currency),
          decision.daysBeforeDeparture,
        )
      : t.booking.cancelNoRefund(decision.daysBeforeDeparture);
  })();

  if (!open) {
    return (
      <p>
        <button type="button" className="button danger-link" onClick={() => setOpen(true)}>
          {t.booking.cancel}
        </button>
      </p>
    );
  }
  return (
    <section className="panel cancel" aria-labelledby="cancel">
      <h2 id="cancel">{t.booking.cancelTitle}</h2>
      {rule === undefined ? <Loading /> : <p data-testid="refund-rule">{rule}</p>}
      <Field label={t.booking.cancelReason}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => {
              idempotencyKey.current = newIdempotencyKey();
              setReason(event.target.value);
            }}
          />
        )}
      </Field>
      {waiting !== undefined && (
        <Notice tone="info">
          <p data-testid="decision-in-progress">{t.booking.decisionInProgress}</p>
          <button
            type="button"
            className="button secondary"
            onClick={() => void cancel(waiting.refusals)}
            disabled={busy}
          >
            {t.booking.retryNow}
          </button>
        </Notice>
      )}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <div className="actions">
        <button
          type="button"
          className="button danger"
          onClick={() => void cancel(0)}
          disabled={busy || waiting !== undefined || rule === undefined}
        >
          {busy ? t.booking.cancelling : t.booking.cancelConfirm}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setWaiting(undefined);
            setOpen(false);
          }}
          disabled={busy}
        >
          {t.booking.cancelKeep}
        </button>
      </div>
    </section>
  );
}
