/**
 * Consumer of the delivery queue (SQS on AWS): makes the attempt each message
 * asks for. Messages are independent, so they run side by side, and a failure
 * of one is reported alone (ReportBatchItemFailures): SQS retries just that one
 * and, after a few receives, moves it to the dead-letter queue. A failed
 * webhook is not such a failure: its retry is scheduled as a new message.
 */

import { attemptDeps, DeliveryMessage, processMessage } from '@shifa/hospital-delivery';
import { lambdaHandler } from '@shifa/http';
import { logger, runWithKeys } from '@shifa/runtime';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export const handler = lambdaHandler(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const deps = attemptDeps();
  const failed = await Promise.all(
    // Each message under keys of its own: its delivery's booking, event and originating request.
    event.Records.map((record) =>
      runWithKeys({}, async () => {
        try {
          await processMessage(DeliveryMessage.parse(JSON.parse(record.body)), deps);
          return undefined;
        } catch (error) {
          logger.error('delivery message failed', {
            messageId: record.messageId,
            error: error instanceof Error ? error : String(error),
          });
          return { itemIdentifier: record.messageId };
        }
      }),
    ),
  );
  return { batchItemFailures: failed.filter((item) => item !== undefined) };
});
