/**
 * The matcher against the examples of the EventBridge user guide ("Creating
 * event patterns", "Content filtering in event patterns", "Arrays in event
 * patterns"), written out here: the EC2 instance state-change event and the
 * patterns the guide matches against it and its variants.
 */
import { describe, expect, it } from 'vitest';
import { type EventPattern, matchesPattern, validatePattern } from './pattern';

const ec2StateChange = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const withDetail = (detail: Record<string, unknown>) => ({ ...ec2StateChange, detail });

describe('exact values', () => {
  it('matches the guide’s EC2 pattern on source, detail-type and a detail field', () => {
    const pattern = {
      source: ['aws.ec2'],
      'detail-type': ['EC2 Instance State-change Notification'],
      detail: { state: ['terminated'] },
    };

    expect(matchesPattern(pattern, ec2StateChange)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(false);
  });

  it('matches when any value of the list matches (OR within a field)', () => {
    const pattern = { detail: { state: ['pending', 'terminated', 'stopped'] } };

    expect(matchesPattern(pattern, ec2StateChange)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'running' }))).toBe(false);
  });

  it('needs every field to match (AND across fields)', () => {
    const pattern = { source: ['aws.ec2'], detail: { state: ['terminated'], 'instance-id': ['i-other'] } };

    expect(matchesPattern(pattern, ec2StateChange)).toBe(false);
  });

  it('does not match a field the event lacks', () => {
    expect(matchesPattern({ detail: { 'availability-zone': ['us-west-1a'] } }, ec2StateChange)).toBe(false);
  });

  it('is case-sensitive and type-sensitive: "5" is not 5, "true" is not true', () => {
    expect(matchesPattern({ source: ['AWS.EC2'] }, ec2StateChange)).toBe(false);
    expect(matchesPattern({ detail: { count: [5] } }, withDetail({ count: '5' }))).toBe(false);
    expect(matchesPattern({ detail: { ok: [true] } }, withDetail({ ok: 'true' }))).toBe(false);
    expect(matchesPattern({ detail: { ok: [true] } }, withDetail({ ok: true }))).toBe(true);
  });

  it('matches null and the empty string as values of their own', () => {
    const event = withDetail({ eventVersion: '', responseElements: null });

    expect(matchesPattern({ detail: { responseElements: [null] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventVersion: [''] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { eventVersion: [null] } }, event)).toBe(false);
  });

  it('compares numbers by value: 3.018e2 is 301.8', () => {
    expect(matchesPattern({ detail: { 'x-limit': [3.018e2] } }, withDetail({ 'x-limit': 301.8 }))).toBe(true);
  });

  it('matches nested fields at any depth, and not an object against a value', () => {
    const event = withDetail({ requestParameters: { bucketName: 'shifa-exports', key: { name: 'a.png' } } });

    expect(matchesPattern({ detail: { requestParameters: { key: { name: ['a.png'] } } } }, event)).toBe(true);
    expect(matchesPattern({ detail: { requestParameters: ['shifa-exports'] } }, event)).toBe(false);
  });
});

describe('arrays in the event', () => {
  it('matches when the event array and the pattern list share a value (the guide’s resources example)', () => {
    const event = {
      ...ec2StateChange,
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        'arn:aws:ec2:us-east-1:444455556666:instance/i-b188560f',
      ],
    };

    expect(
      matchesPattern(
        {
          resources: [
            'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
            'arn:aws:ec2:us-east-1:000000000000:instance/i-b188560f',
          ],
        },
        event,
      ),
    ).toBe(true);
    expect(
      matchesPattern({ resources: ['arn:aws:ec2:us-east-1:000000000000:instance/i-b188560f'] }, event),
    ).toBe(false);
  });

  it('matches an array of objects when one element matches the nested pattern', () => {
    const event = withDetail({
      items: [
        { sku: 'a', qty: 1 },
        { sku: 'b', qty: 7 },
      ],
    });

    expect(matchesPattern({ detail: { items: { sku: ['b'], qty: [{ numeric: ['>', 5] }] } } }, event)).toBe(
      true,
    );
    expect(matchesPattern({ detail: { items: { sku: ['a'], qty: [{ numeric: ['>', 5] }] } } }, event)).toBe(
      false,
    );
  });
});

