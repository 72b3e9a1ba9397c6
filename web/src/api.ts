/**
 * The typed client of Shifa's public HTTP API. Every request and response type
 * is inferred from the zod schemas in @shifa/contracts, imported as types only
 * so that no validation code reaches the bundle: the server already holds its
 * responses to those schemas (the integration tests check every one).
 */
import type {
  AccessLogResponse,
  AgencyListQuery,
  AgencyPackageList,
  AgencyPackageView,
  BookingListResponse,
  BookingView,
  CancelBookingBody,
  CapacityCalendar,
  CapacityQuery,
  CreateBookingBody,
  CreateDepartureBody,
  DeclineBookingBody,
  DeliveryListResponse,
  DeliveryView,
  ErrorResponse,
  ExcursionList,
  HospitalBookingsQuery,
  HospitalDeliveriesQuery,
  HospitalDirectoryResponse,
  HospitalProgrammesResponse,
  HotelList,
  Language,
  ListBookingsQuery,
  ListOrganisationsQuery,
  ListPackagesQuery,
  OperatorDeliveriesQuery,
  OrganisationDetail,
  OrganisationKind,
  OrganisationListResponse,
  PackageComposition,
  PackageDetail,
  PackageListResponse,
  SetCapacityBody,
  UpdateDepartureBody,
} from '@shifa/contracts';
import type * as z from 'zod';

export type SearchQuery = z.input<typeof ListPackagesQuery>;
export type CreateBooking = z.input<typeof CreateBookingBody>;
export type CancelBooking = z.input<typeof CancelBookingBody>;
export type DeclineBooking = z.input<typeof DeclineBookingBody>;
export type MyBookingsQuery = z.input<typeof ListBookingsQuery>;
export type InboxQuery = z.input<typeof HospitalBookingsQuery>;
export type AgencyPackagesQuery = z.input<typeof AgencyListQuery>;
export type CreateDeparture = z.input<typeof CreateDepartureBody>;
export type UpdateDeparture = z.input<typeof UpdateDepartureBody>;
export type SalesQuery = z.input<typeof ListBookingsQuery>;
export type CapacityRange = z.input<typeof CapacityQuery>;
export type SetCapacity = z.input<typeof SetCapacityBody>;
export type HospitalDeliveriesPage = z.input<typeof HospitalDeliveriesQuery>;
export type OrganisationsQuery = z.input<typeof ListOrganisationsQuery>;
export type DeliveriesQuery = z.input<typeof OperatorDeliveriesQuery>;
export type BookingList = z.infer<typeof BookingListResponse>;
export type {
  AccessLogResponse,
  AgencyPackageList,
  AgencyPackageView,
  BookingView,
  CapacityCalendar,
  DeliveryListResponse,
  DeliveryView,
  ExcursionList,
  HospitalDirectoryResponse,
  HospitalProgrammesResponse,
  HotelList,
  OrganisationDetail,
  OrganisationKind,
  OrganisationListResponse,
  PackageComposition,
  PackageDetail,
  PackageListResponse,
};

/** An answer other than 2xx, with the API's error code when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: NonNullable<ErrorResponse['error']['details']> = [],
    /** The API's Retry-After, in seconds, when it said when to ask again (and the browser may read it). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;

type RequestOptions = {
  query?: Query;
  body?: unknown;
  /** Sent as Idempotency-Key; give the same key again when retrying the same intent. */
  idempotencyKey?: string;
};

export type ApiSettings = {
  /** '' on the app's own origin (npm start); the API's URL when it is served elsewhere. */
  baseUrl: string;
  token: () => string | undefined;
  language: () => Language;
  /** Called when the API refuses the token (expired or revoked), so the app can sign out. */
  onUnauthorized: () => void;
};

