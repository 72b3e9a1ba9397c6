/**
 * The agency's package composer: a verified hospital and one of its programmes, the agency's hotel and
 * excursions, services, texts in any of the six languages, cancellation tiers; then departures (added,
 * their seats and prices changed, deleted while none is sold) and publishing. The API's validation details
 * are shown beside the fields they name, and its refusals beside the departure refused. Loaded only when opened.
 */
import type { Language, ServiceKind } from '@shifa/contracts';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { type AgencyPackageView, ApiError } from '../api';
import { ErrorNotice, Field, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import {
  byCurrency,
  compositionOf,
  type Draft,
  draftOf,
  emptyDraft,
  offersOf,
  offerTotal,
  PRICE_LINES,
  type PriceRows,
  type Problem,
  priceRowsOf,
  problemsAt,
  unclaimed,
  whole,
} from '../composer';
import { CURRENCY_LIST, keysOf } from '../enums';
import { useLoad } from '../hooks';
import { AUTONYMS, UI_LANGUAGES } from '../i18n';
import { usePartnerI18n } from '../i18n/partner';
import { inWords } from '../problems';
import { Link, navigate } from '../router';
import { useSession } from '../session';

/** Paths of the composition the form has a place for; any other problem is listed at the top. */
const FIELDS = [
  'title',
  'description',
  'durationDays',
  'treatment.hospitalId',
  'treatment.programmeId',
  'treatment.startDay',
  'accommodation.hotelId',
  'accommodation.nights',
  'accommodation.room',
  'accommodation.meals',
  'sightseeing',
  'services',
  'serviceLanguages',
  'cancellationPolicy',
] as const;

/** "Saved" for the page a new package's composer becomes (its own address), which mounts afresh. */
let carried: string | undefined;

function pickText(text: Partial<Record<Language, string>>, lang: Language): string {
  return text[lang] ?? text.ru ?? text.en ?? Object.values(text)[0] ?? '';
}

/** What went wrong, with 409 codes in words and 400 details left to the fields. */
function useFailureText() {
  const { t } = usePartnerI18n();
  return (error: unknown): string | undefined => {
    if (!(error instanceof ApiError)) return undefined;
    if (error.status === 400 && error.details.length > 0) return t.composer.invalid;
    return (t.composer.conflicts as Record<string, string | undefined>)[error.code];
  };
}

function Failure({ error }: { error: unknown }) {
  const words = useFailureText()(error);
  if (words === undefined) return <ErrorNotice error={error} />;
  return (
    <Notice tone="error">
      <p>{words}</p>
    </Notice>
  );
}

export default function PackageComposerPage({ packageId }: { packageId?: string }) {
  const { t } = usePartnerI18n();
  const { session } = useSession();
  usePageTitle(packageId === undefined ? t.composer.newTitle : t.composer.editTitle);
  if (session?.role !== 'agency') {
    return <SignInRequired title={t.composer.newTitle} message={t.agency.wrongRole} />;
  }
  return <Composer key={packageId ?? 'new'} packageId={packageId} />;
}

function Composer({ packageId }: { packageId: string | undefined }) {
  const { t, lang } = usePartnerI18n();
  const { session, api } = useSession();
  const base = useLoad(
    () =>
      Promise.all([
        api.agencyHospitals(),
        api.agencyHotels(),
        api.agencyExcursions(),
        packageId === undefined ? Promise.resolve(undefined) : api.agencyPackage(packageId),
      ]),
    [session?.token, packageId, lang],
  );
  const [draft, setDraft] = useState<Draft>();
  const [view, setView] = useState<AgencyPackageView>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string | undefined>(() => carried);
  useEffect(() => {
    carried = undefined;
  }, []);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const hotels = base.data?.[1].items ?? [];
  const roomTypesOf = (hotelId: string) => hotels.find((hotel) => hotel.hotelId === hotelId)?.roomTypes ?? [];

  // The package (or a blank one) becomes the draft once, and again only when a reload is asked for.
  useEffect(() => {
    if (base.data === undefined || draft !== undefined) return;
    const loaded = base.data[3];
    if (loaded === undefined) setDraft(emptyDraft());
    else {
      setView(loaded);
      const hotel = base.data[1].items.find((item) => item.hotelId === loaded.accommodation.hotelId);
      setDraft(draftOf(loaded, hotel?.roomTypes ?? []));
    }
  }, [base.data, draft]);

  const hospitalId = draft?.hospitalId ?? '';
  const programmes = useLoad(
    () => (hospitalId === '' ? Promise.resolve(undefined) : api.agencyHospitalProgrammes(hospitalId)),
    [session?.token, hospitalId, lang],
  );

  if (base.state === 'failed') return <ErrorNotice error={base.error} onRetry={base.reload} />;
  if (base.data === undefined || draft === undefined) return <Loading />;
  const [hospitals, , excursions] = base.data;

  const update = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const errorAt = (path: string) => {
    const found = problemsAt(problems, path);
    return found.length === 0 ? undefined : found.map((problem) => problem.message).join('; ');
  };
  const hospital = hospitals.items.find((item) => item.hospitalId === draft.hospitalId);
  const city = hospital?.city;
  const cityHotels = city === undefined ? hotels : hotels.filter((hotel) => hotel.city === city);
  const hotel = hotels.find((item) => item.hotelId === draft.hotelId);
  const cityExcursions =
    city === undefined ? excursions.items : excursions.items.filter((item) => item.city === city);
  const programme = programmes.data?.items.find((item) => item.programmeId === draft.programmeId);
  const others = unclaimed(problems, FIELDS);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    setProblems([]);
    const body = compositionOf(draft, roomTypesOf(draft.hotelId));
    try {
      const saved =
        view === undefined
          ? await api.createAgencyPackage(body)
          : await api.updateAgencyPackage(view.packageId, body, view.version);
      setView(saved);
      setDone(t.composer.saved);
      if (view === undefined) {
        carried = t.composer.saved;
        navigate(`/partner/agency/packages/${encodeURIComponent(saved.packageId)}`, { replace: true });
      }
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError && error.status === 400) setProblems(inWords(error.details, t.problems));
      if (error instanceof ApiError && error.code === 'version_conflict') {
        setDraft(undefined);
        base.reload();
      }
      summaryRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (publish: boolean) => {
    if (view === undefined) return;
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    try {
      const changed = publish
        ? await api.publishAgencyPackage(view.packageId)
        : await api.unpublishAgencyPackage(view.packageId);
      setView(changed);
      setDone(publish ? t.composer.publishedDone : t.composer.unpublishedDone);
    } catch (error) {
      setFailure(error);
      summaryRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="composer">
      <p>
        <Link href="/partner/packages">← {t.composer.back}</Link>
      </p>
      <h1>
        {view === undefined ? t.composer.newTitle : t.composer.editTitle}
        {view !== undefined && (
          <>
            {' '}
            <span className={`badge badge-${view.status === 'published' ? 'good' : 'muted'}`}>
              {t.agency.statuses[view.status]}
            </span>
          </>
        )}
      </h1>
      <div ref={summaryRef} tabIndex={-1} aria-live="polite">
        {done !== undefined && <Notice tone="success">{done}</Notice>}
        {failure !== undefined && <Failure error={failure} />}
        {others.length > 0 && (
          <ul className="field-error">
            {others.map((problem) => (
              <li key={`${problem.path}:${problem.message}`}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        )}
      </div>

      <form onSubmit={save} noValidate>
        <fieldset className="panel" aria-describedby="composer-texts-hint">
          <legend>{t.composer.texts}</legend>
          <p className="hint" id="composer-texts-hint">
            {t.composer.textsHint}
          </p>
          <FieldsetError error={errorAt('title') ?? errorAt('description')} />
          <div className="grid-2">
            {UI_LANGUAGES.map((language) => (
              <div key={language} lang={language}>
                <Field label={t.composer.title(AUTONYMS[language])} error={errorAt(`title.${language}`)}>
                  {(control) => (
                    <input
                      {...control}
                      maxLength={200}
                      value={draft.title[language] ?? ''}
                      onChange={(event) =>
                        update({ title: { ...draft.title, [language]: event.target.value } })
                      }
                    />
                  )}
                </Field>
                <Field
                  label={t.composer.description(AUTONYMS[language])}
                  error={errorAt(`description.${language}`)}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      rows={3}
                      value={draft.description[language] ?? ''}
                      onChange={(event) =>
                        update({ description: { ...draft.description, [language]: event.target.value } })
                      }
                    />
                  )}
                </Field>
              </div>
            ))}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t.composer.programme}</legend>
          <div className="grid-2">
            <Field label={t.composer.hospital} error={errorAt('treatment.hospitalId')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.hospitalId}
                  onChange={(event) => update({ hospitalId: event.target.value, programmeId: '' })}
                >
                  <option value="">{t.composer.choose}</option>
                  {hospitals.items.map((item) => (
                    <option key={item.hospitalId} value={item.hospitalId}>
                      {item.name} · {t.cities[item.city]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t.composer.programme}
              error={errorAt('treatment.programmeId')}
              hint={
                programme === undefined
                  ? undefined
                  : t.composer.programmeFacts(programme.days, programme.sessions)
              }
            >
              {(control) => (
                <select
                  {...control}
                  value={draft.programmeId}
                  disabled={programmes.data === undefined}
                  aria-busy={programmes.state === 'loading'}
                  onChange={(event) => {
                    const picked = programmes.data?.items.find(
                      (item) => item.programmeId === event.target.value,
                    );
                    // A sensible start: the treatment fits, with a day on each side and a night per day.
                    const fits = picked === undefined ? undefined : picked.days + 2;
                    update({
                      programmeId: event.target.value,
                      ...(fits !== undefined && fits > Number(draft.durationDays)
                        ? { durationDays: String(fits), nights: String(fits - 1) }
                        : {}),
                    });
                  }}
                >
                  <option value="">{t.composer.choose}</option>
                  {(programmes.data?.items ?? []).map((item) => (
                    <option key={item.programmeId} value={item.programmeId}>
                      {item.title} · {t.kinds[item.kind]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <NumberField
              label={t.composer.duration}
              value={draft.durationDays}
              error={errorAt('durationDays')}
              min={1}
              max={60}
              onChange={(durationDays) => update({ durationDays })}
            />
            <NumberField
              label={t.composer.startDay}
              value={draft.startDay}
              error={errorAt('treatment.startDay')}
              min={1}
              max={60}
              onChange={(startDay) => update({ startDay })}
            />
          </div>
          {programmes.state === 'failed' && (
            <ErrorNotice error={programmes.error} onRetry={programmes.reload} />
          )}
        </fieldset>

        <fieldset className="panel">
          <legend>{t.composer.hotel}</legend>
          {cityHotels.length === 0 && <Notice tone="info">{t.composer.noHotels}</Notice>}
          <div className="grid-2">
            <Field label={t.composer.hotel} error={errorAt('accommodation.hotelId')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.hotelId}
                  onChange={(event) => update({ hotelId: event.target.value, room: 0, meals: '' })}
                >
                  <option value="">{t.composer.choose}</option>
                  {cityHotels.map((item) => (
                    <option key={item.hotelId} value={item.hotelId}>
                      {pickText(item.name, lang)} · {t.cities[item.city]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <NumberField
              label={t.composer.nights}
              value={draft.nights}
              error={errorAt('accommodation.nights')}
              min={0}
              max={59}
              onChange={(nights) => update({ nights })}
            />
            <Field label={t.composer.room} error={errorAt('accommodation.room')}>
              {(control) => (
                <select
                  {...control}
                  value={String(draft.room)}
                  disabled={hotel === undefined}
                  onChange={(event) => update({ room: Number(event.target.value) })}
                >
                  {(hotel?.roomTypes ?? []).map((room, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a room type is known by its place in the hotel's list
                    <option key={index} value={String(index)}>
                      {pickText(room, lang)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t.composer.meals} error={errorAt('accommodation.meals')}>
              {(control) => (
                <select
                  {...control}
                  value={draft.meals}
                  disabled={hotel === undefined}
                  onChange={(event) => update({ meals: event.target.value as Draft['meals'] })}
                >
                  <option value="">{t.composer.choose}</option>
                  {(hotel?.meals ?? []).map((meal) => (
                    <option key={meal} value={meal}>
                      {t.meals[meal]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t.composer.excursions}</legend>
          <FieldsetError error={errorAt('sightseeing')} />
          {cityExcursions.length === 0 && <p className="small">{t.composer.noExcursions}</p>}
          <div className="choices">
            {cityExcursions.map((excursion) => {
              const index = draft.sightseeing.findIndex(
                (visit) => visit.excursionId === excursion.excursionId,
              );
              const name = pickText(excursion.name, lang);
              return (
                <div key={excursion.excursionId} className="grid-2">
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={index >= 0}
                      onChange={(event) =>
                        update({
                          sightseeing: event.target.checked
                            ? [...draft.sightseeing, { excursionId: excursion.excursionId, day: '3' }]
                            : draft.sightseeing.filter(
                                (visit) => visit.excursionId !== excursion.excursionId,
                              ),
                        })
                      }
                    />
                    <span>{name}</span>
                  </label>
                  {index >= 0 && (
                    <NumberField
                      label={`${name}: ${t.composer.onDay}`}
                      value={draft.sightseeing[index]?.day ?? ''}
                      error={errorAt(`sightseeing.${index}`)}
                      min={1}
                      max={60}
                      onChange={(day) =>
                        update({
                          sightseeing: draft.sightseeing.map((visit, at) =>
                            at === index ? { ...visit, day } : visit,
                          ),
                        })
                      }
                    />
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="panel">
          <legend>{t.composer.services}</legend>
          {/* A problem with one service (services.<position sent>) is shown at that service; the rest here. */}
          <FieldsetError
            error={
              unclaimed(
                problemsAt(problems, 'services'),
                Object.keys(draft.services).map((_, sent) => `services.${sent}`),
              )
                .map((problem) => problem.message)
                .join('; ') || undefined
            }
          />
          <div className="choices">
            {keysOf(t.services).map((kind: ServiceKind) => {
              const chosen = draft.services[kind];
              return (
                <div key={kind}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={chosen !== undefined}
                      onChange={(event) => {
                        const services = { ...draft.services };
                        if (event.target.checked) services[kind] = [];
                        else delete services[kind];
                        update({ services });
                      }}
                    />
                    <span>{t.services[kind]}</span>
                  </label>
                  {chosen !== undefined && (
                    <LanguageChecks
                      legend={t.composer.languagesOf(t.services[kind])}
                      value={chosen}
                      error={errorAt(`services.${Object.keys(draft.services).indexOf(kind)}`)}
                      onChange={(languages) => update({ services: { ...draft.services, [kind]: languages } })}
                    />
                  )}
                </div>
              );
            })}
          </div>
          <LanguageChecks
            legend={t.composer.serviceLanguages}
            value={draft.serviceLanguages}
            error={errorAt('serviceLanguages')}
            onChange={(serviceLanguages) => update({ serviceLanguages })}
          />
        </fieldset>

        <fieldset className="panel" aria-describedby="composer-tiers-hint">
          <legend>{t.composer.tiers}</legend>
          <p className="hint" id="composer-tiers-hint">
            {t.composer.tiersHint}
          </p>
          <FieldsetError error={errorAt('cancellationPolicy')} />
          {draft.tiers.map((tier, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tiers are edited in place, in order
            <div key={index} className="grid-2 tier">
              <NumberField
                label={t.composer.daysBefore}
                value={tier.daysBeforeDeparture}
                min={0}
                max={365}
                onChange={(daysBeforeDeparture) =>
                  update({
                    tiers: draft.tiers.map((row, at) =>
                      at === index ? { ...row, daysBeforeDeparture } : row,
                    ),
                  })
                }
              />
              <NumberField
                label={t.composer.refund}
                value={tier.refundPercent}
                min={0}
                max={100}
                onChange={(refundPercent) =>
                  update({
                    tiers: draft.tiers.map((row, at) => (at === index ? { ...row, refundPercent } : row)),
                  })
                }
              />
              {draft.tiers.length > 1 && (
                <button
                  type="button"
                  className="button secondary small-button"
                  onClick={() => update({ tiers: draft.tiers.filter((_, at) => at !== index) })}
                >
                  {t.composer.removeTier}
                </button>
              )}
            </div>
          ))}
          {draft.tiers.length < 10 && (
            <button
              type="button"
              className="button secondary"
              onClick={() =>
                update({ tiers: [...draft.tiers, { daysBeforeDeparture: '', refundPercent: '' }] })
              }
            >
              {t.composer.addTier}
            </button>
          )}
        </fieldset>

        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t.composer.save}
          </button>
          {view !== undefined && view.status !== 'published' && (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setStatus(true)}
            >
              {t.composer.publish}
            </button>
          )}
          {view !== undefined && view.status === 'published' && (
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setStatus(false)}
            >
              {t.composer.unpublish}
            </button>
          )}
        </div>
      </form>

      <section aria-labelledby="composer-departures" className="panel">
        <h2 id="composer-departures">{t.composer.departures}</h2>
        {view === undefined ? (
          <p className="small">{t.composer.saveFirst}</p>
        ) : (
          <Departures view={view} onChanged={setView} />
        )}
      </section>
    </section>
  );
}

function FieldsetError({ error }: { error: string | undefined }): ReactNode {
  return error === undefined ? null : <p className="field-error">{error}</p>;
}

function NumberField({
  label,
  hint,
  value,
  error,
  min,
  max,
  onChange,
}: {
  label: string;
  hint?: string | undefined;
  value: string;
  error?: string | undefined;
  min: number;
  max: number;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

function LanguageChecks({
  legend,
  value,
  error,
  onChange,
}: {
  legend: string;
  value: readonly Language[];
  error?: string | undefined;
  onChange: (languages: Language[]) => void;
}) {
  return (
    <fieldset className="language-checks">
      <legend className="small">{legend}</legend>
      <FieldsetError error={error} />
      <div className="chips">
        {UI_LANGUAGES.map((language) => (
          <label key={language} className="choice" lang={language}>
            <input
              type="checkbox"
              checked={value.includes(language)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value.filter((x) => x !== language), language]
                    : value.filter((x) => x !== language),
                )
              }
            />
            <span>{AUTONYMS[language]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

type Departure = AgencyPackageView['departures'][number];

/** The fields a departure's forms have a place for; the API's other problems are listed above them. */
const PRICE_FIELDS = CURRENCY_LIST.map((currency) => `prices.${currency}`);

function Departures({
  view,
  onChanged,
}: {
  view: AgencyPackageView;
  onChanged: (view: AgencyPackageView) => void;
}) {
  const { t } = usePartnerI18n();
  const { api } = useSession();
  const [startDate, setStartDate] = useState('');
  const [seats, setSeats] = useState('10');
  const [prices, setPrices] = useState<PriceRows>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [wrong, setWrong] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [gone, setGone] = useState<string>();
  const listRef = useRef<HTMLDivElement>(null);
  const errorAt = (path: string) => joined(problemsAt(problems, path));

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(undefined);
    setGone(undefined);
    setProblems([]);
    const made = offersOf(prices);
    setWrong(made.wrong);
    if (made.wrong.length > 0) return;
    setBusy(true);
    try {
      const changed = await api.addAgencyDeparture(view.packageId, {
        startDate,
        seats: whole(seats),
        prices: made.offers,
      });
      onChanged(changed);
      setDone(t.composer.departureAdded);
      setStartDate('');
    } catch (error) {
      setFailure(error);
      // A 409 can name its field too (a date already taken), as a 400 does.
      if (error instanceof ApiError) setProblems(inWords(byCurrency(error.details, made.offers), t.problems));
    } finally {
      setBusy(false);
    }
  };

  /** A departure left the list (deleted here, or gone meanwhile): say so where focus then lands. */
  const removed = (changed: AgencyPackageView, message: string) => {
    onChanged(changed);
    setGone(message);
    setDone(undefined);
    setFailure(undefined);
    listRef.current?.focus();
  };

  const others = unclaimed(problems, ['startDate', 'seats', 'prices']);
  return (
    <>
      <div ref={listRef} tabIndex={-1} aria-live="polite">
        {gone !== undefined && <Notice tone="success">{gone}</Notice>}
      </div>
      {view.departures.length === 0 ? (
        <p className="small">{t.composer.noDepartures}</p>
      ) : (
        <ul className="departures-list">
          {view.departures.map((departure) => (
            <DepartureItem
              key={departure.departureId}
              packageId={view.packageId}
              version={view.version}
              departure={departure}
              onChanged={onChanged}
              onRemoved={removed}
            />
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {done !== undefined && <Notice tone="success">{done}</Notice>}
        {failure !== undefined && <Failure error={failure} />}
      </div>
      <form onSubmit={add} noValidate aria-label={t.composer.addDeparture}>
        <OtherProblems problems={others} />
        <div className="grid-2">
          <Field label={t.composer.startDate} error={errorAt('startDate')}>
            {(control) => (
              <input
                {...control}
                type="date"
                required
                value={startDate}
                onChange={(event) => setStartDate(event.target.value)}
              />
            )}
          </Field>
          <NumberField
            label={t.composer.seats}
            value={seats}
            error={errorAt('seats')}
            min={1}
            max={500}
            onChange={setSeats}
          />
        </div>
        <PriceInputs rows={prices} onChange={setPrices} wrong={wrong} problems={problems} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t.composer.addDeparture}
          </button>
        </div>
      </form>
    </>
  );
}

const joined = (problems: readonly Problem[]) =>
  problems.length === 0 ? undefined : problems.map((problem) => problem.message).join('; ');

function OtherProblems({ problems }: { problems: readonly Problem[] }): ReactNode {
  if (problems.length === 0) return null;
  return (
    <ul className="field-error">
      {problems.map((problem) => (
        <li key={`${problem.path}:${problem.message}`}>
          <code>{problem.path}</code>: {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** One row of amounts per currency; problems the API names by currency are shown on that row. */
function PriceInputs({
  rows,
  onChange,
  wrong,
  problems,
}: {
  rows: PriceRows;
  onChange: (rows: PriceRows) => void;
  /** `CUR.line` keys of amounts that are no amount. */
  wrong: readonly string[];
  problems: readonly Problem[];
}) {
  const { t } = usePartnerI18n();
  const hint = useId();
  return (
    <fieldset className="language-checks" aria-describedby={hint}>
      <legend>{t.composer.prices}</legend>
      <p className="hint" id={hint}>
        {t.composer.pricesHint}
      </p>
      <FieldsetError error={joined(unclaimed(problemsAt(problems, 'prices'), PRICE_FIELDS))} />
      {CURRENCY_LIST.map((currency) => (
        <fieldset key={currency} className="price-row">
          <legend className="small">{currency}</legend>
          <FieldsetError error={joined(problemsAt(problems, `prices.${currency}`))} />
          <div className="grid-4">
            {PRICE_LINES.map((line) => (
              <Field
                key={line}
                label={`${t.composer.lines[line]}, ${currency}`}
                error={wrong.includes(`${currency}.${line}`) ? t.composer.amountInvalid : undefined}
              >
                {(control) => (
                  <input
                    {...control}
                    inputMode="decimal"
                    value={rows[currency]?.[line] ?? ''}
                    onChange={(event) =>
                      onChange({ ...rows, [currency]: { ...rows[currency], [line]: event.target.value } })
                    }
                  />
                )}
              </Field>
            ))}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}

/** The API's words for a refusal beside our own, so an agent sees exactly what the API said. */
function DepartureFailure({ error }: { error: unknown }) {
  const words = useFailureText()(error);
  if (words === undefined || !(error instanceof ApiError)) return <ErrorNotice error={error} />;
  return (
    <Notice tone="error">
      <p>{words}</p>
      <p className="detail">{error.message}</p>
    </Notice>
  );
}

type Mode = 'view' | 'edit' | 'delete';
type FocusTarget = 'edit' | 'form' | 'confirm' | 'message';

/** One departure: its dates, seats and prices, and editing its seats and prices, or deleting it. */
function DepartureItem({
  packageId,
  version,
  departure,
  onChanged,
  onRemoved,
}: {
  packageId: string;
  /** The package's version as last read: a departure's change names it. */
  version: number;
  departure: Departure;
  onChanged: (view: AgencyPackageView) => void;
  onRemoved: (view: AgencyPackageView, message: string) => void;
}) {
  const { t, format } = usePartnerI18n();
  const { api } = useSession();
  const [mode, setMode] = useState<Mode>('view');
  const [seats, setSeats] = useState('');
  const [prices, setPrices] = useState<PriceRows>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const [wrong, setWrong] = useState<readonly string[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [focus, setFocus] = useState<FocusTarget>();
  const editRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const dates = format.dateRange(departure.startDate, departure.endDate);
  const sold = departure.seatsSold;

  // Focus follows what the agent did, once what it lands on is on the screen.
  useEffect(() => {
    if (focus === undefined) return;
    if (focus === 'edit') editRef.current?.focus();
    if (focus === 'form') formRef.current?.querySelector('input')?.focus();
    if (focus === 'confirm') confirmRef.current?.focus();
    if (focus === 'message') messageRef.current?.focus();
    setFocus(undefined);
  }, [focus]);

  const begin = (next: Mode) => {
    setFailure(undefined);
    setDone(undefined);
    setProblems([]);
    setWrong([]);
    if (next === 'edit') {
      setSeats(String(departure.seatsTotal));
      setPrices(priceRowsOf(departure.prices));
    }
    setMode(next);
    setFocus(next === 'edit' ? 'form' : next === 'delete' ? 'confirm' : 'edit');
  };

  /** Someone else changed the package, or this departure went: show the package as it now is. */
  const reread = async (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    if (error.code !== 'version_conflict' && error.code !== 'departure_not_found') return;
    const fresh = await api.agencyPackage(packageId);
    if (error.code === 'departure_not_found') onRemoved(fresh, t.composer.conflicts.departure_not_found);
    else onChanged(fresh);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(undefined);
    setProblems([]);
    const made = offersOf(
      prices,
      departure.prices.map((offer) => offer.currency),
    );
    setWrong(made.wrong);
    if (made.wrong.length > 0) {
      setFocus('form');
      return;
    }
    setBusy(true);
    try {
      onChanged(
        await api.updateAgencyDeparture(packageId, departure.departureId, {
          version,
          seats: whole(seats),
          prices: made.offers,
        }),
      );
      setMode('view');
      setDone(t.composer.departureSaved);
      setFocus('edit');
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError) setProblems(inWords(byCurrency(error.details, made.offers), t.problems));
      setFocus('message');
      await reread(error).catch(setFailure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      onRemoved(
        await api.deleteAgencyDeparture(packageId, departure.departureId),
        t.composer.departureDeleted,
      );
    } catch (error) {
      setFailure(error);
      setMode('view');
      setFocus('message');
      await reread(error).catch(setFailure);
    } finally {
      setBusy(false);
    }
  };

  const others = unclaimed(problems, ['seats', 'prices']);
  return (
    <li className="departure-item" data-departure={departure.departureId}>
      <p>
        <strong>{dates}</strong>{' '}
        <span className="small">{t.composer.seatsSold(sold, departure.seatsTotal)}</span>
        <span className="small block">
          {t.composer.perTraveller(
            departure.prices.map((offer) => format.money(offerTotal(offer), offer.currency)).join(' · '),
          )}
        </span>
      </p>
      <div ref={messageRef} tabIndex={-1} aria-live="polite">
        {done !== undefined && <Notice tone="success">{done}</Notice>}
        {failure !== undefined && <DepartureFailure error={failure} />}
      </div>
      {mode === 'view' && (
        <div className="actions">
          <button
            ref={editRef}
            type="button"
            className="button secondary small-button"
            aria-label={t.composer.editDepartureOf(dates)}
            onClick={() => begin('edit')}
          >
            {t.composer.editDeparture}
          </button>
          <button
            type="button"
            className="button danger-link small-button"
            aria-label={t.composer.deleteDepartureOf(dates)}
            onClick={() => begin('delete')}
          >
            {t.composer.deleteDeparture}
          </button>
        </div>
      )}
      {mode === 'delete' && (
        <div className="decline">
          <p ref={confirmRef} tabIndex={-1}>
            {t.composer.confirmDelete(dates)}
          </p>
          <div className="actions">
            <button type="button" className="button danger" disabled={busy} aria-busy={busy} onClick={remove}>
              {t.composer.deleteNow}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => begin('view')}>
              {t.composer.keep}
            </button>
          </div>
        </div>
      )}
      {mode === 'edit' && (
        <form
          ref={formRef}
          className="decline"
          onSubmit={save}
          noValidate
          aria-label={t.composer.editDepartureOf(dates)}
        >
          <p className="hint">{t.composer.editHint}</p>
          <OtherProblems problems={others} />
          <NumberField
            label={t.composer.seats}
            hint={sold > 0 ? t.composer.seatsHint(sold) : undefined}
            value={seats}
            error={joined(problemsAt(problems, 'seats'))}
            min={Math.max(1, sold)}
            max={500}
            onChange={setSeats}
          />
          <PriceInputs rows={prices} onChange={setPrices} wrong={wrong} problems={problems} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {t.composer.saveDeparture}
            </button>
            <button type="button" className="button secondary" disabled={busy} onClick={() => begin('view')}>
              {t.composer.cancelEdit}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
