// Placeholder of section A (import-parse builds the real one): UTF-8 CSV and XLSX, minimally.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import {
  type SpreadsheetReader,
  type SpreadsheetRow,
  type SpreadsheetRows,
  UnreadableSpreadsheet,
} from '../../app/ports/spreadsheet-reader.js';

export function createSpreadsheetReader(): SpreadsheetReader {
  return {
    read(path: string): SpreadsheetRows {
      let format: { format: 'csv' | 'xlsx'; encoding: string | null } | null = null;
      return {
        format: () => {
          if (format === null) throw new Error('Read a row first.');
          return format;
        },
        async *[Symbol.asyncIterator](): AsyncIterator<SpreadsheetRow> {
          const head = Buffer.alloc(4);
          const handle = await open(path, 'r');
          const { bytesRead } = await handle.read(head, 0, 4, 0);
          await handle.close();
          if (bytesRead === 0) throw new UnreadableSpreadsheet('IMPORT.EMPTY_FILE', 'The file is empty.');
          let any = false;
          if (head.toString('latin1') === 'PK\x03\x04') {
            format = { format: 'xlsx', encoding: null };
            const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
              worksheets: 'emit',
              sharedStrings: 'cache',
              hyperlinks: 'ignore',
              styles: 'cache',
            });
            for await (const sheet of reader) {
              for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
                const values = (row.values as unknown[]).slice(1).map((v) => cellOf(v));
                if (values.every((v) => v === null || v === '')) continue;
                any = true;
                yield { line: row.number, cells: values };
              }
              break;
            }
          } else {
            format = { format: 'csv', encoding: 'utf-8' };
            const parser = createReadStream(path).pipe(
              parse({ bom: true, relax_column_count: true, info: true, delimiter: [',', ';', '\t'] }),
            );
            for await (const record of parser as AsyncIterable<{
              record: string[];
              info: { lines: number };
            }>) {
              if (record.record.every((c) => c.trim() === '')) continue;
              any = true;
              yield { line: record.info.lines, cells: record.record };
            }
          }
          if (!any) throw new UnreadableSpreadsheet('IMPORT.EMPTY_FILE', 'The file has no rows.');
        },
      };
    },
  };
}

function cellOf(value: unknown): string | number | boolean | Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object' && 'result' in value) return cellOf((value as { result: unknown }).result);
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return String(value);
}
