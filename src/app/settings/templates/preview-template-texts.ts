import { type LocalDate, type Refusal, refuse } from '../../../core/item.js';
import {
  checkMessageTemplate,
  type MessageTemplateRefusalCode,
  unknownPlaceholderIn,
} from '../../../core/messages.js';
import { packingSlipMessageText } from '../../orders/packing-slip-note.js';
import type { StoreId } from '../../ports/store-id.js';
import type { StoreRepository } from '../../ports/store-repository.js';
import type { TemplateInput } from '../../ports/template-repository.js';
import { storefrontItemTexts, usableLocale } from '../../storefront/product-storefront-view.js';
import { SETTINGS_REFUSALS } from '../get-settings.js';

/**
 * How a template's texts read before it is saved (the Templates screen's live preview): each text
 * rendered for sample items by the very code the storefront (`storefrontItemTexts`) and the packing
 * slip (`packingSlipMessageText`) use, in the store's locale and time zone. A text the template could
 * not be saved with (unknown placeholder, unbalanced brackets) is not rendered but reported as a
 * problem of its field, so the other texts still preview while the merchant fixes it.
 */

export type PreviewTextField =
  | 'buttonText'
  | 'backorderMessage'
  | 'cartMessage'
  | 'unavailableMessage'
  | 'packingSlipMessage';

export type PreviewTexts = Partial<Pick<TemplateInput, PreviewTextField>>;

/** An item's numbers the placeholders read. */
export interface PreviewSample {
  readonly backInStockDate: LocalDate | null;
  readonly incomingStock: number;
  /** Null: unlimited (then {remaining_units} is empty). */
  readonly threshold: number | null;
  readonly backordered: number;
}

export interface TextProblem {
  readonly field: PreviewTextField;
  readonly code: MessageTemplateRefusalCode;
  readonly message: string;
  /** For TEMPLATE.UNKNOWN_PLACEHOLDER: the name written between the braces. */
  readonly placeholder: string | null;
}

/** What shoppers and the warehouse read for one sample; null where nothing would be shown. */
export interface TextsPreview {
  readonly sample: PreviewSample;
  /** The product page of an item in backorder. */
  readonly buttonText: string | null;
  readonly backorderMessage: string | null;
  /** A cart line of an item in backorder. */
  readonly cartMessage: string | null;
  /** The product page of an unavailable item, where the add-to-cart button was. */
  readonly unavailableMessage: string | null;
  /** The message in the staff notes of an order holding the item's backordered units. */
  readonly packingSlipMessage: string | null;
  /** The most units one order may take while in backorder (T − B); null when unlimited. */
  readonly remainingUnits: number | null;
}

export interface TemplatePreview {
  readonly locale: string;
  readonly timeZone: string;
  readonly problems: readonly TextProblem[];
  readonly previews: readonly TextsPreview[];
}

export const PREVIEW_TEXT_FIELDS: readonly PreviewTextField[] = [
  'buttonText',
  'backorderMessage',
  'cartMessage',
  'unavailableMessage',
  'packingSlipMessage',
];

export async function previewTemplateTexts(
  deps: { readonly stores: Pick<StoreRepository, 'getStore'> },
  input: {
    readonly storeId: StoreId;
    readonly texts: PreviewTexts;
    readonly samples: readonly PreviewSample[];
  },
): Promise<({ readonly ok: true } & TemplatePreview) | Refusal> {
  const store = await deps.stores.getStore(input.storeId);
  if (store === null) {
    return refuse(SETTINGS_REFUSALS.storeNotFound, `No store ${input.storeId}.`);
  }
  const locale = usableLocale(store.locale);
  const timeZone = store.timezone;

  const problems: TextProblem[] = [];
  const usable: Record<PreviewTextField, string> = {
    buttonText: '',
    backorderMessage: '',
    cartMessage: '',
    unavailableMessage: '',
    packingSlipMessage: '',
  };
  for (const field of PREVIEW_TEXT_FIELDS) {
    const text = input.texts[field];
    if (text === undefined) continue;
    const problem = checkMessageTemplate(text);
    if (problem === null) {
      usable[field] = text;
      continue;
    }
    problems.push({
      field,
      code: problem.code,
      message: problem.message,
      placeholder: problem.code === 'TEMPLATE.UNKNOWN_PLACEHOLDER' ? unknownPlaceholderIn(text) : null,
    });
  }

  const texts = {
    buttonText: usable.buttonText,
    message: usable.backorderMessage,
    cartMessage: usable.cartMessage,
    unavailableMessage: usable.unavailableMessage,
  };
  const previews = input.samples.map((sample): TextsPreview => {
    const item = {
      backInStockDate: sample.backInStockDate,
      incoming: sample.incomingStock,
      threshold: sample.threshold,
      backordered: sample.backordered,
    };
    // The product page and cart of an item in backorder, and of one that is unavailable.
    const inBackorder = storefrontItemTexts({ ...item, status: 'backorder' }, texts, locale, timeZone);
    const unavailable = storefrontItemTexts({ ...item, status: 'unavailable' }, texts, locale, timeZone);
    const packingSlip = packingSlipMessageText(usable.packingSlipMessage, { item, locale, timeZone });
    return {
      sample,
      buttonText: inBackorder.buttonText,
      backorderMessage: inBackorder.message,
      cartMessage: inBackorder.cartMessage,
      unavailableMessage: unavailable.unavailableMessage,
      packingSlipMessage: packingSlip === '' ? null : packingSlip,
      remainingUnits: inBackorder.remainingUnits,
    };
  });
  return { ok: true, locale, timeZone, problems, previews };
}
