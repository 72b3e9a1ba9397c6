import { createStripeSimulator, type StripeSimulator } from '@shifa/payments/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAtSimulator, paymentIntentOf, type TestCard } from './payments';

let simulator: StripeSimulator;

beforeAll(async () => {
  simulator = await createStripeSimulator({ port: 0 });
});

afterAll(async () => {
  await simulator.close();
});

/** A PaymentIntent as the server makes it for a hold: manual capture, its client secret for the browser. */
async function intent(): Promise<string> {
  const response = await fetch(`${simulator.url}/v1/payment_intents`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${simulator.secretKey}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ amount: '321000', currency: 'usd', capture_method: 'manual' }),
  });
  return ((await response.json()) as { client_secret: string }).client_secret;
}

const confirm = async (clientSecret: string, paymentMethod: TestCard) =>
  confirmAtSimulator({
    apiUrl: simulator.url,
    publishableKey: simulator.publishableKey,
    clientSecret,
    paymentMethod,
    returnUrl: 'http://localhost:3000/trips/bk-1',
  });

describe('confirming a card at the simulator, as Stripe.js would', () => {
  it('authorises with the Visa test card', async () => {
    expect(await confirm(await intent(), 'pm_card_visa')).toEqual({ kind: 'authorised' });
  });

  it('reports a declined card, and the same payment can then succeed with another card', async () => {
    const clientSecret = await intent();

    const refused = await confirm(clientSecret, 'pm_card_chargeDeclined');
    const retried = await confirm(clientSecret, 'pm_card_visa');

    expect(refused).toEqual({ kind: 'declined', message: 'Your card was declined.' });
    expect(retried).toEqual({ kind: 'authorised' });
  });

  it("sends the cardholder to the bank's page when 3-D Secure is required", async () => {
    const clientSecret = await intent();

    const outcome = await confirm(clientSecret, 'pm_card_authenticationRequired');

    expect(outcome).toEqual({
      kind: 'redirect',
      url: `${simulator.url}/_simulator/3ds/${paymentIntentOf(clientSecret)}`,
    });
  });
});
