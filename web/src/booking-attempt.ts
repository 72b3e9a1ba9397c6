/**
 * One booking attempt: the form a tourist fills for one departure, kept across Back and reload, and
 * the one Idempotency-Key it is sent with, so that submitting the same attempt again (twice, after
 * Back, after a reload) answers the same booking instead of holding the seats a second time. The
 * server derives the booking from the tourist and the key; the key here derives from the form's
 * content and a random nonce, so the same content is the same attempt and any change is a new one.
 * The nonce is renewed when the attempt is over (its hold expired or was cancelled, or the server
 * refused it), so the same travellers can then book again.
 *
 * Health notes never reach storage: the form is kept in sessionStorage without them, and in this
 * tab's memory with them, so Back keeps them and a reload asks for them again.
 */
import type { BookingStatus, Country, Currency, Language } from '@shifa/contracts';
import { ApiError, type BookingView, type CreateBooking, newIdempotencyKey } from './api';

// ---------------------------------------------------------------------------------------------------
// The key

/** The Idempotency-Key of `body` in the attempt `nonce`: the same for the same content, another for any change. */
export async function attemptKey(nonce: string, body: CreateBooking): Promise<string> {
  // The very bytes the request carries: the server refuses a key reused with a different body.
  const bytes = new TextEncoder().encode(`${nonce}\n${JSON.stringify(body)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `attempt-${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** What the attempt has sent: its key, and the booking the server answered with, once it did. */
export type Sent = { key: string; bookingId?: string };

export type AttemptState = { nonce: string; sent?: Sent };

const FINISHED: ReadonlySet<BookingStatus> = new Set(['EXPIRED', 'CANCELLED', 'DECLINED', 'COMPLETED']);

/** Whether the booking no longer holds anything, so the same travellers would need a new one. */
export function isOver(view: Pick<BookingView, 'status' | 'holdExpiresAt'>, now: number): boolean {
  // A replayed answer is the hold as it was first made: HELD, with its time now maybe past.
  return FINISHED.has(view.status) || (view.status === 'HELD' && Date.parse(view.holdExpiresAt) <= now);
}

export type AttemptCalls = {
  create: (body: CreateBooking, idempotencyKey: string) => Promise<BookingView>;
  get: (bookingId: string) => Promise<BookingView>;
  now: () => number;
  wait: (milliseconds: number) => Promise<void>;
  /** Called with the attempt's state before each request and after the answer, to be kept. */
  keep: (state: AttemptState) => void;
};

/** While a request with the same key is still running (a submit before a reload), ask again this often. */
export const IN_PROGRESS_RETRY_MS = 1_000;
const IN_PROGRESS_TRIES = 15;

/**
 * Sends the attempt and answers its booking: the one this content already made if it still holds
 * something, else a new hold. Throws the API's refusal (the nonce is renewed first, since the
 * server replays a refusal for the same key) or a network failure (the key is kept: the hold may
 * have been made, and the same key finds it).
 */
export async function submitAttempt(
  state: AttemptState,
  body: CreateBooking,
  calls: AttemptCalls,
): Promise<BookingView> {
  let nonce = state.nonce;
  let key = await attemptKey(nonce, body);
  const renew = async () => {
    nonce = newIdempotencyKey();
    key = await attemptKey(nonce, body);
  };
  const before = state.sent?.key === key ? state.sent : undefined;
  if (before?.bookingId !== undefined) {
    const made = await calls.get(before.bookingId).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    });
    if (made !== undefined && !isOver(made, calls.now())) return made;
    await renew();
  }
  for (let round = 1; ; round++) {
    calls.keep({ nonce, sent: { key } });
    let view: BookingView;
    try {
      view = await createOnce(body, key, calls);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.code === 'idempotency_in_progress')
        throw error;
      // A refusal is replayed for the same key: the next submit must be a new attempt.
      await renew();
      calls.keep({ nonce });
      // Only a body the key was first sent with may reuse it (an app updated in between): send it anew.
      if (error.code === 'idempotency_key_reused' && round === 1) continue;
      throw error;
    }
    // The answer to a key sent before may be the first answer replayed: the booking may be over since.
    if (key === before?.key && round === 1 && isOver(await calls.get(view.bookingId), calls.now())) {
      await renew();
      continue;
    }
    calls.keep({ nonce, sent: { key, bookingId: view.bookingId } });
    return view;
  }
}

