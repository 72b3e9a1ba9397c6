/** How packages read to the agency that owns them: every language kept, every departure with its seats sold. */
import type { AgencyPackageSummary, AgencyPackageView, Departure, Package } from '@shifa/contracts';
import { seatsSold } from './departures';

export function agencyPackageView(pkg: Package, departures: readonly Departure[]): AgencyPackageView {
  return {
    ...pkg,
    version: pkg.version ?? 0,
    departures: [...departures]
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.departureId.localeCompare(b.departureId))
      .map((departure) => ({ ...departure, seatsSold: seatsSold(departure) })),
  };
}

export function agencyPackageSummary(pkg: Package): AgencyPackageSummary {
  return {
    packageId: pkg.packageId,
    status: pkg.status,
    version: pkg.version ?? 0,
    title: pkg.title,
    city: pkg.city,
    durationDays: pkg.durationDays,
    treatmentKind: pkg.treatment.kind,
    hospitalId: pkg.hospital.hospitalId,
    programmeId: pkg.treatment.programmeId,
    ...(pkg.updatedAt === undefined ? {} : { updatedAt: pkg.updatedAt }),
  };
}
