/** Reading Stripe's bracket-notation form encoding back into nested parameters. */
import { describe, expect, it } from 'vitest';
import { FormError, parseForm } from './form';

describe('parseForm', () => {
  it('nests hashes and lists written with brackets, indexed or pushed', () => {
    const params = parseForm(
      'amount=1200&metadata[bookingId]=bk-1&metadata[note]=a%20b+c&expand[0]=latest_charge&expand[1]=payment_method&types[]=card&types[]=link',
    );

    expect(params).toEqual({
      amount: '1200',
      metadata: { bookingId: 'bk-1', note: 'a b c' },
      expand: ['latest_charge', 'payment_method'],
      types: ['card', 'link'],
    });
  });

  it('reads brackets that arrive percent-encoded, as some clients send them', () => {
    expect(parseForm('metadata%5BbookingId%5D=bk-2')).toEqual({ metadata: { bookingId: 'bk-2' } });
  });

  it('closes the holes left by sparse indices', () => {
    expect(parseForm('expand[3]=b&expand[1]=a')).toEqual({ expand: ['a', 'b'] });
  });

  it.each([
    ['a value and a hash under one name', 'a=1&a[b]=2'],
    ['a name that reaches the prototype', '__proto__[x]=1'],
    ['broken percent-encoding', 'a=%E0%A4%A'],
    ['an unclosed bracket', 'a[b=1'],
    ['a list and a hash under one name', 'a[0]=x&a[b]=y'],
  ])('refuses %s', (_, body) => {
    expect(() => parseForm(body)).toThrow(FormError);
  });
});
