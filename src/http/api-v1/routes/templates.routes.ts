import type { TemplateInput } from '../../../app/ports/template-repository.js';
import { createTemplate } from '../../../app/settings/templates/create-template.js';
import { deleteTemplate } from '../../../app/settings/templates/delete-template.js';
import { getTemplate } from '../../../app/settings/templates/get-template.js';
import { listTemplatesWithUse } from '../../../app/settings/templates/list-templates-with-use.js';
import {
  type PreviewTextField,
  previewTemplateTexts,
} from '../../../app/settings/templates/preview-template-texts.js';
import { setDefaultTemplate } from '../../../app/settings/templates/set-default-template.js';
import { updateTemplate } from '../../../app/settings/templates/update-template.js';
import { templateJson } from '../api-json.js';
import {
  templateCreateSchema,
  templateListSchema,
  templateParamsSchema,
  templatePatchSchema,
  templateSchema,
} from '../api-schemas.js';
import type { ApiV1Deps } from '../api-v1.deps.js';
import { type AnyOperation, defineOperation } from '../operation.js';
import { templatePreviewRequestSchema, templatePreviewSchema } from '../schemas/templates.schemas.js';

type TemplateFieldsJson = {
  name?: string | undefined;
  button_text?: string | undefined;
  backorder_message?: string | undefined;
  cart_message?: string | undefined;
  unavailable_message?: string | undefined;
  packing_slip_message?: string | undefined;
  threshold?: number | null | undefined;
  incoming_stock?: number | undefined;
  back_in_stock_date?: string | null | undefined;
};

function templateFields(body: TemplateFieldsJson): Partial<TemplateInput> {
  return {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.button_text === undefined ? {} : { buttonText: body.button_text }),
    ...(body.backorder_message === undefined ? {} : { backorderMessage: body.backorder_message }),
    ...(body.cart_message === undefined ? {} : { cartMessage: body.cart_message }),
    ...(body.unavailable_message === undefined ? {} : { unavailableMessage: body.unavailable_message }),
    ...(body.packing_slip_message === undefined ? {} : { packingSlipMessage: body.packing_slip_message }),
    ...(body.threshold === undefined ? {} : { threshold: body.threshold }),
    ...(body.incoming_stock === undefined ? {} : { incomingStock: body.incoming_stock }),
    ...(body.back_in_stock_date === undefined ? {} : { backInStockDate: body.back_in_stock_date }),
  };
}

const PREVIEW_FIELD_NAMES = {
  buttonText: 'button_text',
  backorderMessage: 'backorder_message',
  cartMessage: 'cart_message',
  unavailableMessage: 'unavailable_message',
  packingSlipMessage: 'packing_slip_message',
} as const satisfies Record<PreviewTextField, string>;