describe('prefix, suffix, equals-ignore-case and wildcard', () => {
  it('matches the guide’s prefix on time', () => {
    expect(matchesPattern({ time: [{ prefix: '2017-12-22' }] }, ec2StateChange)).toBe(true);
    expect(matchesPattern({ time: [{ prefix: '2017-10-02' }] }, ec2StateChange)).toBe(false);
  });

  it('matches a prefix or suffix ignoring case', () => {
    const event = withDetail({ service: 'EventBridge', FileName: 'scan.PNG' });

    expect(
      matchesPattern({ detail: { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] } }, event),
    ).toBe(true);
    expect(matchesPattern({ detail: { FileName: [{ suffix: '.png' }] } }, event)).toBe(false);
    expect(
      matchesPattern({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, event),
    ).toBe(true);
  });

  it('matches detail-type ignoring case', () => {
    expect(
      matchesPattern(
        { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
        ec2StateChange,
      ),
    ).toBe(true);
  });

  it('matches a wildcard, with \\* as a literal star', () => {
    const event = withDetail({
      EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/shifa',
      name: 'a*b',
    });

    expect(
      matchesPattern(
        { detail: { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] } },
        event,
      ),
    ).toBe(true);
    expect(matchesPattern({ detail: { EventBusArn: [{ wildcard: 'arn:aws:events:eu-*' }] } }, event)).toBe(
      false,
    );
    expect(matchesPattern({ detail: { name: [{ wildcard: 'a\\*b' }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { name: [{ wildcard: 'a\\*b' }] } }, withDetail({ name: 'axxb' }))).toBe(
      false,
    );
  });

  it('does not apply text matchers to numbers', () => {
    expect(matchesPattern({ detail: { code: [{ prefix: '4' }] } }, withDetail({ code: 404 }))).toBe(false);
  });
});

describe('anything-but', () => {
  it('matches anything except one value (the guide’s "initializing")', () => {
    const pattern = { detail: { state: [{ 'anything-but': 'initializing' }] } };

    expect(matchesPattern(pattern, ec2StateChange)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'initializing' }))).toBe(false);
  });

  it('matches anything except a number', () => {
    const pattern = { detail: { 'x-limit': [{ 'anything-but': 123 }] } };

    expect(matchesPattern(pattern, withDetail({ 'x-limit': 124 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'x-limit': 123 }))).toBe(false);
  });

  it('matches anything except a list of values (the guide’s "stopped", "overloaded")', () => {
    const pattern = { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } };

    expect(matchesPattern(pattern, ec2StateChange)).toBe(true);
    expect(matchesPattern(pattern, withDetail({ state: 'overloaded' }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ state: 'stopped' }))).toBe(false);
  });

  it('matches anything except a prefix, a suffix, a case-insensitive value or a wildcard', () => {
    const event = withDetail({
      state: 'initializing',
      FileName: 'a.png',
      region: 'us-east-1',
      path: '/usr/lib/x',
    });

    expect(matchesPattern({ detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, event)).toBe(
      false,
    );
    expect(matchesPattern({ detail: { region: [{ 'anything-but': { prefix: 'eu-' } }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, event)).toBe(
      false,
    );
    expect(
      matchesPattern(
        { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['INITIALIZING'] } }] } },
        event,
      ),
    ).toBe(false);
    expect(matchesPattern({ detail: { path: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, event)).toBe(
      false,
    );
  });

  it('does not match a field the event lacks', () => {
    expect(matchesPattern({ detail: { reason: [{ 'anything-but': 'other' }] } }, ec2StateChange)).toBe(false);
  });
});

