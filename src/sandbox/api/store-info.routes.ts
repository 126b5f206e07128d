import type { FastifyInstance } from 'fastify';
import { DateTime, IANAZone } from 'luxon';
import type { SandboxState } from '../state/sandbox-state.js';
import type { Store } from '../state/stores.repo.js';

/** The store's time zone as GET /v2/store reports it: offsets in seconds, standard and daylight. */
export function timezoneOf(name: string, now: Date) {
  const zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : IANAZone.create('UTC');
  const year = DateTime.fromJSDate(now, { zone }).year;
  const january = zone.offset(DateTime.utc(year, 1, 1).toMillis());
  const july = zone.offset(DateTime.utc(year, 7, 1).toMillis());
  const standard = Math.min(january, july);
  const daylight = Math.max(january, july);
  return {
    name: zone.name,
    raw_offset: standard * 60,
    dst_offset: daylight * 60,
    dst_correction: daylight !== standard,
    date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
  };
}

export function storeInformation(store: Store, state: SandboxState) {
  const s = store.settings;
  const base = state.baseUrl();
  return {
    id: store.hash,
    account_uuid: `00000000-0000-4000-8000-${String(store.storeId).padStart(12, '0')}`,
    domain: new URL(base).host,
    secure_url: base,
    control_panel_base_url: base,
    status: 'live',
    name: s.name,
    first_name: 'Sandbox',
    last_name: 'Merchant',
    address: '',
    country: s.country,
    country_code: s.countryCode,
    phone: '',
    admin_email: s.adminEmail,
    order_email: s.orderEmail,
    favicon_url: '',
    timezone: timezoneOf(s.timezone, state.now()),
    language: 'en',
    currency: s.currency,
    currency_symbol: s.currencySymbol,
    decimal_separator: '.',
    thousands_separator: ',',
    decimal_places: 2,
    currency_symbol_location: 'left',
    weight_units: s.weightUnits,
    dimension_units: s.dimensionUnits,
    dimension_decimal_places: 2,
    dimension_decimal_token: '.',
    dimension_thousands_token: ',',
    plan_name: s.planName,
    plan_level: s.planName,
    plan_is_trial: false,
    industry: '',
    logo: [],
    is_price_entered_with_tax: false,
    store_id: store.storeId,
    default_channel_id: 1,
    default_site_id: 1000,
    active_comparison_modules: [],
    features: {
      stencil_enabled: true,
      sitewidehttps_enabled: false,
      facebook_catalog_id: '',
      checkout_type: 'optimized',
      wishlists_enabled: false,
      graphql_storefront_api_enabled: false,
      shopper_consent_tracking_enabled: false,
      multi_storefront_enabled: false,
      storefront_limits: { active: 1, total_including_inactive: 1 },
    },
  };
}

/** Store information v2 (store_information.v2.yml). */
export function storeInfoRoutes(app: FastifyInstance, { state }: { state: SandboxState }): void {
  const config = { sandboxScope: 'information' as const };
  app.get<{ Params: { store_hash: string } }>('/stores/:store_hash/v2/store', { config }, async (request) =>
    storeInformation(request.sandbox.store, state),
  );
  // BigCommerce answers /v2/time for any valid token (it is used to test credentials).
  app.get<{ Params: { store_hash: string } }>(
    '/stores/:store_hash/v2/time',
    { config: { sandboxScope: 'none' } },
    async () => ({
      time: Math.floor(state.now().getTime() / 1000),
    }),
  );
}
