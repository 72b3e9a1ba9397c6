/**
 * Pushing booking events to hospitals' own systems: the delivery use cases (record once per event,
 * attempt with signed webhooks, retry on a schedule, dead-letter, redeliver, replay), the payload
 * each hospital receives, the queue that carries attempts (SQS on AWS, a timer queue locally) and
 * what they run with in a function. The Lambda entry points are in functions/hospital-delivery.
 */
export * from './config';
export * from './delivery';
export * from './deps';
export * from './payload';
export * from './queue';
export * from './views';