describe('numeric', () => {
  const pattern: EventPattern = {
    detail: {
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ numeric: ['=', 3.018e2] }],
    },
  };

  it('matches the guide’s ranges: c-count 5, d-count 7, x-limit 301.8', () => {
    expect(matchesPattern(pattern, withDetail({ 'c-count': 5, 'd-count': 7, 'x-limit': 301.8 }))).toBe(true);
  });

  it('refuses values just outside a bound, and strings that look like numbers', () => {
    expect(matchesPattern(pattern, withDetail({ 'c-count': 0, 'd-count': 7, 'x-limit': 301.8 }))).toBe(false);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 5, 'd-count': 10, 'x-limit': 301.8 }))).toBe(
      false,
    );
    expect(matchesPattern(pattern, withDetail({ 'c-count': '5', 'd-count': 7, 'x-limit': 301.8 }))).toBe(
      false,
    );
  });

  it('handles >= and <= at the bounds', () => {
    const between = { detail: { n: [{ numeric: ['>=', 1, '<', 2] }] } };

    expect(matchesPattern(between, withDetail({ n: 1 }))).toBe(true);
    expect(matchesPattern(between, withDetail({ n: 2 }))).toBe(false);
  });
});

describe('exists', () => {
  it('matches a present leaf with exists true (the guide’s state example)', () => {
    expect(matchesPattern({ detail: { state: [{ exists: true }] } }, ec2StateChange)).toBe(true);
  });

  it('matches an absent field with exists false, and not a present one', () => {
    expect(matchesPattern({ detail: { 'c-count': [{ exists: false }] } }, ec2StateChange)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ exists: false }] } }, ec2StateChange)).toBe(false);
  });

  it('treats exists as applying to leaves only: an object is not a present leaf', () => {
    const event = withDetail({ requestParameters: { bucketName: 'b' } });

    expect(matchesPattern({ detail: { requestParameters: [{ exists: true }] } }, event)).toBe(false);
  });

  it('counts null as present and an absent parent as absent', () => {
    expect(matchesPattern({ detail: { note: [{ exists: true }] } }, withDetail({ note: null }))).toBe(true);
    expect(matchesPattern({ detail: { refund: { amount: [{ exists: false }] } } }, ec2StateChange)).toBe(
      true,
    );
  });
});

describe('$or', () => {
  it('matches when one alternative does (the guide’s c-count / d-count / x-limit example)', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['>', 0, '<=', 5] }] },
        ],
      },
    };

    expect(matchesPattern(pattern, withDetail({ 'c-count': 9, 'd-count': 3 }))).toBe(true);
    expect(matchesPattern(pattern, withDetail({ 'c-count': 9, 'd-count': 30 }))).toBe(false);
  });
});

describe('validatePattern', () => {
  it('accepts every pattern these tests match with', () => {
    expect(
      validatePattern({ source: ['aws.ec2'], detail: { state: [{ 'anything-but': ['a', 'b'] }] } }),
    ).toEqual([]);
    expect(
      validatePattern({ detail: { n: [{ numeric: ['>', 0, '<=', 5] }], m: [{ exists: false }] } }),
    ).toEqual([]);
  });

  it('refuses what EventBridge would refuse or this matcher cannot do, naming the place', () => {
    expect(validatePattern({})).toEqual(['$: a pattern is a non-empty object']);
    expect(validatePattern({ source: [] })).toEqual(['$.source: a list of matchers may not be empty']);
    expect(validatePattern({ source: 'aws.ec2' })[0]).toMatch(/^\$\.source: a pattern is a non-empty object/);
    expect(validatePattern({ detail: { n: [{ numeric: ['>', 'zero'] }] } })[0]).toMatch(
      /^\$\.detail\.n\[0\]: numeric/,
    );
    expect(validatePattern({ detail: { ip: [{ cidr: '10.0.0.0/24' }] } })[0]).toMatch(
      /"cidr" is not supported/,
    );
    expect(validatePattern({ detail: { s: [{ 'anything-but': ['a', 1] }] } })[0]).toMatch(
      /only strings or only numbers/,
    );
  });
});
