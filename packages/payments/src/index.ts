/** Payments: the gateway over stripe-node and Stripe webhook verification. The simulator is at '@shifa/payments/simulator'. */
export * from './client';
export * from './config';
export * from './gateway';
export * from './webhooks';