async function createOnce(body: CreateBooking, key: string, calls: AttemptCalls): Promise<BookingView> {
  for (let tries = 1; ; tries++) {
    try {
      return await calls.create(body, key);
    } catch (error) {
      const running = error instanceof ApiError && error.code === 'idempotency_in_progress';
      if (!running || tries >= IN_PROGRESS_TRIES) throw error;
      await calls.wait(IN_PROGRESS_RETRY_MS);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The form, kept

export type DraftTraveller = {
  fullName: string;
  birthDate: string;
  nationality: Country | '';
  preferredLanguage: Language;
  /** Kept in memory only, never in storage. */
  notes: string;
  consent: boolean;
};

export type Draft = {
  /** The signed-in user it belongs to: another user in the same tab never sees it. */
  owner: string;
  travellers: DraftTraveller[];
  /** The currency the tourist picked, if they did. */
  currency: Currency | undefined;
  attempt: AttemptState;
};

export type RestoredDraft = Draft & {
  /** Per traveller: health notes were written before the page was reloaded, and are not kept. */
  notesDropped: boolean[];
};

/**
 * Whether nothing was typed or sent yet: such a form is not restored, so the traveller count the
 * tourist chose on the tour's page applies instead of the count of a form they only looked at.
 */
export const isBlank = (draft: Draft): boolean =>
  draft.attempt.sent === undefined &&
  draft.currency === undefined &&
  draft.travellers.every(
    (traveller) =>
      traveller.fullName.trim() === '' &&
      traveller.birthDate === '' &&
      traveller.nationality === '' &&
      traveller.notes.trim() === '',
  );

type StoredTraveller = Omit<DraftTraveller, 'notes' | 'consent'> & { hadNotes: boolean };
type Stored = Omit<Draft, 'travellers'> & { travellers: StoredTraveller[] };

const PREFIX = 'shifa.booking-draft.';

/** The part of Storage this needs: sessionStorage in the browser, a Map in tests. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function createDraftStore(storage: () => KeyValueStorage | undefined) {
  const memory = new Map<string, Draft>();
  const slot = (owner: string, departureId: string) => `${owner}\n${departureId}`;
  /** Storage can be full or blocked: the form then lasts as long as this page. */
  const safely = <T>(use: (store: KeyValueStorage) => T): T | undefined => {
    try {
      const store = storage();
      return store === undefined ? undefined : use(store);
    } catch {
      return undefined;
    }
  };
  return {
    read(owner: string, departureId: string): RestoredDraft | undefined {
      const held = memory.get(slot(owner, departureId));
      if (held !== undefined)
        return { ...structuredClone(held), notesDropped: held.travellers.map(() => false) };
      const stored = safely((store) => parseStored(store.getItem(PREFIX + departureId)));
      if (stored === undefined || stored.owner !== owner) return undefined;
      return {
        owner,
        currency: stored.currency,
        attempt: stored.attempt,
        travellers: stored.travellers.map(({ hadNotes: _had, ...traveller }) => ({
          ...traveller,
          notes: '',
          consent: false,
        })),
        notesDropped: stored.travellers.map((traveller) => traveller.hadNotes),
      };
    },
    write(departureId: string, draft: Draft): void {
      memory.set(slot(draft.owner, departureId), structuredClone(draft));
      const stored: Stored = {
        ...draft,
        travellers: draft.travellers.map(({ notes, consent: _consent, ...traveller }) => ({
          ...traveller,
          hadNotes: notes.trim() !== '',
        })),
      };
      safely((store) => store.setItem(PREFIX + departureId, JSON.stringify(stored)));
    },
    /** On signing out: nothing of the forms stays in this tab. */
    forgetAll(): void {
      memory.clear();
      safely((store) => {
        const keys: string[] = [];
        for (let index = 0; index < store.length; index++) {
          const key = store.key(index);
          if (key?.startsWith(PREFIX)) keys.push(key);
        }
        for (const key of keys) store.removeItem(key);
      });
    },
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;

const isString = (value: unknown): value is string => typeof value === 'string';

/** What sessionStorage holds, checked field by field: anything unexpected is a form to start afresh. */
function parseStored(text: string | null): Stored | undefined {
  if (text === null) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Stored> | null;
    const travellers = value?.travellers;
    const attempt = value?.attempt;
    if (!isString(value?.owner) || !Array.isArray(travellers) || !isString(attempt?.nonce)) return undefined;
    const sent = attempt.sent;
    if (
      sent !== undefined &&
      (!isString(sent.key) || !(sent.bookingId === undefined || isString(sent.bookingId)))
    )
      return undefined;
    const valid = travellers.every(
      (traveller) =>
        isString(traveller.fullName) &&
        isString(traveller.birthDate) &&
        isString(traveller.nationality) &&
        isString(traveller.preferredLanguage) &&
        typeof traveller.hadNotes === 'boolean',
    );
    if (!valid || travellers.length === 0) return undefined;
    return {
      owner: value.owner,
      travellers,
      currency: isString(value.currency) ? (value.currency as Currency) : undefined,
      attempt: { nonce: attempt.nonce, ...(sent === undefined ? {} : { sent }) },
    };
  } catch {
    return undefined;
  }
}

/** The tab's booking forms. */
export const bookingDrafts = createDraftStore(() => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
});
