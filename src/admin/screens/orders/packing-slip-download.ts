/** The packing slips' words (the download itself is `downloadFile`, src/admin/components/DownloadButton.tsx). */

/** What a button names when it prints these orders. */
export function printLabel(count: number): string {
  return count === 0 ? 'Print packing slips' : `Print ${count} packing slip${count === 1 ? '' : 's'}`;
}
