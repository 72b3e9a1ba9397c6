/** Scheduled: deletes the health notes of trips that ended longer ago than the retention setting. */
import { deleteExpiredNotes } from '@shifa/booking';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async (): Promise<{ deleted: number; failed: number }> => {
  const outcome = await deleteExpiredNotes(new Date());
  if (outcome.deleted > 0 || outcome.failed > 0) logger.info('health notes past their retention', outcome);
  return outcome;
});
