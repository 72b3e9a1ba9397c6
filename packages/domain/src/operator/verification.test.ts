/** The rules of verifying and suspending organisations, and the use case over an in-memory store. */
import type { OrganisationDetail, OrganisationStatus, StatusChange } from '@shifa/contracts';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../errors';
import {
  appendHistory,
  applyStatusChange,
  changeOrganisationStatus,
  type OrganisationStore,
  type StatusAction,
  transition,
} from './verification';

const AT = '2027-03-01T10:00:00.000Z';

const organisation = (status: OrganisationStatus, history: StatusChange[] = []): OrganisationDetail => ({
  kind: 'agency',
  id: 'jibek-zholy-almaty',
  name: { ru: 'Жибек Жолы', en: 'Jibek Zholy' },
  city: 'Almaty',
  status,
  statusReason: null,
  statusChangedAt: null,
  history,
});

const change = (n: number): StatusChange => ({
  from: 'verified',
  to: 'suspended',
  reason: `reason ${n}`,
  at: AT,
  by: 'operator',
});

describe('transition', () => {
  it.each<[OrganisationStatus, StatusAction, OrganisationStatus]>([
    ['pending', 'verify', 'verified'],
    ['suspended', 'verify', 'verified'],
    ['verified', 'suspend', 'suspended'],
    ['pending', 'suspend', 'suspended'],
  ])('allows %s → %s, leading to %s', (from, action, to) => {
    expect(transition(from, action)).toEqual({ from, to, changed: true });
  });

  it('treats verifying a verified organisation as done already, not as a conflict', () => {
    expect(transition('verified', 'verify')).toEqual({ from: 'verified', to: 'verified', changed: false });
  });

  it('refuses to suspend a suspended organisation with a 409 naming its status', () => {
    const attempt = () => transition('suspended', 'suspend');

    expect(attempt).toThrow(ConflictError);
    expect(attempt).toThrow(/status is suspended/);
    try {
      attempt();
    } catch (error) {
      expect((error as ConflictError).code).toBe('invalid_status_transition');
    }
  });
});

describe('appendHistory', () => {
  it('appends the change after the earlier ones', () => {
    expect(appendHistory([change(1)], change(2))).toEqual([change(1), change(2)]);
  });

  it('keeps only the latest entries once the bound is reached', () => {
    const history = [1, 2, 3].map(change);

    const kept = appendHistory(history, change(4), 3);

    expect(kept.map((entry) => entry.reason)).toEqual(['reason 2', 'reason 3', 'reason 4']);
  });
});

describe('applyStatusChange', () => {
  it('sets status, reason and time, and records who changed it from what', () => {
    const after = applyStatusChange(organisation('verified'), {
      action: 'suspend',
      reason: 'licence expired',
      at: AT,
      by: 'operator-1',
    });

    expect(after).toMatchObject({
      status: 'suspended',
      statusReason: 'licence expired',
      statusChangedAt: AT,
    });
    expect(after?.history).toEqual([
      { from: 'verified', to: 'suspended', reason: 'licence expired', at: AT, by: 'operator-1' },
    ]);
  });

  it('records a verify without a reason with a null reason', () => {
    const after = applyStatusChange(organisation('pending'), {
      action: 'verify',
      reason: undefined,
      at: AT,
      by: 'operator',
    });

    expect(after?.statusReason).toBeNull();
    expect(after?.history[0]?.reason).toBeNull();
  });

  it('changes nothing when verifying a verified organisation', () => {
    expect(
      applyStatusChange(organisation('verified'), { action: 'verify', reason: undefined, at: AT, by: 'op' }),
    ).toBeUndefined();
  });
});

/** A store holding one organisation; `interfere` changes it between the use case's read and write. */
function memoryStore(start: OrganisationDetail | undefined, interfere?: (o: OrganisationDetail) => void) {
  let stored = start === undefined ? undefined : structuredClone(start);
  let writes = 0;
  const store: OrganisationStore = {
    async find() {
      return stored === undefined ? undefined : structuredClone(stored);
    },
    async saveStatusChange(before, after) {
      if (stored !== undefined) interfere?.(stored);
      if (stored === undefined || stored.status !== before.status) return false;
      stored = structuredClone(after);
      writes += 1;
      return true;
    },
  };
  return { store, stored: () => stored, writes: () => writes };
}

describe('changeOrganisationStatus', () => {
  const input = (action: StatusAction) => ({ action, reason: 'checked documents', at: AT, by: 'operator' });

  it('saves the change and answers the organisation as it now is', async () => {
    const memory = memoryStore(organisation('pending'));

    const result = await changeOrganisationStatus(
      memory.store,
      'agency',
      'jibek-zholy-almaty',
      input('verify'),
    );

    expect(result.status).toBe('verified');
    expect(memory.stored()?.status).toBe('verified');
  });

  it('answers a repeated verify without writing', async () => {
    const memory = memoryStore(organisation('verified'));

    const result = await changeOrganisationStatus(
      memory.store,
      'agency',
      'jibek-zholy-almaty',
      input('verify'),
    );

    expect(result.status).toBe('verified');
    expect(memory.writes()).toBe(0);
  });

  it('answers 404 for an unknown organisation', async () => {
    await expect(
      changeOrganisationStatus(memoryStore(undefined).store, 'hospital', 'no-such', input('verify')),
    ).rejects.toThrow(NotFoundError);
  });

  it('refuses with status_changed when someone else changed the status first', async () => {
    const memory = memoryStore(organisation('pending'), (o) => {
      o.status = 'verified';
    });

    const attempt = changeOrganisationStatus(memory.store, 'agency', 'jibek-zholy-almaty', input('suspend'));

    await expect(attempt).rejects.toMatchObject({ code: 'status_changed', kind: 'conflict' });
    await expect(attempt).rejects.toThrow(/now verified/);
  });

  it('accepts a verify that lost to another verify: the organisation is verified either way', async () => {
    const memory = memoryStore(organisation('pending'), (o) => {
      o.status = 'verified';
    });

    const result = await changeOrganisationStatus(
      memory.store,
      'agency',
      'jibek-zholy-almaty',
      input('verify'),
    );

    expect(result.status).toBe('verified');
  });
});
