import { describe, expect, it } from 'vitest';
import { ApiError, type BookingView, type CreateBooking } from './api';
import {
  type AttemptState,
  attemptKey,
  createDraftStore,
  type Draft,
  type DraftTraveller,
  isBlank,
  type KeyValueStorage,
  submitAttempt,
} from './booking-attempt';

const BODY: CreateBooking = {
  packageId: 'kz-urumqi-acupuncture-13',
  departureId: 'kz-urumqi-acupuncture-13-2027-03-05',
  currency: 'KZT',
  travellers: [
    {
      fullName: 'AIGERIM NURLANOVA',
      birthDate: '1970-01-02',
      nationality: 'KZ',
      preferredLanguage: 'ru',
      healthNotes: { text: 'Гипертония', consent: { version: '2026-12', language: 'ru' } },
    },
  ],
};
const OTHER_TRAVELLER: CreateBooking = {
  ...BODY,
  travellers: [
    { fullName: 'NURLAN NURLANOV', birthDate: '1968-05-14', nationality: 'KZ', preferredLanguage: 'ru' },
  ],
};
const NOW = Date.parse('2027-02-01T10:00:00Z');

describe('the key of a booking attempt', () => {
  it('is the same for the same content and nonce, and one the API takes', async () => {
    const key = await attemptKey('nonce-1', BODY);

    expect(await attemptKey('nonce-1', structuredClone(BODY))).toBe(key);
    expect(key).toMatch(/^[\x21-\x7e]{8,255}$/);
  });

  it('changes with any change of the form, health notes and currency included, and with the nonce', async () => {
    const key = await attemptKey('nonce-1', BODY);
    const [first] = BODY.travellers;
    const otherNotes = {
      ...BODY,
      travellers: [
        { ...first, healthNotes: { text: 'Диабет', consent: { version: '2026-12', language: 'ru' } } },
      ],
    };

    const others = await Promise.all([
      attemptKey('nonce-1', OTHER_TRAVELLER),
      attemptKey('nonce-1', otherNotes as CreateBooking),
      attemptKey('nonce-1', { ...BODY, currency: 'USD' }),
      attemptKey('nonce-1', { ...BODY, departureId: 'kz-urumqi-acupuncture-13-2027-03-20' }),
      attemptKey('nonce-2', BODY),
    ]);

    expect(new Set([key, ...others]).size).toBe(6);
  });

  it('does not carry the health notes in readable form', async () => {
    expect(await attemptKey('nonce-1', BODY)).not.toContain('Гипертония');
  });
});

/**
 * The API as the attempt sees it: the booking derives from the key, the first answer to a key is
 * replayed (refusals too), and a booking can be cancelled or expire behind the client's back.
 */
function fakeApi() {
  const bookings = new Map<string, BookingView>();
  const answers = new Map<string, { view?: BookingView; error?: ApiError }>();
  const state = { holds: 0, refuseNext: undefined as ApiError | undefined, failNext: false, busy: 0 };
  const view = (bookingId: string): BookingView =>
    ({ bookingId, status: 'HELD', holdExpiresAt: new Date(NOW + 15 * 60_000).toISOString() }) as BookingView;
  return {
    state,
    bookings,
    async create(body: CreateBooking, key: string): Promise<BookingView> {
      if (state.busy > 0) {
        state.busy -= 1;
        throw new ApiError(409, 'idempotency_in_progress', 'still running');
      }
      const answered = answers.get(key);
      if (answered?.error !== undefined) throw answered.error;
      if (answered?.view !== undefined) return structuredClone(answered.view);
      if (state.refuseNext !== undefined) {
        const error = state.refuseNext;
        state.refuseNext = undefined;
        answers.set(key, { error });
        throw error;
      }
      const bookingId = `bk-${key.slice(-12)}`;
      expect(body.travellers.length).toBeGreaterThan(0);
      if (!bookings.has(bookingId)) {
        state.holds += 1;
        bookings.set(bookingId, view(bookingId));
      }
      const made = bookings.get(bookingId) as BookingView;
      answers.set(key, { view: structuredClone(made) });
      if (state.failNext) {
        state.failNext = false;
        throw new TypeError('Failed to fetch'); // the hold was made, its answer lost
      }
      return made;
    },
    async get(bookingId: string): Promise<BookingView> {
      const found = bookings.get(bookingId);
      if (found === undefined) throw new ApiError(404, 'booking_not_found', 'no such booking');
      return structuredClone(found);
    },
    end(bookingId: string, status: BookingView['status']) {
      const found = bookings.get(bookingId);
      if (found !== undefined) found.status = status;
    },
  };
}

