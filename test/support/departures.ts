/**
 * A departure of a demo package made for one test: a copy of the package's first departure with
 * its own id, start date and seats, written to the test's table. Booking tests take one each so
 * they never share seats.
 */
import { addDays } from '@shifa/domain';
import type { DemoCatalog } from '@shifa/local/demo/catalog';
import { catalogItems, putIfAbsent } from '@shifa/store';

type DemoEntry = DemoCatalog['packages'][number];

export async function addDeparture(
  entry: DemoEntry,
  departure: { id: string; startDate: string; seats: number },
): Promise<string> {
  const template = entry.departures[0];
  if (template === undefined) throw new Error(`${entry.pkg.packageId} has no departure to copy`);
  await putIfAbsent(
    catalogItems.departure(
      {
        ...template,
        departureId: departure.id,
        startDate: departure.startDate,
        endDate: addDays(departure.startDate, entry.pkg.durationDays - 1),
        seatsTotal: departure.seats,
        seatsLeft: departure.seats,
      },
      entry.pkg,
    ),
  );
  return departure.id;
}
