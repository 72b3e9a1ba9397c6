/**
 * Booking a departure: the travellers (name as in the passport, birth date,
 * nationality, language, and health notes only with explicit consent to share
 * them with the treating hospital alone), the currency among the departure's
 * offers, the refund terms if cancelled, then POST /bookings, which holds the
 * seats; payment follows on the booking's own page. The form is one booking
 * attempt (src/booking-attempt.ts): kept across Back and reload, and sent with
 * one Idempotency-Key, so submitting it again leads to the same booking.
 */
import type { Country, Currency, Language } from '@shifa/contracts';
import { HEALTH_NOTES_CONSENT_VERSION } from '@shifa/contracts/consent-texts';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, type CreateBooking, newIdempotencyKey, type PackageDetail } from '../api';
import {
  type AttemptState,
  bookingDrafts,
  type DraftTraveller,
  isBlank,
  isOver,
  type RestoredDraft,
  submitAttempt,
} from '../booking-attempt';
import { packageDetail } from '../catalog-cache';
import { RefundTerms } from '../components/refund-terms';
import { ErrorNotice, Field, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import { keysOf } from '../enums';
import { useLoad, useNow } from '../hooks';
import { AUTONYMS, useI18n } from '../i18n';
import { chooseOffer, isPayable } from '../offers';
import { describeProblem } from '../problems';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';

type Departure = PackageDetail['departures'][number];

type TravellerForm = DraftTraveller & {
  /** Stable React key: travellers can be removed from the middle. */
  key: number;
  /** Health notes had been written before a reload, which does not keep them. */
  notesDropped: boolean;
};

type FieldErrors = Record<string, string>;

const MAX_TRAVELLERS = 10;
/** Latin letters as printed in a passport, with spaces, hyphens and apostrophes. */
const PASSPORT_NAME = /^[A-Za-z][A-Za-z .'-]{1,119}$/;
const UNAVAILABLE = new Set([
  'departure_sold_out',
  'hospital_capacity_exhausted',
  'accommodation_full',
  'package_unavailable',
  'departure_closed',
  'departure_not_found',
]);

export function BookPage({ packageId, departureId }: { packageId: string; departureId: string }) {
  const { t, lang } = useI18n();
  const { session, api } = useSession();
  const { search } = useLocation();
  usePageTitle(t.book.title);
  const loaded = useLoad(() => packageDetail(api, packageId, lang), [packageId, lang]);
  const owner = session?.userId;
  // Read once per departure and user: the form then keeps it up to date itself.
  const restored = useMemo(() => {
    const draft = owner === undefined ? undefined : bookingDrafts.read(owner, departureId);
    return draft === undefined || isBlank(draft) ? undefined : draft;
  }, [owner, departureId]);

  if (session === undefined || session.role !== 'tourist') {
    return (
      <SignInRequired
        title={t.book.title}
        message={session === undefined ? t.book.signInFirst : t.book.wrongRole}
      />
    );
  }
  if (loaded.state === 'failed') return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
  if (loaded.data === undefined) return <Loading />;
  const tour = loaded.data;
  const departure = tour.departures.find((candidate) => candidate.departureId === departureId);
  // The seats this very form holds count as taken: its own hold must not hide the form that leads to it.
  const madeHere = restored?.attempt.sent?.bookingId !== undefined;
  if (departure === undefined || (departure.seatsLeft === 0 && !madeHere)) {
    return (
      <section className="narrow">
        <h1>{tour.title}</h1>
        <Notice tone="warning">{t.tour.noDepartures}</Notice>
        <Link href={`/tours/${encodeURIComponent(packageId)}`}>{t.booking.toTour}</Link>
      </section>
    );
  }
  const wanted = Number(search.get('travellers') ?? '1');
  const initialCount = Math.min(
    Math.max(Number.isInteger(wanted) ? wanted : 1, 1),
    departure.seatsLeft,
    MAX_TRAVELLERS,
  );
  return (
    <BookingForm
      key={`${session.userId}/${departure.departureId}`}
      tour={tour}
      departure={departure}
      initialCount={initialCount}
      owner={session.userId}
      restored={restored}
    />
  );
}

function BookingForm({
  tour,
  departure,
  initialCount,
  owner,
  restored,
}: {
  tour: PackageDetail;
  departure: Departure;
  initialCount: number;
  owner: string;
  restored: RestoredDraft | undefined;
}) {
  const { t, lang, format } = useI18n();
  const { api } = useSession();
  const nextKey = useRef(0);
  const blank = (): TravellerForm => ({
    key: nextKey.current++,
    fullName: '',
    birthDate: '',
    nationality: '',
    preferredLanguage: tour.serviceLanguages.includes(lang) ? lang : (tour.serviceLanguages[0] ?? lang),
    notes: '',
    consent: false,
    notesDropped: false,
  });
  const [travellers, setTravellers] = useState<TravellerForm[]>(() =>
    restored === undefined
      ? Array.from({ length: initialCount }, blank)
      : restored.travellers.map((traveller, index) => ({
          ...traveller,
          key: nextKey.current++,
          notesDropped: restored.notesDropped[index] ?? false,
        })),
  );
  const [picked, setPicked] = useState<Currency | undefined>(restored?.currency);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [unavailable, setUnavailable] = useState(false);
  const [tooManyUnpaid, setTooManyUnpaid] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // The attempt: its nonce and what it sent, kept with the form so Back and reload resume it.
  const attempt = useRef<AttemptState>(restored?.attempt ?? { nonce: newIdempotencyKey() });
  const latest = useRef({ travellers, picked });
  latest.current = { travellers, picked };
  const keep = () =>
    bookingDrafts.write(departure.departureId, {
      owner,
      travellers: latest.current.travellers.map(
        ({ key: _key, notesDropped: _dropped, ...traveller }) => traveller,
      ),
      currency: latest.current.picked,
      attempt: attempt.current,
    });
  // biome-ignore lint/correctness/useExhaustiveDependencies: kept whenever the form's content changes
  useEffect(keep, [travellers, picked]);

  // A booking this form made and that still holds something: said before a second one is made.
  const madeId = restored?.attempt.sent?.bookingId;
  const made = useLoad(
    () => (madeId === undefined ? Promise.resolve(undefined) : api.getBooking(madeId, 'omit')),
    [madeId],
  );
  const now = useNow(60_000);

  const edit = (index: number, patch: Partial<TravellerForm>) => {
    const notesEdited = patch.notes === undefined ? {} : { notesDropped: false };
    setTravellers((current) =>
      current.map((traveller, i) => (i === index ? { ...traveller, ...patch, ...notesEdited } : traveller)),
    );
    // A field's complaint goes as soon as it is edited; the others wait for the next submit.
    const touched = Object.keys(patch).map((field) => `${index}.${field === 'notes' ? 'consent' : field}`);
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([key]) => !touched.includes(key))),
    );
  };
  const maxTravellers = Math.max(Math.min(departure.seatsLeft, MAX_TRAVELLERS), travellers.length);
  // One card payment carries at most twelve digits of minor units (src/offers.ts): only currencies that
  // fit are offered; the tourist's pick, else the first traveller's own currency, else the agency's first.
  const payable = (price: Departure['prices'][number]) => isPayable(price, travellers.length);
  const payableOffers = departure.prices.filter(payable);
  const offer =
    chooseOffer(departure.prices, travellers.length, picked, travellers[0]?.nationality) ??
    departure.prices[0];
  const currency: Currency = offer?.currency ?? 'USD';
  const total = (offer?.perTraveller.total ?? 0) * travellers.length;
  const today = new Date().toISOString().slice(0, 10);

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    travellers.forEach((traveller, index) => {
      if (!PASSPORT_NAME.test(traveller.fullName.trim())) found[`${index}.fullName`] = t.book.fullNameInvalid;
      if (traveller.birthDate === '' || traveller.birthDate >= today)
        found[`${index}.birthDate`] = t.book.birthDateInvalid;
      if (traveller.nationality === '') found[`${index}.nationality`] = t.book.nationalityMissing;
      if (traveller.notes.trim() !== '' && !traveller.consent)
        found[`${index}.consent`] = t.book.consentNeeded;
    });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setUnavailable(false);
    setTooManyUnpaid(false);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const body: CreateBooking = {
      packageId: tour.packageId,
      departureId: departure.departureId,
      currency,
      travellers: travellers.map((traveller) => ({
        fullName: traveller.fullName.trim(),
        birthDate: traveller.birthDate,
        nationality: traveller.nationality as Country,
        preferredLanguage: traveller.preferredLanguage,
        ...(traveller.notes.trim() === ''
          ? {}
          : {
              // The consent text shown beside the notes: its version, in the interface's language.
              healthNotes: {
                text: traveller.notes.trim(),
                consent: { version: HEALTH_NOTES_CONSENT_VERSION, language: lang },
              },
            }),
      })),
    };
    setBusy(true);
    try {
      const booking = await submitAttempt(attempt.current, body, {
        create: api.createBooking,
        get: (bookingId: string) => api.getBooking(bookingId, 'omit'),
        now: Date.now,
        wait: (milliseconds) => new Promise((done) => window.setTimeout(done, milliseconds)),
        keep: (state) => {
          attempt.current = state;
          keep();
        },
      });
      navigate(`/trips/${encodeURIComponent(booking.bookingId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
        const fromServer: FieldErrors = {};
        // Only travellers' fields are shown one by one; anything else is said by the notice below.
        for (const detail of error.details.filter((item) => item.path.startsWith('travellers.')))
          fromServer[detail.path.slice('travellers.'.length)] = describeProblem(detail, t.problems);
        setErrors(fromServer);
      }
      if (error instanceof ApiError && UNAVAILABLE.has(error.code)) setUnavailable(true);
      else if (error instanceof ApiError && error.code === 'too_many_unpaid_holds') setTooManyUnpaid(true);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="book" onSubmit={submit} ref={formRef} noValidate>
      <p className="breadcrumb">
        <Link href={`/tours/${encodeURIComponent(tour.packageId)}`}>← {tour.title}</Link>
      </p>
      <h1>{t.book.title}</h1>
      {made.data !== undefined && !isOver(made.data, now) && (
        <Notice tone="info">
          <p>{t.book.alreadyBooked}</p>
          <Link href={`/trips/${encodeURIComponent(made.data.bookingId)}`}>{t.book.toBooking}</Link>
        </Notice>
      )}
      <section className="panel">
        <h2>{t.book.departure}</h2>
        <p>
          <strong>{tour.title}</strong>
        </p>
        <p>
          {format.dateRange(departure.startDate, departure.endDate)} ·{' '}
          {t.count.seatsLeft(departure.seatsLeft)}
        </p>
        <p className="small">{tour.hospital.name}</p>
      </section>

      <fieldset className="panel">
        <legend>{t.book.travellers}</legend>
        {travellers.map((traveller, index) => (
          <TravellerFields
            key={traveller.key}
            index={index}
            traveller={traveller}
            errors={errors}
            hospital={tour.hospital.name}
            languages={tour.serviceLanguages}
            canRemove={travellers.length > 1}
            onChange={(patch) => edit(index, patch)}
            onRemove={() => {
              setTravellers((current) => current.filter((_, i) => i !== index));
              setErrors({}); // they are keyed by position, which has just shifted
            }}
          />
        ))}
        {travellers.length < maxTravellers ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => setTravellers((current) => [...current, blank()])}
          >
            + {t.book.add}
          </button>
        ) : (
          <p className="small">{t.book.noSeats(departure.seatsLeft)}</p>
        )}
      </fieldset>

      <fieldset className="panel">
        <legend>{t.book.currency}</legend>
        <div className="choices">
          {departure.prices.map((price) => (
            <label key={price.currency} className="choice">
              <input
                type="radio"
                name="currency"
                value={price.currency}
                checked={price.currency === currency}
                disabled={!payable(price)}
                aria-describedby={payable(price) ? undefined : `${price.currency}-over-limit`}
                onChange={() => setPicked(price.currency)}
              />
              <span>
                {price.currency} · {format.money(price.perTraveller.total, price.currency)}{' '}
                <span className="small">{t.search.perTraveller}</span>
                {!payable(price) && (
                  <span className="small block" id={`${price.currency}-over-limit`}>
                    {t.book.overCardLimit}
                  </span>
                )}
              </span>
            </label>
          ))}
        </div>
        {offer !== undefined && (
          <p className="total-line">
            {t.book.total(t.count.travellers(travellers.length))}:{' '}
            <strong data-testid="booking-total">{format.money(total, offer.currency)}</strong>
          </p>
        )}
      </fieldset>

      {offer !== undefined && (
        <RefundTerms
          policy={tour.cancellationPolicy}
          departureDate={departure.startDate}
          total={total}
          currency={offer.currency}
          now={now}
        />
      )}

      {payableOffers.length === 0 && <Notice tone="warning">{t.book.noPayableCurrency}</Notice>}
      {Object.keys(errors).length > 0 && <Notice tone="error">{t.book.fixErrors}</Notice>}
      {unavailable && <Notice tone="warning">{t.book.unavailable}</Notice>}
      {tooManyUnpaid && <Notice tone="warning">{t.book.tooManyUnpaid}</Notice>}
      {failure !== undefined && <ErrorNotice error={failure} />}
      <p className="small">{t.book.holdNote}</p>
      <button type="submit" className="button primary wide" disabled={busy || payableOffers.length === 0}>
        {busy ? t.book.submitting : t.book.submit}
      </button>
    </form>
  );
}

function TravellerFields({
  index,
  traveller,
  errors,
  hospital,
  languages,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  traveller: TravellerForm;
  errors: FieldErrors;
  hospital: string;
  /** The languages the package serves travellers in: the only ones worth asking for. */
  languages: readonly Language[];
  canRemove: boolean;
  onChange: (patch: Partial<TravellerForm>) => void;
  onRemove: () => void;
}) {
  const { t, format } = useI18n();
  const id = useId();
  const error = (field: string) => errors[`${index}.${field}`];
  return (
    <div className="traveller" data-testid={`traveller-${index}`}>
      <div className="traveller-head">
        <h3>{t.book.traveller(index + 1)}</h3>
        {canRemove && (
          <button type="button" className="button link" onClick={onRemove}>
            {t.book.remove}
          </button>
        )}
      </div>
      <div className="grid-2">
        <Field label={t.book.fullName} hint={t.book.fullNameHint} error={error('fullName')}>
          {(control) => (
            <input
              {...control}
              name="fullName"
              autoComplete="name"
              autoCapitalize="characters"
              spellCheck={false}
              value={traveller.fullName}
              placeholder="AIGERIM NURLANOVA"
              onChange={(event) => onChange({ fullName: event.target.value })}
            />
          )}
        </Field>
        <Field label={t.book.birthDate} error={error('birthDate')}>
          {(control) => (
            <input
              {...control}
              type="date"
              name="birthDate"
              value={traveller.birthDate}
              max={new Date().toISOString().slice(0, 10)}
              onChange={(event) => onChange({ birthDate: event.target.value })}
            />
          )}
        </Field>
        <Field label={t.book.nationality} error={error('nationality')}>
          {(control) => (
            <select
              {...control}
              name="nationality"
              value={traveller.nationality}
              onChange={(event) => onChange({ nationality: event.target.value as Country | '' })}
            >
              <option value="">—</option>
              {keysOf(t.countries).map((country) => (
                <option key={country} value={country}>
                  {format.country(country)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t.book.preferredLanguage}>
          {(control) => (
            <select
              {...control}
              name="preferredLanguage"
              value={traveller.preferredLanguage}
              onChange={(event) => onChange({ preferredLanguage: event.target.value as Language })}
            >
              {languages.map((language) => (
                <option key={language} value={language} lang={language}>
                  {AUTONYMS[language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        label={t.book.healthNotes}
        hint={
          traveller.notesDropped ? `${t.book.healthNotesHint} ${t.book.notesNotKept}` : t.book.healthNotesHint
        }
      >
        {(control) => (
          <textarea
            {...control}
            name="healthNotes"
            rows={2}
            maxLength={2000}
            value={traveller.notes}
            onChange={(event) => onChange({ notes: event.target.value })}
          />
        )}
      </Field>
      {traveller.notes.trim() !== '' && (
        <div className="consent">
          <label>
            <input
              type="checkbox"
              name="consent"
              checked={traveller.consent}
              aria-invalid={error('consent') !== undefined}
              aria-describedby={error('consent') === undefined ? undefined : `${id}-consent-error`}
              onChange={(event) => onChange({ consent: event.target.checked })}
            />
            <span>{t.book.consent(hospital)}</span>
          </label>
          {error('consent') !== undefined && (
            <span className="field-error" id={`${id}-consent-error`}>
              {error('consent')}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
