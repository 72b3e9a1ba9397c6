import { describe, expect, it } from 'vitest';
import { stopAfterFailedStart, stopInTurn } from './shutdown';

describe('stopInTurn', () => {
  it('stops every service in order, even those after one that fails, then throws that failure', async () => {
    const stopped: string[] = [];
    const broken = new Error('the poller would not stop');

    const stopping = stopInTurn([
      async () => {
        stopped.push('server');
      },
      async () => {
        throw broken;
      },
      () => undefined, // a service that never started
      async () => {
        stopped.push('database');
      },
    ]);

    await expect(stopping).rejects.toBe(broken);
    expect(stopped).toEqual(['server', 'database']);
  });

  it('reports every failure together when more than one service fails to stop', async () => {
    const stopping = stopInTurn([
      async () => {
        throw new Error('bus');
      },
      async () => {
        throw new Error('receiver');
      },
    ]);

    await expect(stopping).rejects.toMatchObject({
      name: 'AggregateError',
      errors: [expect.objectContaining({ message: 'bus' }), expect.objectContaining({ message: 'receiver' })],
    });
  });

  it('resolves when everything stops', async () => {
    await expect(stopInTurn([async () => undefined, () => undefined])).resolves.toBeUndefined();
  });
});

describe('stopAfterFailedStart', () => {
  it('stops what had started and throws the error that stopped the start', async () => {
    const refused = new Error('port 4010 is taken');
    let stopped = false;

    const failing = stopAfterFailedStart(refused, async () => {
      stopped = true;
    });

    await expect(failing).rejects.toBe(refused);
    expect(stopped).toBe(true);
  });

  it('keeps the start error first, and names the stop failure beside it', async () => {
    const refused = new Error('port 4010 is taken');
    const stuck = new Error('the poller would not stop');

    const failing = stopAfterFailedStart(refused, async () => {
      throw stuck;
    });

    await expect(failing).rejects.toMatchObject({
      name: 'AggregateError',
      message: 'port 4010 is taken (and what had started did not stop cleanly)',
      errors: [refused, stuck],
    });
  });
});
