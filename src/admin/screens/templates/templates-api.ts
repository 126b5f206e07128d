import { keepPreviousData } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import { useApiMutation, useApiQuery } from '../../api/use-api.js';
import type { components, paths } from '../../api/v1.js';

/** The Templates screen's server state: the templates, their changes, and the texts' live preview. */
export type Template = components['schemas']['Template'];
/** A template as the list gives it, with how many products use it. */
export type ListedTemplate = components['schemas']['ListedTemplate'];
export type TemplateBody = NonNullable<
  paths['/templates']['post']['requestBody']
>['content']['application/json'];
export type TemplatePatch = NonNullable<
  paths['/templates/{template_id}']['patch']['requestBody']
>['content']['application/json'];
export type PreviewRequest = NonNullable<
  paths['/templates/preview']['post']['requestBody']
>['content']['application/json'];
export type TemplatePreview = components['schemas']['TemplatePreview'];
export type PreviewProblem = TemplatePreview['problems'][number];
export type PreviewTextField = PreviewProblem['field'];

/** Opening the list reads it again (showing the last one meanwhile): templates change through the API too. */
export function useTemplates() {
  return useApiQuery(queryKeys.templates(), (api, signal) => api.GET('/templates', { signal }), {
    refetchOnMount: 'always',
  });
}

export function useTemplate(templateId: number) {
  return useApiQuery(queryKeys.templates({ id: templateId }), (api, signal) =>
    api.GET('/templates/{template_id}', { params: { path: { template_id: templateId } }, signal }),
  );
}

export function useCreateTemplate() {
  return useApiMutation((api, body: TemplateBody) => api.POST('/templates', { body }), {
    invalidates: [queryKeys.templates()],
  });
}

export function useUpdateTemplate(templateId: number) {
  return useApiMutation(
    (api, patch: TemplatePatch) =>
      api.PATCH('/templates/{template_id}', { params: { path: { template_id: templateId } }, body: patch }),
    { invalidates: [queryKeys.templates()] },
  );
}

export function useSetDefaultTemplate() {
  return useApiMutation(
    (api, templateId: number) =>
      api.POST('/templates/{template_id}/default', { params: { path: { template_id: templateId } } }),
    { invalidates: [queryKeys.templates()] },
  );
}

export function useDeleteTemplate() {
  return useApiMutation(
    (api, templateId: number) =>
      api.DELETE('/templates/{template_id}', { params: { path: { template_id: templateId } } }),
    { invalidates: [queryKeys.templates()] },
  );
}

/**
 * The texts as the storefront and packing slip would show them, for the request's sample items. The
 * request is the query's key: the caller debounces it, and the last preview stays on screen while the
 * next one loads.
 */
export function useTemplatePreview(request: PreviewRequest) {
  return useApiQuery(
    queryKeys.templates({ preview: request }),
    (api, signal) => api.POST('/templates/preview', { body: request, signal }),
    { placeholderData: keepPreviousData, staleTime: 60_000 },
  );
}
