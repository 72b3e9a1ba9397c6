/**
 * The currencies a booking can be paid in: each of the departure's offers whose total for the
 * travellers fits one card payment (twelve digits of minor units, @shifa/domain/limits), and the one
 * chosen: the tourist's pick, else the first traveller's own currency, else the first the agency lists.
 */
import type { Country, Currency } from '@shifa/contracts';
import { fitsOneCardPayment } from '@shifa/domain/limits';

type Offer = { currency: Currency; perTraveller: { total: number } };

/** The currency each country's travellers earn and spend in, where Shifa sells in it. */
export const HOME_CURRENCY: Partial<Record<Country, Currency>> = {
  KZ: 'KZT',
  UZ: 'UZS',
  KG: 'KGS',
  RU: 'RUB',
  CN: 'CNY',
};

export const isPayable = (offer: Offer, travellers: number): boolean =>
  fitsOneCardPayment(offer.perTraveller.total, travellers);

export function chooseOffer<O extends Offer>(
  offers: readonly O[],
  travellers: number,
  picked: Currency | undefined,
  nationality: Country | '' | undefined,
): O | undefined {
  const payable = offers.filter((offer) => isPayable(offer, travellers));
  const home = nationality === undefined || nationality === '' ? undefined : HOME_CURRENCY[nationality];
  return (
    payable.find((offer) => offer.currency === picked) ??
    payable.find((offer) => offer.currency === home) ??
    payable[0]
  );
}