/** The tab: the attempt's state as kept between submits, and the calls it makes. */
function tab(api: ReturnType<typeof fakeApi>) {
  let kept: AttemptState = { nonce: 'first-nonce' };
  const calls = {
    create: api.create,
    get: api.get,
    now: () => NOW,
    wait: async () => undefined,
    keep: (state: AttemptState) => {
      kept = state;
    },
  };
  return { submit: (body: CreateBooking) => submitAttempt(kept, body, calls), kept: () => kept };
}

describe('submitting a booking attempt', () => {
  it('answers the same booking to a second submit of the same form, holding the seats once', async () => {
    const api = fakeApi();
    const form = tab(api);

    const first = await form.submit(BODY);
    const again = await form.submit(structuredClone(BODY));

    expect(again.bookingId).toBe(first.bookingId);
    expect(api.state.holds).toBe(1);
  });

  it('makes a new hold when the form changed', async () => {
    const api = fakeApi();
    const form = tab(api);

    const first = await form.submit(BODY);
    const changed = await form.submit(OTHER_TRAVELLER);

    expect(changed.bookingId).not.toBe(first.bookingId);
    expect(api.state.holds).toBe(2);
  });

  it('starts afresh once the hold was cancelled or expired', async () => {
    const api = fakeApi();
    const form = tab(api);
    const first = await form.submit(BODY);
    api.end(first.bookingId, 'CANCELLED');

    const second = await form.submit(BODY);
    api.end(second.bookingId, 'EXPIRED');
    const third = await form.submit(BODY);

    expect(new Set([first.bookingId, second.bookingId, third.bookingId]).size).toBe(3);
    expect(api.state.holds).toBe(3);
  });

  it('finds the hold whose answer was lost, and starts afresh if it is over by then', async () => {
    const api = fakeApi();
    const form = tab(api);
    api.state.failNext = true;
    await expect(form.submit(BODY)).rejects.toThrow(TypeError);

    const found = await form.submit(BODY);
    expect(api.state.holds).toBe(1);
    expect(form.kept().sent?.bookingId).toBe(found.bookingId);

    // Had that answer been lost too, the tab would know only the key; the hold then expires, and the
    // API replays its first answer, HELD.
    form.kept().sent = { key: form.kept().sent?.key ?? '' };
    api.end(found.bookingId, 'EXPIRED');
    const fresh = await form.submit(BODY);

    expect(fresh.bookingId).not.toBe(found.bookingId);
    expect(api.state.holds).toBe(2);
  });

  it('sends a refused attempt anew next time, since the API replays a refusal for the same key', async () => {
    const api = fakeApi();
    const form = tab(api);
    api.state.refuseNext = new ApiError(409, 'departure_sold_out', 'sold out');
    await expect(form.submit(BODY)).rejects.toMatchObject({ code: 'departure_sold_out' });

    const later = await form.submit(BODY);

    expect(later.status).toBe('HELD');
    expect(api.state.holds).toBe(1);
  });

  it('asks again while the same attempt is still being processed', async () => {
    const api = fakeApi();
    const form = tab(api);
    api.state.busy = 3;

    await form.submit(BODY);

    expect(api.state.holds).toBe(1);
  });
});

function memoryStorage(): KeyValueStorage & { dump: () => string } {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    dump: () => [...items.values()].join('\n'),
  };
}

