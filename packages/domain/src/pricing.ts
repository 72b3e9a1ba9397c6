/** Prices per traveller, line by line, in integer minor units. */
import type { Currency, PriceLines, PriceOffer } from '@shifa/contracts';

export function totalOf(lines: PriceLines): number {
  const total = lines.treatment + lines.accommodation + lines.sightseeing + lines.services;
  if (!Number.isSafeInteger(total)) throw new RangeError('price total exceeds the safe integer range');
  return total;
}

export function priceIn(prices: readonly PriceOffer[], currency: Currency): PriceOffer | undefined {
  return prices.find((offer) => offer.currency === currency);
}

/** The lowest total per traveller in each currency across several departures' offers. */
export function lowestTotals(offers: readonly PriceOffer[]): { currency: Currency; amount: number }[] {
  const lowest = new Map<Currency, number>();
  for (const offer of offers) {
    const total = totalOf(offer.lines);
    const seen = lowest.get(offer.currency);
    if (seen === undefined || total < seen) lowest.set(offer.currency, total);
  }
  return [...lowest].map(([currency, amount]) => ({ currency, amount }));
}
