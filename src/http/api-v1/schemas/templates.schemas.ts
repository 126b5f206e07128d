import { z } from 'zod';
import { MAX_TEMPLATE_TEXT_LENGTH } from '../../../app/settings/templates/template-fields.js';
import { count, localDate } from '../api-schemas.js';

/** The template preview's request and answer (POST /templates/preview). */

const text = z.string().max(MAX_TEMPLATE_TEXT_LENGTH);

const previewSampleSchema = z
  .strictObject({
    back_in_stock_date: localDate
      .nullable()
      .default(null)
      .meta({ description: 'D; null (the default): the item has no date.' }),
    incoming_stock: count.default(0).meta({ description: 'I (default 0).' }),
    threshold: count
      .nullable()
      .default(null)
      .meta({ description: 'T; null (the default): unlimited, so {remaining_units} is empty.' }),
    backordered: count.default(0).meta({ description: 'B, units backordered in the episode (default 0).' }),
  })
  .meta({ id: 'TemplatePreviewSample' });

export const templatePreviewRequestSchema = z.strictObject({
  button_text: text.optional(),
  backorder_message: text.optional(),
  cart_message: text.optional(),
  unavailable_message: text.optional(),
  packing_slip_message: text.optional(),
  samples: z.array(previewSampleSchema).min(1).max(10).meta({
    description: 'The items to render the texts for, e.g. one with a back-in-stock date and one without.',
  }),
});

export const PREVIEW_FIELDS = [
  'button_text',
  'backorder_message',
  'cart_message',
  'unavailable_message',
  'packing_slip_message',
] as const;

const shownText = z.string().nullable();

export const templatePreviewSchema = z
  .object({
    locale: z.string().meta({ description: 'The store’s locale the dates and numbers are written in.' }),
    time_zone: z.string().meta({ description: 'The store’s time zone.' }),
    problems: z
      .array(
        z.object({
          field: z.enum(PREVIEW_FIELDS),
          code: z.enum(['TEMPLATE.UNKNOWN_PLACEHOLDER', 'TEMPLATE.UNBALANCED_SECTION']),
          message: z.string(),
          placeholder: z
            .string()
            .nullable()
            .meta({ description: 'For TEMPLATE.UNKNOWN_PLACEHOLDER: the unknown name between the braces.' }),
        }),
      )
      .meta({
        description:
          'Texts a template could not be saved with; each is left out of the previews (null) while the others render.',
      }),
    previews: z.array(
      z.object({
        sample: z.object({
          back_in_stock_date: localDate.nullable(),
          incoming_stock: count,
          threshold: count.nullable(),
          backordered: count,
        }),
        button_text: shownText.meta({
          description: 'The add-to-cart label of an item in backorder; null: nothing is shown.',
        }),
        backorder_message: shownText.meta({ description: 'Below the add-to-cart button, in backorder.' }),
        cart_message: shownText.meta({ description: 'On the cart line of an item in backorder.' }),
        unavailable_message: shownText.meta({
          description: 'Where the add-to-cart button was, while the item is unavailable.',
        }),
        packing_slip_message: shownText.meta({
          description: 'In the staff notes of an order holding the item’s backordered units.',
        }),
        remaining_units: count
          .nullable()
          .meta({ description: 'T − B: the most units one order may take in backorder; null: unlimited.' }),
      }),
    ),
  })
  .meta({ id: 'TemplatePreview' });
