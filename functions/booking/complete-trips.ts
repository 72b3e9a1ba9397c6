/** Scheduled: confirmed bookings whose trip has ended become COMPLETED. */
import { completeEndedTrips } from '@shifa/booking';
import { lambdaHandler } from '@shifa/http';
import { logger } from '@shifa/runtime';

export const handler = lambdaHandler(async (): Promise<{ completed: number }> => {
  const completed = await completeEndedTrips(new Date());
  if (completed > 0) logger.info('trips completed', { completed });
  return { completed };
});
