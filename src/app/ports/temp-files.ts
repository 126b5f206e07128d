/**
 * Private temporary files: an upload is written to one before it is read (a spreadsheet is read as a
 * stream from a file, never held whole in memory), and removed when done.
 */
export interface TempFiles {
  /**
   * Writes the bytes to a new file only the app may read (0600, in a 0700 folder under the data
   * directory), hashing them as they pass. A failure while writing (the upload too large, cut off)
   * removes the file and rethrows.
   */
  save(bytes: AsyncIterable<Uint8Array>): Promise<TempFile>;
}

export interface TempFile {
  readonly path: string;
  readonly size: number;
  /** SHA-256 of the bytes, hex. */
  readonly sha256: string;
  /** Removes the file; removing it again is harmless. */
  remove(): Promise<void>;
}
