import { z } from 'zod';
import { SHEET_MEDIA_TYPES } from '../../../adapters/spreadsheets/spreadsheet-writer.js';
import { SHEET_FORMATS } from '../../../app/ports/sheet.js';
import { activityQuerySchema } from './activity.schemas.js';
import { ordersReportQuerySchema } from './orders.schemas.js';

/**
 * The shapes of the export operations (routes/exports.routes.ts): each takes the filters of the list it
 * exports, without paging, and the file's format.
 */

const format = z
  .enum(SHEET_FORMATS)
  .default('csv')
  .meta({ description: '`csv` (UTF-8 with a byte-order mark, CRLF) or `xlsx`; default `csv`.' });

/** The media types a file answer may have, as the OpenAPI document lists them. */
export const EXPORT_MEDIA_TYPES: readonly string[] = ['text/csv', SHEET_MEDIA_TYPES.xlsx];

export const itemsExportQuerySchema = z.strictObject({ format });

export const ordersExportQuerySchema = ordersReportQuerySchema.extend({ format });

export const activityExportQuerySchema = activityQuerySchema
  .omit({ limit: true, cursor: true })
  .extend({ format });
