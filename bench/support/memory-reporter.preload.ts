/**
 * Preloaded (`node --import`) into an app process a benchmark starts with an IPC channel: answers
 * `'memory?'` with the process's own memory — its RSS now and its lifetime peak (`maxRSS`) — so a bench
 * that runs the sandbox in its own process can report the app's peak alone. Nothing in src/ knows about it.
 */
export interface MemoryAnswer {
  readonly rss: number;
  /** `process.resourceUsage().maxRSS`, in bytes (Node gives kilobytes). */
  readonly maxRss: number;
  readonly heapUsed: number;
}

export const MEMORY_QUESTION = 'memory?';

if (process.send !== undefined) {
  process.on('message', (message) => {
    if (message !== MEMORY_QUESTION) return;
    const answer: MemoryAnswer = {
      rss: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      heapUsed: process.memoryUsage().heapUsed,
    };
    process.send?.(answer);
  });
  // Listening for the question must not keep the process alive after the app has shut down.
  process.channel?.unref();
}
