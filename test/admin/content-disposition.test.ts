import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../src/admin/components/content-disposition.js';
import { attachment } from '../../src/http/api-v1/operation.js';

describe('the file name of a download', () => {
  it('reads the exact name the API sends, accents and quotes included', () => {
    for (const name of ['backorder-items-2026-03-10.csv', 'Bestände "März".xlsx', 'a;b.csv']) {
      expect(fileNameOf(attachment(name))).toBe(name);
    }
  });

  it('falls back to the plain name, and to null when there is none', () => {
    expect(fileNameOf('attachment; filename="report.csv"')).toBe('report.csv');
    expect(fileNameOf('attachment; filename=report.csv')).toBe('report.csv');
    expect(fileNameOf(`attachment; filename="plain.csv"; filename*=UTF-8''%E0%A4%A`)).toBe('plain.csv');
    expect(fileNameOf('attachment')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });

  it('never gives a path', () => {
    expect(fileNameOf(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`)).toBe('passwd');
    expect(fileNameOf('attachment; filename="C:\\\\temp\\\\x.csv"')).toBe('x.csv');
  });
});
