import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * One figure of a benchmark as the runner (`bench/run-all.ts`) reads it: the value beside its baseline
 * from the same run, their ratio, and the goal it answers. `higherIsBetter` says which way the ratio
 * must go to meet a goal (calls per order: lower).
 */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly baselineLabel: string | null;
  /** value / baseline; null when there is no baseline. */
  readonly ratio: number | null;
  /** The goal in words, e.g. "≥ 50 % of raw"; null for a figure reported without a goal. */
  readonly goal: string | null;
  /** null when the figure has no goal. */
  readonly met: boolean | null;
  /** What the reader needs beside the number (sizes, conditions), short. */
  readonly note?: string;
}

export interface BenchResult {
  readonly bench: string;
  readonly figures: readonly BenchFigure[];
}

/** The value of `--json <file>` in this process's arguments, or undefined. */
export function jsonTarget(argv: readonly string[] = process.argv): string | undefined {
  const at = argv.indexOf('--json');
  if (at === -1) return undefined;
  const file = argv[at + 1];
  if (file === undefined || file.startsWith('--')) throw new Error('--json needs a file name');
  return file;
}

/**
 * Removes `--json <file>` from an argument list, for benches that parse their options strictly
 * (`parseArgs` refuses an option it does not know).
 */
export function withoutJson(argv: readonly string[]): string[] {
  const at = argv.indexOf('--json');
  return at === -1 ? [...argv] : [...argv.slice(0, at), ...argv.slice(at + 2)];
}

/** Writes the figures where `--json` says; nothing when it was not given. */
export function writeFigures(bench: string, figures: readonly BenchFigure[], file = jsonTarget()): void {
  if (file === undefined) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const result: BenchResult = { bench, figures };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

/** A figure against a baseline, with a goal on their ratio (`ratio ≥ atLeast` or `ratio ≤ atMost`). */
export function ratioFigure(input: {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  baselineLabel: string;
  goal?: { atLeast: number } | { atMost: number };
  goalText?: string;
  note?: string;
}): BenchFigure {
  const ratio = input.baseline === 0 ? null : input.value / input.baseline;
  const met =
    input.goal === undefined || ratio === null
      ? null
      : 'atLeast' in input.goal
        ? ratio >= input.goal.atLeast
        : ratio <= input.goal.atMost;
  return {
    name: input.name,
    value: input.value,
    unit: input.unit,
    baseline: input.baseline,
    baselineLabel: input.baselineLabel,
    ratio,
    goal: input.goalText ?? null,
    met,
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}

/** A figure with a goal on its own value (peak RSS ≤ 200 MB), and an optional baseline shown beside it. */
export function valueFigure(input: {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineLabel?: string;
  goal?: { atLeast: number } | { atMost: number };
  goalText?: string;
  note?: string;
}): BenchFigure {
  const met =
    input.goal === undefined
      ? null
      : 'atLeast' in input.goal
        ? input.value >= input.goal.atLeast
        : input.value <= input.goal.atMost;
  const baseline = input.baseline ?? null;
  return {
    name: input.name,
    value: input.value,
    unit: input.unit,
    baseline,
    baselineLabel: input.baselineLabel ?? null,
    ratio: baseline === null || baseline === 0 ? null : input.value / baseline,
    goal: input.goalText ?? null,
    met,
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}
