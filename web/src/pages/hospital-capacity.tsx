/**
 * The hospital's capacity calendar: beds for international patients day by day, eight weeks at a time,
 * and a form that sets the same number on a range of days. Loaded only when opened.
 */
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api';
import { ErrorNotice, Field, Loading, Notice, SignInRequired, usePageTitle } from '../components/ui';
import { useLoad } from '../hooks';
import { usePartnerI18n } from '../i18n/partner';
import { inWords } from '../problems';
import { useSession } from '../session';

const SHOWN_DAYS = 56;
const DAY_MS = 86_400_000;

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const todayUtc = () => new Date().toISOString().slice(0, 10);

export default function HospitalCapacityPage() {
  const { t, format } = usePartnerI18n();
  const { session, api } = useSession();
  usePageTitle(t.capacity.title);
  const isHospital = session?.role === 'hospital';
  const [start, setStart] = useState(todayUtc);
  const end = addDays(start, SHOWN_DAYS - 1);
  const calendar = useLoad(
    () => (isHospital ? api.hospitalCapacity({ from: start, to: end }) : Promise.resolve(undefined)),
    [session?.token, start],
  );
  const [from, setFrom] = useState(todayUtc);
  const [to, setTo] = useState(() => addDays(todayUtc(), 29));
  const [beds, setBeds] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [done, setDone] = useState<string>();

  if (!isHospital) {
    return <SignInRequired title={t.capacity.title} message={t.capacity.wrongRole} />;
  }

  const errorAt = (path: string) =>
    problems
      .filter((problem) => problem.path === path)
      .map((problem) => problem.message)
      .join('; ') || undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setDone(undefined);
    setProblems([]);
    try {
      await api.setHospitalCapacity({ from, to, capacity: beds.trim() === '' ? Number.NaN : Number(beds) });
      setDone(t.capacity.setDone);
      calendar.reload();
    } catch (error) {
      setFailure(error);
      if (error instanceof ApiError && error.status === 400) setProblems(inWords(error.details, t.problems));
    } finally {
      setBusy(false);
    }
  };
  const conflict =
    failure instanceof ApiError
      ? (t.capacity.conflicts as Record<string, string | undefined>)[failure.code]
      : undefined;

  return (
    <section>
      <h1>{t.capacity.title}</h1>
      <form className="panel" onSubmit={submit} noValidate aria-labelledby="capacity-set">
        <h2 id="capacity-set">{t.capacity.setTitle}</h2>
        <div className="grid-4">
          <Field label={t.capacity.from} error={errorAt('from')}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={from}
                onChange={(event) => setFrom(event.target.value)}
              />
            )}
          </Field>
          <Field label={t.capacity.to} error={errorAt('to')}>
            {(control) => (
              <input {...control} type="date" value={to} onChange={(event) => setTo(event.target.value)} />
            )}
          </Field>
          <Field label={t.capacity.beds} error={errorAt('capacity')}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={0}
                max={1000}
                value={beds}
                onChange={(event) => setBeds(event.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
              {t.capacity.set}
            </button>
          </div>
        </div>
        <div aria-live="polite">
          {done !== undefined && <Notice tone="success">{done}</Notice>}
          {failure !== undefined &&
            (conflict === undefined ? (
              problems.length === 0 && <ErrorNotice error={failure} />
            ) : (
              <Notice tone="error">
                <p>{conflict}</p>
              </Notice>
            ))}
        </div>
      </form>

      <div className="actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => setStart(addDays(start, -SHOWN_DAYS))}
        >
          ← {t.capacity.earlier}
        </button>
        <p className="small" aria-live="polite">
          {t.capacity.shown(format.date(start), format.date(end))}
        </p>
        <button
          type="button"
          className="button secondary"
          onClick={() => setStart(addDays(start, SHOWN_DAYS))}
        >
          {t.capacity.later} →
        </button>
      </div>
      {calendar.state === 'failed' && <ErrorNotice error={calendar.error} onRetry={calendar.reload} />}
      {calendar.data === undefined ? (
        calendar.state === 'loading' && <Loading />
      ) : (
        <ol className="capacity-days" aria-busy={calendar.state === 'loading'}>
          {calendar.data.days.map((day) => {
            const tone = day.capacity === 0 ? 'muted' : day.available === 0 ? 'bad' : 'good';
            return (
              <li key={day.date} className={`capacity-day capacity-${tone}`}>
                <span className="capacity-date">{format.date(day.date)}</span>
                <span className="small">
                  {day.capacity === 0 ? t.capacity.closed : t.capacity.free(day.available, day.capacity)}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
