/**
 * Preloaded (`node --import`) into an app process a test starts: the test holds this process's stdin
 * open, and when the test's process ends — however it ends, a crash or SIGKILL included — the pipe
 * closes and this process shuts down as on SIGTERM (or dies writing to its output, whose reader is gone),
 * so no instance outlives its test. Nothing in src/ knows about it.
 */
const parent = process.stdin;
parent.on('end', () => process.kill(process.pid, 'SIGTERM'));
parent.on('error', () => process.kill(process.pid, 'SIGTERM'));
parent.resume();
// Watching the pipe must not keep the process alive after the app has shut down.
parent.unref();
