/** A short, token-free description for logs and `last_error` columns, led by the error's stable code. */
export function describeError(error: unknown): string {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  const text =
    error instanceof Error
      ? `${typeof code === 'string' ? code : error.name}: ${error.message}`
      : String(error);
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}
