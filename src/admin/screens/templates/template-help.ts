/**
 * The placeholders a text may use, in the merchant's words (the server's list is in
 * src/core/messages.ts; test/admin/template-form.test.ts keeps the two the same).
 */
export const PLACEHOLDER_HELP: readonly { readonly placeholder: string; readonly meaning: string }[] = [
  {
    placeholder: '{back_in_stock_date}',
    meaning: 'The item’s back-in-stock date, written the way your store writes dates (e.g. July 1, 2026).',
  },
  { placeholder: '{incoming_stock}', meaning: 'How many units are on their way to you.' },
  {
    placeholder: '{remaining_units}',
    meaning:
      'How many more units may be backordered before the threshold is reached. Empty when the item has no threshold.',
  },
  { placeholder: '{backordered}', meaning: 'How many units have been backordered since the item ran out.' },
];

/** An example of an optional phrase, shown with what it reads like with and without a date. */
export const SECTION_EXAMPLE = {
  text: 'Ships when back in stock[, expected {back_in_stock_date}].',
  withValue: 'Ships when back in stock, expected July 1, 2026.',
  withoutValue: 'Ships when back in stock.',
} as const;
