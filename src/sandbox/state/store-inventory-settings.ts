import { z } from 'zod';
import { done, type Result, refuse } from './results.js';

/**
 * A store's inventory settings, as the Settings API answers them (`GET/PUT /v3/settings/inventory`,
 * settings.v3.yml `InventorySettings`, bigcommerce/docs@24f580ca). The spec documents a default only for
 * `show_pre_order_stock_levels` and `show_out_of_stock_message` (false); the other defaults are the
 * sandbox's and match what it does: stock is taken when the order is placed (`order_placed`) and not
 * returned on a refund or cancellation (`refund_order_stock_adjustment: false`), variants' stock is
 * labelled (`label_option`, as the storefront's option-change response says), stock levels are shown.
 * The sandbox stores and reports these; apart from the native-backorder toggles below it does not
 * change its behaviour by them.
 */
export interface StoreInventorySettings {
  readonly product_out_of_stock_behavior:
    | 'do_nothing'
    | 'hide_product'
    | 'hide_product_and_accessible'
    | 'hide_product_and_redirect';
  readonly option_out_of_stock_behavior: 'do_nothing' | 'hide_option' | 'label_option';
  readonly update_stock_behavior: 'order_placed' | 'order_completed_or_shipped';
  readonly edit_order_stock_adjustment: boolean;
  readonly refund_order_stock_adjustment: boolean;
  readonly stock_level_display: 'dont_show' | 'show' | 'show_when_low';
  readonly default_out_of_stock_message: string;
  readonly hide_in_product_filtering: boolean;
  readonly show_pre_order_stock_levels: boolean;
  readonly show_out_of_stock_message: boolean;
  readonly backorders: StoreBackorderSettings;
}

/**
 * The store-wide settings of native backorders (beta). Only reported, and only accepted, while the store
 * has native backorders on. Names: `show_backorder_availability_prompt` and
 * `backorder_availability_prompt` from the unmerged settings.v3.yml of bigcommerce/docs branch `back-288`
 * (PR #1089; default false documented there); the others are the control panel's toggles as Cornerstone
 * 6.21 reads them (`cart.inventory_settings.show_quantity_on_hand`, `show_quantity_on_backorder`,
 * `show_backorder_message`, templates/components/cart/content.html:143-171;
 * `show_default_shipping_expectation_prompt`, `default_shipping_expectation_prompt`,
 * cart/totals.html:121-122). No published default for those: the sandbox starts with every toggle off
 * and empty texts, so a store shows nothing until the merchant turns it on.
 */
export interface StoreBackorderSettings {
  readonly show_backorder_availability_prompt: boolean;
  readonly backorder_availability_prompt: string;
  readonly show_quantity_on_backorder: boolean;
  readonly show_quantity_on_hand: boolean;
  readonly show_backorder_message: boolean;
  readonly show_default_shipping_expectation_prompt: boolean;
  readonly default_shipping_expectation_prompt: string;
}

export const DEFAULT_BACKORDER_SETTINGS: StoreBackorderSettings = {
  show_backorder_availability_prompt: false,
  backorder_availability_prompt: '',
  show_quantity_on_backorder: false,
  show_quantity_on_hand: false,
  show_backorder_message: false,
  show_default_shipping_expectation_prompt: false,
  default_shipping_expectation_prompt: '',
};

export const DEFAULT_INVENTORY_SETTINGS: StoreInventorySettings = {
  product_out_of_stock_behavior: 'do_nothing',
  option_out_of_stock_behavior: 'label_option',
  update_stock_behavior: 'order_placed',
  edit_order_stock_adjustment: true,
  refund_order_stock_adjustment: false,
  stock_level_display: 'show',
  default_out_of_stock_message: 'Currently out of stock',
  hide_in_product_filtering: false,
  show_pre_order_stock_levels: false,
  show_out_of_stock_message: false,
  backorders: DEFAULT_BACKORDER_SETTINGS,
};

const TEXT_MAX = 65535;

const publishedFields = {
  product_out_of_stock_behavior: z.enum([
    'do_nothing',
    'hide_product',
    'hide_product_and_accessible',
    'hide_product_and_redirect',
  ]),
  option_out_of_stock_behavior: z.enum(['do_nothing', 'hide_option', 'label_option']),
  update_stock_behavior: z.enum(['order_placed', 'order_completed_or_shipped']),
  edit_order_stock_adjustment: z.boolean(),
  refund_order_stock_adjustment: z.boolean(),
  stock_level_display: z.enum(['dont_show', 'show', 'show_when_low']),
  default_out_of_stock_message: z.string().max(TEXT_MAX),
  hide_in_product_filtering: z.boolean(),
  show_pre_order_stock_levels: z.boolean(),
  show_out_of_stock_message: z.boolean(),
};

const backorderFields = {
  show_backorder_availability_prompt: z.boolean(),
  backorder_availability_prompt: z.string().max(TEXT_MAX),
  show_quantity_on_backorder: z.boolean(),
  show_quantity_on_hand: z.boolean(),
  show_backorder_message: z.boolean(),
  show_default_shipping_expectation_prompt: z.boolean(),
  default_shipping_expectation_prompt: z.string().max(TEXT_MAX),
};

export const BACKORDER_SETTING_NAMES = Object.keys(backorderFields) as (keyof StoreBackorderSettings)[];

const updateSchema = z
  .object({ ...publishedFields, ...backorderFields })
  .partial()
  .strict();

/** `GET /v3/settings/inventory`'s `data`: the beta's fields only while native backorders are on. */
export function inventorySettingsView(settings: StoreInventorySettings, nativeBackorders: boolean) {
  const { backorders, ...published } = settings;
  return nativeBackorders ? { ...published, ...backorders } : published;
}

/**
 * `PUT /v3/settings/inventory`: the fields given change, the others stay. A native-backorder field while
 * the store has native backorders off is refused (422) like any other field the store does not know.
 */
export function updateInventorySettings(
  current: StoreInventorySettings,
  body: unknown,
  nativeBackorders: boolean,
): Result<StoreInventorySettings> {
  const given = body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  const backorderKeys = given.filter((k) => (BACKORDER_SETTING_NAMES as string[]).includes(k));
  if (!nativeBackorders && backorderKeys.length > 0) {
    return refuse(
      422,
      'SANDBOX.SETTINGS.NATIVE_BACKORDERS_OFF',
      'Backorder settings are only available when backordering is enabled for the store.',
      { errors: Object.fromEntries(backorderKeys.map((k) => [k, 'Backordering is not enabled'])) },
    );
  }
  const parsed = updateSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return refuse(422, 'SANDBOX.SETTINGS.INVALID', 'Input is invalid', {
      errors: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])),
    });
  }
  const patch = parsed.data;
  const backorders = { ...current.backorders };
  const published: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((BACKORDER_SETTING_NAMES as string[]).includes(key)) {
      (backorders as Record<string, unknown>)[key] = value;
    } else {
      published[key] = value;
    }
  }
  return done({ ...current, ...published, backorders });
}
