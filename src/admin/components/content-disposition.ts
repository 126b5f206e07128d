/**
 * The file name an answer's `Content-Disposition` gives: the exact name of `filename*=UTF-8''…`
 * (RFC 5987) when present, else the plain `filename="…"`; null when it names none. Pure (unit-tested
 * in test/admin/content-disposition.test.ts).
 */
export function fileNameOf(disposition: string | null): string | null {
  if (disposition === null) return null;
  const exact = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (exact !== null) {
    try {
      return withoutPath(decodeURIComponent(exact[1]!.trim()));
    } catch {
      // A malformed encoding: the plain name below still serves.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(disposition);
  if (plain === null) return null;
  const name = plain[1] === undefined ? plain[2]!.trim() : plain[1].replace(/\\(.)/g, '$1');
  return name === '' ? null : withoutPath(name);
}

/** A name, never a path: the browser saves into its downloads folder only. */
function withoutPath(name: string): string {
  return name.split(/[\\/]/).at(-1) ?? name;
}
