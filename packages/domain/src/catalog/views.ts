/**
 * How catalog records read to a tourist: one language per response, prices
 * with their totals, an itinerary day by day.
 */
import type {
  Departure,
  DepartureView,
  ItineraryDay,
  Language,
  Package,
  PackageDetail,
  PackageSummary,
} from '@shifa/contracts';
import { pickText } from '../language';
import { lowestTotals, totalOf } from '../pricing';

export function toDepartureView(departure: Departure): DepartureView {
  return {
    departureId: departure.departureId,
    startDate: departure.startDate,
    endDate: departure.endDate,
    seatsTotal: departure.seatsTotal,
    seatsLeft: departure.seatsLeft,
    prices: departure.prices.map((offer) => ({
      currency: offer.currency,
      perTraveller: { ...offer.lines, total: totalOf(offer.lines) },
    })),
  };
}

function parties(pkg: Package, lang: readonly Language[]) {
  return {
    hospital: {
      hospitalId: pkg.hospital.hospitalId,
      name: pickText(pkg.hospital.name, lang),
      city: pkg.hospital.city,
      languages: pkg.hospital.languages,
    },
    agency: { agencyId: pkg.agencyId, name: pickText(pkg.agency.name, lang) },
  };
}

export function toPackageSummary(
  pkg: Package,
  departures: readonly Departure[],
  lang: readonly Language[],
): PackageSummary {
  return {
    packageId: pkg.packageId,
    title: pickText(pkg.title, lang),
    description: pickText(pkg.description, lang),
    city: pkg.city,
    treatmentKind: pkg.treatment.kind,
    durationDays: pkg.durationDays,
    ...parties(pkg, lang),
    serviceLanguages: pkg.serviceLanguages,
    priceFrom: lowestTotals(departures.flatMap((departure) => departure.prices)),
    departures: departures.map(toDepartureView),
  };
}

/** Day one and the last day, with the airport named only when the package includes the airport service. */
const ARRIVAL_WITH_PICKUP: Record<Language, string> = {
  ru: 'Прибытие, встреча в аэропорту, заселение',
  kk: 'Келу, әуежайда қарсы алу, қонақүйге орналасу',
  uz: 'Kelish, aeroportda kutib olish, joylashish',
  ky: 'Келүү, аэропорттон тосуп алуу, жайгашуу',
  zh: '抵达，机场接机，入住',
  en: 'Arrival, airport pick-up, check-in',
};
const ARRIVAL: Record<Language, string> = {
  ru: 'Прибытие, заселение',
  kk: 'Келу, қонақүйге орналасу',
  uz: 'Kelish, joylashish',
  ky: 'Келүү, жайгашуу',
  zh: '抵达，入住',
  en: 'Arrival, check-in',
};
const DEPARTURE_WITH_TRANSFER: Record<Language, string> = {
  ru: 'Выезд, трансфер в аэропорт',
  kk: 'Кету, әуежайға трансфер',
  uz: 'Ketish, aeroportga transfer',
  ky: 'Кетүү, аэропортко трансфер',
  zh: '退房，送机',
  en: 'Check-out, transfer to the airport',
};
const DEPARTURE: Record<Language, string> = {
  ru: 'Выезд из гостиницы',
  kk: 'Қонақүйден шығу',
  uz: 'Mehmonxonadan chiqish',
  ky: 'Мейманканадан чыгуу',
  zh: '退房',
  en: 'Check-out',
};
const FREE: Record<Language, string> = {
  ru: 'Свободный день',
  kk: 'Бос күн',
  uz: 'Erkin kun',
  ky: 'Бош күн',
  zh: '自由活动',
  en: 'Free day',
};

/** Day-by-day plan derived from the package's components; nothing is stored twice. */
export function itinerary(pkg: Package, lang: readonly Language[]): ItineraryDay[] {
  const treatmentTitle = pickText(pkg.treatment.title, lang);
  const lastTreatmentDay = pkg.treatment.startDay + pkg.treatment.days - 1;
  // The itinerary promises the airport only when the package sells the service that covers it.
  const airport = pkg.services.some((service) => service.kind === 'airport_pickup');
  const days: ItineraryDay[] = [];
  for (let day = 1; day <= pkg.durationDays; day += 1) {
    const activities: ItineraryDay['activities'] = [];
    if (day === 1)
      activities.push({ kind: 'arrival', title: pickText(airport ? ARRIVAL_WITH_PICKUP : ARRIVAL, lang) });
    if (day >= pkg.treatment.startDay && day <= lastTreatmentDay) {
      activities.push({ kind: 'treatment', title: treatmentTitle });
    }
    for (const excursion of pkg.sightseeing.filter((e) => e.day === day)) {
      activities.push({ kind: 'excursion', title: pickText(excursion.name, lang) });
    }
    if (day === pkg.durationDays && day > 1)
      activities.push({
        kind: 'departure',
        title: pickText(airport ? DEPARTURE_WITH_TRANSFER : DEPARTURE, lang),
      });
    if (activities.length === 0) activities.push({ kind: 'free', title: pickText(FREE, lang) });
    days.push({ day, activities });
  }
  return days;
}

export function toPackageDetail(
  pkg: Package,
  departures: readonly Departure[],
  lang: readonly Language[],
  language: Language,
): PackageDetail {
  return {
    language,
    packageId: pkg.packageId,
    title: pickText(pkg.title, lang),
    description: pickText(pkg.description, lang),
    city: pkg.city,
    durationDays: pkg.durationDays,
    nights: pkg.accommodation.nights,
    ...parties(pkg, lang),
    serviceLanguages: pkg.serviceLanguages,
    treatment: {
      hospitalId: pkg.treatment.hospitalId,
      programmeId: pkg.treatment.programmeId,
      kind: pkg.treatment.kind,
      startDay: pkg.treatment.startDay,
      days: pkg.treatment.days,
      sessions: pkg.treatment.sessions,
      title: pickText(pkg.treatment.title, lang),
      includes: pkg.treatment.includes.map((text) => pickText(text, lang)),
    },
    accommodation: {
      ...(pkg.accommodation.stars === undefined ? {} : { stars: pkg.accommodation.stars }),
      nights: pkg.accommodation.nights,
      meals: pkg.accommodation.meals,
      name: pickText(pkg.accommodation.name, lang),
      room: pickText(pkg.accommodation.room, lang),
    },
    sightseeing: pkg.sightseeing.map((e) => ({ day: e.day, hours: e.hours, name: pickText(e.name, lang) })),
    services: pkg.services,
    itinerary: itinerary(pkg, lang),
    departures: departures.map(toDepartureView),
    cancellationPolicy: pkg.cancellationPolicy,
  };
}