export const newIdempotencyKey = (): string => crypto.randomUUID();

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function createApi(settings: ApiSettings) {
  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'accept-language': settings.language(),
    };
    const token = settings.token();
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${settings.baseUrl}${path}${queryString(options.query)}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const payload: unknown = text === '' ? undefined : JSON.parse(text);
    if (response.ok) return payload as T;
    if (response.status === 401) settings.onUnauthorized();
    const error = (payload as Partial<ErrorResponse> | undefined)?.error;
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (payload as { message?: string } | undefined)?.message ?? response.statusText,
      error?.details ?? [],
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
    );
  }

  const id = encodeURIComponent;
  const lang = () => settings.language();

  return {
    searchPackages: (query: SearchQuery) =>
      request<PackageListResponse>('GET', '/packages', { query: { ...query, lang: lang() } }),
    getPackage: (packageId: string) =>
      request<PackageDetail>('GET', `/packages/${id(packageId)}`, { query: { lang: lang() } }),

    createBooking: (body: CreateBooking, idempotencyKey: string) =>
      request<BookingView>('POST', '/bookings', { body, idempotencyKey }),
    myBookings: (query: MyBookingsQuery = {}) => request<BookingList>('GET', '/bookings', { query }),
    /** `omit`: without the health notes, opening nothing (what a page that polls for the status asks). */
    getBooking: (bookingId: string, healthNotes: 'include' | 'omit' = 'include') =>
      request<BookingView>('GET', `/bookings/${id(bookingId)}`, {
        query: healthNotes === 'omit' ? { healthNotes } : {},
      }),
    /** What the card form needs (the PaymentIntent's client secret); asking again gives the same one. */
    preparePayment: (bookingId: string) =>
      request<BookingView>('POST', `/bookings/${id(bookingId)}/payment`, {
        idempotencyKey: newIdempotencyKey(),
      }),
    cancelBooking: (bookingId: string, body: CancelBooking, idempotencyKey: string) =>
      request<BookingView>('POST', `/bookings/${id(bookingId)}/cancel`, { body, idempotencyKey }),
    /** Deletes the travellers' health notes for good (asking again changes nothing). */
    deleteHealthNotes: (bookingId: string) =>
      request<undefined>('DELETE', `/bookings/${id(bookingId)}/health-notes`),
    /** Who opened the booking's health notes, when and why, newest first. */
    healthAccessLog: (bookingId: string) =>
      request<AccessLogResponse>('GET', `/bookings/${id(bookingId)}/access-log`, { query: { limit: 50 } }),

    hospitalInbox: (query: InboxQuery = {}) => request<BookingList>('GET', '/hospital/bookings', { query }),
    acceptBooking: (bookingId: string, idempotencyKey: string) =>
      request<BookingView>('POST', `/hospital/bookings/${id(bookingId)}/accept`, { idempotencyKey }),
    declineBooking: (bookingId: string, body: DeclineBooking, idempotencyKey: string) =>
      request<BookingView>('POST', `/hospital/bookings/${id(bookingId)}/decline`, { body, idempotencyKey }),
    hospitalCapacity: (query: CapacityRange) =>
      request<CapacityCalendar>('GET', '/hospital/capacity', { query }),
    setHospitalCapacity: (body: SetCapacity) =>
      request<CapacityCalendar>('PUT', '/hospital/capacity', { body }),
    hospitalDeliveries: (query: HospitalDeliveriesPage = {}) =>
      request<DeliveryListResponse>('GET', '/hospital/deliveries', { query }),

    agencyPackages: (query: AgencyPackagesQuery = {}) =>
      request<AgencyPackageList>('GET', '/agency/packages', { query }),
    agencyHospitals: () =>
      request<HospitalDirectoryResponse>('GET', '/agency/hospitals', {
        query: { limit: '50', lang: lang() },
      }),
    agencyHospitalProgrammes: (hospitalId: string) =>
      request<HospitalProgrammesResponse>('GET', `/agency/hospitals/${id(hospitalId)}/programmes`, {
        query: { lang: lang() },
      }),
    agencyHotels: () => request<HotelList>('GET', '/agency/hotels', { query: { limit: '100' } }),
    agencyExcursions: () => request<ExcursionList>('GET', '/agency/excursions', { query: { limit: '100' } }),
    agencyPackage: (packageId: string) =>
      request<AgencyPackageView>('GET', `/agency/packages/${id(packageId)}`),
    createAgencyPackage: (body: PackageComposition) =>
      request<AgencyPackageView>('POST', '/agency/packages', { body }),
    updateAgencyPackage: (packageId: string, body: PackageComposition, version: number) =>
      request<AgencyPackageView>('PUT', `/agency/packages/${id(packageId)}`, { body: { ...body, version } }),
    addAgencyDeparture: (packageId: string, body: CreateDeparture) =>
      request<AgencyPackageView>('POST', `/agency/packages/${id(packageId)}/departures`, { body }),
    /** New seats and prices; `version` is the package's, as last read (another version is refused with 409). */
    updateAgencyDeparture: (packageId: string, departureId: string, body: UpdateDeparture) =>
      request<AgencyPackageView>('PUT', `/agency/packages/${id(packageId)}/departures/${id(departureId)}`, {
        body,
      }),
    /** Refused with 409 `departure_has_bookings` once a seat is sold. */
    deleteAgencyDeparture: (packageId: string, departureId: string) =>
      request<AgencyPackageView>('DELETE', `/agency/packages/${id(packageId)}/departures/${id(departureId)}`),
    agencySales: (query: SalesQuery = {}) => request<BookingList>('GET', '/agency/bookings', { query }),
    publishAgencyPackage: (packageId: string) =>
      request<AgencyPackageView>('POST', `/agency/packages/${id(packageId)}/publish`),
    unpublishAgencyPackage: (packageId: string) =>
      request<AgencyPackageView>('POST', `/agency/packages/${id(packageId)}/unpublish`),

    organisations: (query: OrganisationsQuery = {}) =>
      request<OrganisationListResponse>('GET', '/operator/organisations', { query }),
    verifyOrganisation: (kind: OrganisationKind, organisationId: string) =>
      request<OrganisationDetail>(
        'POST',
        `/operator/organisations/${id(kind)}/${id(organisationId)}/verify`,
        { body: {} },
      ),
    suspendOrganisation: (kind: OrganisationKind, organisationId: string, reason: string) =>
      request<OrganisationDetail>(
        'POST',
        `/operator/organisations/${id(kind)}/${id(organisationId)}/suspend`,
        { body: { reason } },
      ),
    operatorDeliveries: (query: DeliveriesQuery = {}) =>
      request<DeliveryListResponse>('GET', '/operator/deliveries', { query }),
    replayDelivery: (deliveryId: string, idempotencyKey: string) =>
      request<DeliveryView>('POST', `/operator/deliveries/${id(deliveryId)}/replay`, { idempotencyKey }),
  };
}

export type Api = ReturnType<typeof createApi>;
