import type { DeliveryMessage } from '@shifa/hospital-delivery/queue';
import { describe, expect, it } from 'vitest';
import { createLocalDeliveryQueue } from './delivery-queue';

const message = (attempt: number, dueAt: string): DeliveryMessage => ({
  deliveryId: 'xj-tcm-hospital-20270201090000000-3f9a1c2b4d5e',
  hospitalId: 'xj-tcm-hospital',
  round: 1,
  attempt,
  dueAt,
});

describe('the local delivery queue', () => {
  it('runs each message when it is due, and is idle once every run (and what runs schedule) is done', async () => {
    const ran: number[] = [];
    const queue = createLocalDeliveryQueue({
      timeScale: 0.001,
      run: async (m) => {
        ran.push(m.attempt);
        if (m.attempt < 3)
          await queue.schedule(message(m.attempt + 1, new Date(Date.now() + 5).toISOString()));
      },
    });

    await queue.schedule(message(1, new Date().toISOString()));
    await queue.idle();

    expect(ran).toEqual([1, 2, 3]);
    expect(queue.timeScale).toBe(0.001);
  });

  it('keeps dead letters for the operator', async () => {
    const letters: string[] = [];
    const queue = createLocalDeliveryQueue({
      timeScale: 1,
      run: async () => undefined,
      onDeadLetter: (l) => letters.push(l.reason),
    });

    await queue.deadLetter(message(32, new Date().toISOString()), 'HTTP 503');

    expect(queue.deadLetters.map((l) => l.reason)).toEqual(['HTTP 503']);
    expect(letters).toEqual(['HTTP 503']);
  });

  it('reports a run that throws and goes on', async () => {
    const errors: unknown[] = [];
    const queue = createLocalDeliveryQueue({
      timeScale: 1,
      run: async () => {
        throw new Error('table unreachable');
      },
      onError: (_m, error) => errors.push(error),
    });

    await queue.schedule(message(1, new Date().toISOString()));
    await queue.idle();

    expect(String(errors[0])).toContain('table unreachable');
  });

  it('drops what is waiting when stopped', async () => {
    const ran: number[] = [];
    const queue = createLocalDeliveryQueue({ timeScale: 1, run: async (m) => void ran.push(m.attempt) });

    await queue.schedule(message(1, new Date(Date.now() + 60_000).toISOString()));
    queue.stop();
    await queue.idle();

    expect(ran).toEqual([]);
  });

  it('refuses a scale outside (0, 1]', () => {
    expect(() => createLocalDeliveryQueue({ timeScale: 0, run: async () => undefined })).toThrow(RangeError);
    expect(() => createLocalDeliveryQueue({ timeScale: 2, run: async () => undefined })).toThrow(RangeError);
  });
});
