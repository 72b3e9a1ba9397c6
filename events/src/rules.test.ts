import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DETAIL_TYPES, type DetailType } from './events';
import { exampleOf } from './generate';
import { matchesPattern, validatePattern } from './pattern';
import { streamPublisher } from './pipeline';
import { rules } from './rules';

const routed = (type: DetailType) =>
  rules.filter((rule) => matchesPattern(rule.pattern, exampleOf(type))).map((rule) => rule.id);

describe('rules', () => {
  it('have unique ids, valid patterns and a handler module path each', () => {
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(validatePattern(rule.pattern), rule.id).toEqual([]);
      expect(rule.target.handler, rule.id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    }
  });

  it('route each event to the consumers that need it, and no other', () => {
    const expected: Record<DetailType, string[]> = {
      BookingRequested: ['deliver-to-hospital', 'notify-tourist'],
      BookingAccepted: ['notify-tourist'],
      BookingDeclined: ['notify-tourist'],
      BookingCancelled: ['deliver-to-hospital', 'notify-tourist'],
      BookingExpired: ['deliver-to-hospital', 'notify-tourist'],
      BookingCompleted: [],
      PaymentCaptured: [],
      PaymentRefunded: ['notify-tourist'],
      PaymentStepRequested: ['drive-money'],
    };

    expect(Object.fromEntries(DETAIL_TYPES.map((type) => [type, routed(type)]))).toEqual(expected);
  });

  it('ignore events of the same names from another source', () => {
    const forged = { ...exampleOf('BookingRequested'), source: 'someone.else' };

    expect(rules.filter((rule) => matchesPattern(rule.pattern, forged))).toEqual([]);
  });
});

describe('the stream publisher filter', () => {
  const record = (entity: string) => ({
    eventName: 'MODIFY',
    dynamodb: { NewImage: { PK: { S: 'X#1' }, entity: { S: entity } }, SequenceNumber: '1' },
  });

  it('passes booking items and no other', () => {
    expect(validatePattern(streamPublisher.filter)).toEqual([]);
    expect(matchesPattern(streamPublisher.filter, record('Booking'))).toBe(true);
    expect(matchesPattern(streamPublisher.filter, record('Departure'))).toBe(false);
    expect(matchesPattern(streamPublisher.filter, record('HealthNotes'))).toBe(false);
    expect(matchesPattern(streamPublisher.filter, { eventName: 'REMOVE', dynamodb: { OldImage: {} } })).toBe(
      false,
    );
  });
});

describe('the README', () => {
  const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md'), 'utf8');

  it('lists every event with exactly the rules that route it', () => {
    for (const type of DETAIL_TYPES) {
      const row = readme.split('\n').find((line) => new RegExp(`^\\|\\s*\`${type}\`\\s*\\|`).test(line));
      expect(row, type).toBeDefined();
      const consumers = row?.split('|')[3] ?? '';
      const named = rules.filter((rule) => consumers.includes(`\`${rule.id}\``)).map((rule) => rule.id);
      expect(named, type).toEqual(routed(type));
    }
  });
});
