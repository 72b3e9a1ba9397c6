import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '@shifa/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { MAX_JSON_BODY_BYTES, parseBody } from './parse';

const Body = z.strictObject({ name: z.string().max(10) });

function withBody(
  body: string | undefined,
  contentType = 'application/json',
  base64 = false,
): APIGatewayProxyEventV2 {
  return {
    headers: { 'content-type': contentType },
    ...(body === undefined ? {} : { body: base64 ? Buffer.from(body).toString('base64') : body }),
    isBase64Encoded: base64,
  } as unknown as APIGatewayProxyEventV2;
}

describe('parseBody', () => {
  it('returns a body that matches its schema, also when API Gateway sent it base64', () => {
    expect(parseBody(Body, withBody('{"name":"Aigerim"}'))).toEqual({ name: 'Aigerim' });
    expect(parseBody(Body, withBody('{"name":"Әйгерім"}', 'application/json; charset=utf-8', true))).toEqual({
      name: 'Әйгерім',
    });
  });

  it('refuses a body that is not JSON by content type with 415', () => {
    expect(() => parseBody(Body, withBody('name=x', 'application/x-www-form-urlencoded'))).toThrow(
      UnsupportedMediaTypeError,
    );
  });

  it('refuses a body over the limit with 413', () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    expect(() => parseBody(Body, withBody(big))).toThrow(PayloadTooLargeError);
  });

  it('refuses malformed JSON, a missing body, unknown fields and bad values with 400 and their paths', () => {
    expect(() => parseBody(Body, withBody('{"name":'))).toThrow(
      expect.objectContaining({ code: 'invalid_json' }),
    );
    expect(() => parseBody(Body, withBody(undefined))).toThrow(ValidationError);
    expect(() => parseBody(Body, withBody('{"name":"x","admin":true}'))).toThrow(
      expect.objectContaining({
        code: 'invalid_body',
        details: [expect.objectContaining({ path: 'admin' })],
      }),
    );
    expect(() => parseBody(Body, withBody('{"name":"much too long a name"}'))).toThrow(
      expect.objectContaining({ details: [expect.objectContaining({ path: 'name' })] }),
    );
  });
});

describe('the details of a refused body', () => {
  const Traveller = z.strictObject({
    fullName: z.string().min(2).max(10),
    meals: z.enum(['none', 'breakfast']),
    seats: z.number().int().min(1),
    languages: z.array(z.string()).max(2),
  });

  const detailsOf = (body: unknown) => {
    try {
      parseBody(Traveller, withBody(JSON.stringify(body)));
    } catch (error) {
      if (error instanceof ValidationError) return error.details;
    }
    throw new Error('the body was accepted');
  };

  it('give each problem a stable code and the bound it broke, so a client can word it itself', () => {
    expect(detailsOf({ fullName: 'A', meals: 'dinner', seats: 0, languages: ['ru', 'kk', 'uz'] })).toEqual([
      expect.objectContaining({ path: 'fullName', code: 'too_small', limit: { value: 2, of: 'characters' } }),
      expect.objectContaining({ path: 'meals', code: 'invalid_value' }),
      expect.objectContaining({ path: 'seats', code: 'too_small', limit: { value: 1, of: 'value' } }),
      expect.objectContaining({ path: 'languages', code: 'too_big', limit: { value: 2, of: 'items' } }),
    ]);
  });

  it('call an empty text or choice required, once, whatever rules it breaks', () => {
    const Form = z.strictObject({
      hotelId: z
        .string()
        .min(3)
        .regex(/^[a-z-]+$/),
      startDate: z.iso.date(),
      meals: z.enum(['none', 'breakfast']),
    });
    try {
      parseBody(Form, withBody('{"hotelId":"","startDate":"","meals":""}'));
      expect.unreachable('the body was accepted');
    } catch (error) {
      expect((error as ValidationError).details).toEqual([
        expect.objectContaining({ path: 'hotelId', code: 'required' }),
        expect.objectContaining({ path: 'startDate', code: 'required' }),
        expect.objectContaining({ path: 'meals', code: 'required' }),
      ]);
    }
  });

  it('tell a missing field from a wrong one, and never echo what was sent', () => {
    const details = detailsOf({ fullName: 12345, seats: null, secret: 'Аллергия' });

    expect(details).toEqual([
      expect.objectContaining({ path: 'fullName', code: 'invalid_type' }),
      expect.objectContaining({ path: 'meals', code: 'required' }),
      expect.objectContaining({ path: 'seats', code: 'required' }),
      expect.objectContaining({ path: 'languages', code: 'required' }),
      expect.objectContaining({ path: 'secret', code: 'unrecognized_keys' }),
    ]);
    expect(JSON.stringify(details)).not.toMatch(/12345|Аллергия/);
  });
});

describe('a refused body breaking one of our own rules', () => {
  it('names the rule, so a client can word it', () => {
    const Texts = z.strictObject({
      title: z.record(z.string(), z.string()).refine((text) => Object.keys(text).length > 0, {
        message: 'give the text in at least one language',
        params: { rule: 'text_in_one_language' },
      }),
    });
    try {
      parseBody(Texts, withBody('{"title":{}}'));
      expect.unreachable('the body was accepted');
    } catch (error) {
      expect((error as ValidationError).details).toEqual([
        expect.objectContaining({ path: 'title', code: 'custom', rule: 'text_in_one_language' }),
      ]);
    }
  });
});
