import { ephemeralIssuer } from '@shifa/local/issuer';
import { describe, expect, it } from 'vitest';
import { sessionFromToken } from './session';

describe('sessionFromToken', () => {
  it("reads the user, role, organisation and expiry from the issuer's own token", async () => {
    const issuer = await ephemeralIssuer();
    const token = await issuer.sign(
      {
        id: 'hospital-xj-tcm',
        email: 'international@xj-tcm.example.cn',
        name: '李明 Li Ming',
        role: 'hospital',
        organisation: 'xj-tcm-hospital',
      },
      { expiresIn: '1h' },
    );

    const session = sessionFromToken(token);

    expect(session).toMatchObject({
      userId: 'hospital-xj-tcm',
      email: 'international@xj-tcm.example.cn',
      name: '李明 Li Ming',
      role: 'hospital',
      organisation: 'xj-tcm-hospital',
    });
    expect(session?.expiresAt).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it('falls back to the email when the token names no one', async () => {
    const issuer = await ephemeralIssuer();
    const token = await issuer.sign({
      id: 'tourist-x',
      email: 'x@example.kz',
      role: 'tourist',
      organisation: null,
    });

    expect(sessionFromToken(token)?.name).toBe('x@example.kz');
  });

  it('refuses something that is not a token', () => {
    expect(sessionFromToken('not.a.token')).toBeUndefined();
  });
});
