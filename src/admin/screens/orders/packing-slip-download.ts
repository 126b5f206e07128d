/**
 * Packing slips are PDFs answered by the API as attachments. The admin session's token is not a cookie,
 * so a plain link cannot fetch them: the screen fetches the file with the session, then hands it to the
 * browser as a download (pure helpers here; the fetching is in packing-slips-api.ts).
 */

/** The name the server gave the file (`Content-Disposition`), the exact UTF-8 form first. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  if (contentDisposition === null) return fallback;
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition);
  if (exact !== null) {
    try {
      return decodeURIComponent(exact[1]!.trim());
    } catch {
      // A malformed escape: the plain name below will do.
    }
  }
  const plain = /filename="([^"]*)"/i.exec(contentDisposition);
  return plain === null || plain[1] === '' ? fallback : plain[1]!;
}

/** What a button names when it prints these orders. */
export function printLabel(count: number): string {
  return count === 0 ? 'Print packing slips' : `Print ${count} packing slip${count === 1 ? '' : 's'}`;
}
