/**
 * `npm run reconcile -- --check`: holds every booking's money to the payment provider's own objects
 * (what it captured minus what it refunded is what the booking's status and policy say; no
 * authorisation open on a finished booking; our record says what the provider holds) and lists every
 * booking that disagrees, and every money step still in flight. Exit code 1 when one disagrees.
 * `--drive` first drives every pending step once, as the reconciler's sweep would.
 *
 * Against `npm start` (the default): DynamoDB Local on DYNAMODB_PORT (8000), table LOCAL_TABLE_NAME
 * (shifa), and the Stripe simulator on STRIPE_SIMULATOR_PORT (12111), or real Stripe test mode when
 * STRIPE_SECRET_KEY is set. Against a deployed stage: `--aws`, with TABLE_NAME (the stack's
 * TableName output), STRIPE_SECRET_KEY (a restricted key that may read PaymentIntents and refunds
 * is enough) and the usual AWS credentials and AWS_REGION; it only reads (Scan of the table).
 */
import { parseArgs } from 'node:util';
import { LOCAL_AWS_ENV } from './dynamodb-local';
import { localConfig } from './local-config';

const { values: args } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    drive: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
  },
});
if (!args.check && !args.drive) {
  console.error('usage: npm run reconcile -- --check [--drive] [--aws]');
  process.exit(2);
}

if (!args.aws) {
  const config = localConfig(process.env);
  const { SIMULATOR_SECRET_KEY, SIMULATOR_WEBHOOK_SECRET } = await import('@shifa/payments/simulator');
  Object.assign(process.env, LOCAL_AWS_ENV, {
    TABLE_NAME: config.tableName,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${config.dynamoDbPort}`,
    ...(config.stripeSecretKey === undefined
      ? {
          STRIPE_SECRET_KEY: SIMULATOR_SECRET_KEY,
          STRIPE_WEBHOOK_SECRET: SIMULATOR_WEBHOOK_SECRET,
          STRIPE_API_URL: `http://127.0.0.1:${config.stripeSimulatorPort}`,
        }
      : { STRIPE_SECRET_KEY: config.stripeSecretKey, STRIPE_WEBHOOK_SECRET: config.stripeWebhookSecret }),
  });
}
// Only the reading of PaymentIntents and refunds is used; the webhook secret is not.
process.env.STRIPE_WEBHOOK_SECRET ??= 'whsec_not_used_by_reconcile';

// Loaded only now: storage and payments read their settings when they load.
const [{ everyBooking, tableName }, { checkLedger, driveMoney }, { stripePayments }] = await Promise.all([
  import('@shifa/store'),
  import('@shifa/booking'),
  import('@shifa/booking/stripe'),
]);

const payments = stripePayments();
let checked = 0;
let disagree = 0;
let pending = 0;
for await (const read of everyBooking()) {
  checked += 1;
  const booking =
    args.drive && read.payment.step !== undefined
      ? ((await driveMoney(read.bookingId, payments, new Date())).booking ?? read)
      : read;
  for (const finding of await checkLedger(booking, payments)) {
    if (finding.kind === 'pending') pending += 1;
    else disagree += 1;
    console.log(
      `${finding.kind === 'pending' ? 'PENDING ' : 'DISAGREES'} ${finding.bookingId} ${finding.status} money ${finding.money}: ${finding.problem}`,
    );
  }
}
console.log(
  `${checked} bookings checked against ${args.aws ? 'the deployed stage' : 'the local marketplace'} in ${tableName}: ${disagree} disagree with the provider, ${pending} money steps in flight`,
);
process.exitCode = disagree > 0 ? 1 : 0;