const DRAFT: Draft = {
  owner: 'tourist-aigerim',
  currency: 'KZT',
  attempt: { nonce: 'n-1', sent: { key: 'attempt-abc', bookingId: 'bk-1' } },
  travellers: [
    {
      fullName: 'AIGERIM NURLANOVA',
      birthDate: '1970-01-02',
      nationality: 'KZ',
      preferredLanguage: 'ru',
      notes: 'Гипертония',
      consent: true,
    },
    {
      fullName: 'NURLAN NURLANOV',
      birthDate: '',
      nationality: '',
      preferredLanguage: 'kk',
      notes: '',
      consent: false,
    },
  ],
};

describe('the booking form, kept', () => {
  it('comes back whole after Back, health notes included, from this tab’s memory', () => {
    const drafts = createDraftStore(() => memoryStorage());

    drafts.write('dep-1', DRAFT);

    expect(drafts.read('tourist-aigerim', 'dep-1')).toEqual({ ...DRAFT, notesDropped: [false, false] });
  });

  it('comes back after a reload without the health notes, which never reach storage', () => {
    const storage = memoryStorage();
    createDraftStore(() => storage).write('dep-1', DRAFT);

    const reloaded = createDraftStore(() => storage).read('tourist-aigerim', 'dep-1');

    expect(storage.dump()).not.toContain('Гипертония');
    expect(reloaded?.travellers[0]).toEqual({ ...DRAFT.travellers[0], notes: '', consent: false });
    expect(reloaded?.travellers[1]).toEqual(DRAFT.travellers[1]);
    expect(reloaded?.notesDropped).toEqual([true, false]);
    expect(reloaded?.attempt).toEqual(DRAFT.attempt);
    expect(reloaded?.currency).toBe('KZT');
  });

  it('is not shown to another user of the same tab, and is gone after signing out', () => {
    const storage = memoryStorage();
    const drafts = createDraftStore(() => storage);
    drafts.write('dep-1', DRAFT);

    expect(createDraftStore(() => storage).read('tourist-olga', 'dep-1')).toBeUndefined();
    drafts.forgetAll();
    expect(drafts.read('tourist-aigerim', 'dep-1')).toBeUndefined();
    expect(storage.length).toBe(0);
  });

  it('counts a form nobody typed in or sent as blank, and any name, date, choice or sent attempt as not', () => {
    const typed = DRAFT.travellers[0] as DraftTraveller;
    const empty: DraftTraveller = {
      fullName: ' ',
      birthDate: '',
      nationality: '',
      preferredLanguage: 'ru',
      notes: '',
      consent: false,
    };
    const blank: Draft = {
      owner: 'tourist-aigerim',
      currency: undefined,
      attempt: { nonce: 'n' },
      travellers: [empty],
    };

    expect(isBlank(blank)).toBe(true);
    expect(isBlank({ ...blank, travellers: [empty, { ...empty, birthDate: '1970-01-02' }] })).toBe(false);
    expect(isBlank({ ...blank, travellers: [typed] })).toBe(false);
    expect(isBlank({ ...blank, currency: 'USD' })).toBe(false);
    expect(isBlank({ ...blank, attempt: { nonce: 'n', sent: { key: 'attempt-1' } } })).toBe(false);
  });

  it('starts afresh from what it cannot read, and when storage is blocked', () => {
    const storage = memoryStorage();
    storage.setItem('shifa.booking-draft.dep-1', '{"owner":"tourist-aigerim","travellers":"x"}');
    const blocked = createDraftStore(() => {
      throw new Error('SecurityError');
    });

    expect(createDraftStore(() => storage).read('tourist-aigerim', 'dep-1')).toBeUndefined();
    expect(() => blocked.write('dep-1', DRAFT)).not.toThrow();
    expect(blocked.read('tourist-aigerim', 'dep-1')?.travellers[0]?.notes).toBe('Гипертония');
  });
});