export function templateOperations(deps: ApiV1Deps): AnyOperation[] {
  const one = { 200: { description: 'The template.', schema: templateSchema } };
  return [
    defineOperation({
      operationId: 'listTemplates',
      method: 'GET',
      path: '/templates',
      tag: 'Templates',
      summary: 'List templates',
      access: 'store',
      responses: {
        200: {
          description: 'Every template of the store, by name, with how many products use it.',
          schema: templateListSchema,
        },
      },
      errors: [],
    }).handle(async ({ principal }) => ({
      status: 200,
      body: {
        data: (await listTemplatesWithUse(deps, { storeId: principal.storeId })).map((listed) => ({
          ...templateJson(listed.template),
          product_count: listed.productCount,
        })),
      },
    })),
    defineOperation({
      operationId: 'createTemplate',
      method: 'POST',
      path: '/templates',
      tag: 'Templates',
      summary: 'Create a template',
      description:
        'Texts may use the placeholders {back_in_stock_date}, {incoming_stock}, {remaining_units} and {backordered}; others are refused (TEMPLATE.UNKNOWN_PLACEHOLDER). A phrase in brackets with a placeholder, e.g. "[, expected {back_in_stock_date}]", is dropped when a placeholder in it is empty; brackets must pair up one level deep (TEMPLATE.UNBALANCED_SECTION). The store’s first template becomes its default.',
      access: 'store',
      body: templateCreateSchema,
      responses: { 201: { description: 'The new template.', schema: templateSchema } },
      errors: [400, 409, 422],
    }).handle(async ({ principal, body }) => {
      const result = await createTemplate(deps, {
        storeId: principal.storeId,
        template: { ...templateFields(body), name: body.name },
      });
      return result.ok ? { status: 201, body: templateJson(result.template) } : result;
    }),
    defineOperation({
      operationId: 'previewTemplateTexts',
      method: 'POST',
      path: '/templates/preview',
      tag: 'Templates',
      summary: 'Preview a template’s texts',
      description:
        'Renders texts, saved or not, for sample items exactly as the storefront (an item in backorder: button, message, cart message; an unavailable item: unavailable message) and the packing slip would, in the store’s locale and time zone. Null means nothing would be shown. A text a template could not be saved with is listed in problems (TEMPLATE.UNKNOWN_PLACEHOLDER, TEMPLATE.UNBALANCED_SECTION) and previewed as null. Changes nothing.',
      access: 'store',
      body: templatePreviewRequestSchema,
      responses: { 200: { description: 'The texts as they would read.', schema: templatePreviewSchema } },
      errors: [400, 404],
    }).handle(async ({ principal, body }) => {
      const result = await previewTemplateTexts(deps, {
        storeId: principal.storeId,
        texts: {
          ...(body.button_text === undefined ? {} : { buttonText: body.button_text }),
          ...(body.backorder_message === undefined ? {} : { backorderMessage: body.backorder_message }),
          ...(body.cart_message === undefined ? {} : { cartMessage: body.cart_message }),
          ...(body.unavailable_message === undefined ? {} : { unavailableMessage: body.unavailable_message }),
          ...(body.packing_slip_message === undefined
            ? {}
            : { packingSlipMessage: body.packing_slip_message }),
        },
        samples: body.samples.map((sample) => ({
          backInStockDate: sample.back_in_stock_date,
          incomingStock: sample.incoming_stock,
          threshold: sample.threshold,
          backordered: sample.backordered,
        })),
      });
      if (!result.ok) return result;
      return {
        status: 200,
        body: {
          locale: result.locale,
          time_zone: result.timeZone,
          problems: result.problems.map((problem) => ({
            field: PREVIEW_FIELD_NAMES[problem.field],
            code: problem.code,
            message: problem.message,
            placeholder: problem.placeholder,
          })),
          previews: result.previews.map((preview) => ({
            sample: {
              back_in_stock_date: preview.sample.backInStockDate,
              incoming_stock: preview.sample.incomingStock,
              threshold: preview.sample.threshold,
              backordered: preview.sample.backordered,
            },
            button_text: preview.buttonText,
            backorder_message: preview.backorderMessage,
            cart_message: preview.cartMessage,
            unavailable_message: preview.unavailableMessage,
            packing_slip_message: preview.packingSlipMessage,
            remaining_units: preview.remainingUnits,
          })),
        },
      };
    }),
    defineOperation({
      operationId: 'getTemplate',
      method: 'GET',
      path: '/templates/{template_id}',
      tag: 'Templates',
      summary: 'Get a template',
      access: 'store',
      params: templateParamsSchema,
      responses: one,
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await getTemplate(deps, { storeId: principal.storeId, templateId: params.template_id });
      return result.ok ? { status: 200, body: templateJson(result.template) } : result;
    }),
    defineOperation({
      operationId: 'updateTemplate',
      method: 'PATCH',
      path: '/templates/{template_id}',
      tag: 'Templates',
      summary: 'Change a template',
      description:
        'Products linked to it show its new texts at once; its stock defaults apply to products assigned from now on.',
      access: 'store',
      params: templateParamsSchema,
      body: templatePatchSchema,
      responses: one,
      errors: [400, 404, 409, 422],
    }).handle(async ({ principal, params, body }) => {
      const result = await updateTemplate(deps, {
        storeId: principal.storeId,
        templateId: params.template_id,
        patch: templateFields(body),
      });
      return result.ok ? { status: 200, body: templateJson(result.template) } : result;
    }),
    defineOperation({
      operationId: 'setDefaultTemplate',
      method: 'POST',
      path: '/templates/{template_id}/default',
      tag: 'Templates',
      summary: 'Make a template the default',
      access: 'store',
      params: templateParamsSchema,
      responses: one,
      errors: [400, 404],
    }).handle(async ({ principal, params }) => {
      const result = await setDefaultTemplate(deps, {
        storeId: principal.storeId,
        templateId: params.template_id,
      });
      return result.ok ? { status: 200, body: templateJson(result.template) } : result;
    }),
    defineOperation({
      operationId: 'deleteTemplate',
      method: 'DELETE',
      path: '/templates/{template_id}',
      tag: 'Templates',
      summary: 'Delete a template',
      description:
        'Refused for the default template (TEMPLATE.IS_DEFAULT) and one products use (TEMPLATE.IN_USE).',
      access: 'store',
      params: templateParamsSchema,
      responses: { 204: { description: 'Deleted.' } },
      errors: [400, 404, 409],
    }).handle(async ({ principal, params }) => {
      const result = await deleteTemplate(deps, {
        storeId: principal.storeId,
        templateId: params.template_id,
      });
      return result.ok ? { status: 204, body: undefined } : result;
    }),
  ];
}
