/**
 * Card payment with Stripe itself: Stripe.js loaded from js.stripe.com (never
 * bundled, as Stripe requires), its Payment Element mounted for the booking's
 * PaymentIntent, and stripe.confirmPayment, which runs 3-D Secure in place or
 * sends the bank's page back to `returnUrl`. The card number never touches
 * Shifa. A chunk of its own, fetched only when a booking is paid with a real
 * publishable key; locally the simulator's test-card form stands in.
 */
import type { Language } from '@shifa/contracts';
import { loadStripe, type Stripe, type StripeElementLocale, type StripeElements } from '@stripe/stripe-js';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorNotice, Loading } from './components/ui';
import type { ConfirmOutcome } from './payments';

/** Stripe has no Kazakh, Kyrgyz or Uzbek; Russian is the card form's language most of those tourists share. */
const STRIPE_LOCALES: Record<Language, StripeElementLocale> = {
  en: 'en',
  ru: 'ru',
  kk: 'ru',
  ky: 'ru',
  uz: 'ru',
  zh: 'zh',
};

/** What Stripe.js reports as the cardholder's own problem (declined, expired, mistyped) vs anything else. */
const CARDHOLDER_ERRORS = new Set(['card_error', 'validation_error']);

export type StripeCardFormProps = {
  publishableKey: string;
  clientSecret: string;
  language: Language;
  returnUrl: string;
  disabled: boolean;
  labels: { loading: string; cardDetails: string; submit: string; paying: string };
  onStart: () => void;
  onOutcome: (outcome: ConfirmOutcome) => void;
};

export default function StripeCardForm(props: StripeCardFormProps) {
  const { publishableKey, clientSecret, language } = props;
  const mountPoint = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState<{ stripe: Stripe; elements: StripeElements }>();
  const [failure, setFailure] = useState<unknown>();
  const [paying, setPaying] = useState(false);

  useEffect(() => {
    let current = true;
    let unmount: (() => void) | undefined;
    setReady(undefined);
    const locale = STRIPE_LOCALES[language];
    loadStripe(publishableKey, { locale }).then(
      (stripe) => {
        const target = mountPoint.current;
        if (!current || target === null) return;
        if (stripe === null) {
          setFailure(new Error('Stripe.js did not load'));
          return;
        }
        const elements = stripe.elements({ clientSecret, locale });
        const element = elements.create('payment', { layout: 'tabs' });
        element.on('ready', () => {
          if (current) setReady({ stripe, elements });
        });
        element.on('loaderror', (event) => {
          if (current) setFailure(new Error(event.error.message ?? 'the card form did not load'));
        });
        element.mount(target);
        unmount = () => element.destroy();
      },
      (error: unknown) => {
        if (current) setFailure(error);
      },
    );
    return () => {
      current = false;
      unmount?.();
    };
  }, [publishableKey, clientSecret, language]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (ready === undefined || paying) return;
    setPaying(true);
    props.onStart();
    try {
      const { error, paymentIntent } = await ready.stripe.confirmPayment({
        elements: ready.elements,
        confirmParams: { return_url: props.returnUrl },
        // Cards authorise in place (3-D Secure in a modal); only redirect-based methods leave the page.
        redirect: 'if_required',
      });
      if (error !== undefined) {
        const message = error.message ?? error.code ?? error.type;
        props.onOutcome(
          CARDHOLDER_ERRORS.has(error.type) ? { kind: 'declined', message } : { kind: 'failed', message },
        );
      } else if (paymentIntent.status === 'requires_capture' || paymentIntent.status === 'succeeded') {
        props.onOutcome({ kind: 'authorised' });
      } else {
        props.onOutcome({ kind: 'failed', message: `unexpected payment status ${paymentIntent.status}` });
      }
    } finally {
      setPaying(false);
    }
  };

  return (
    <form onSubmit={submit} aria-label={props.labels.cardDetails}>
      {failure !== undefined && <ErrorNotice error={failure} />}
      {ready === undefined && failure === undefined && <Loading label={props.labels.loading} />}
      <div ref={mountPoint} className="stripe-element" />
      <button
        type="submit"
        className="button primary wide"
        disabled={ready === undefined || paying || props.disabled}
      >
        {paying ? props.labels.paying : props.labels.submit}
      </button>
    </form>
  );
}
