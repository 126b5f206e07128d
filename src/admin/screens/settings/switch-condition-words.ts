import type { Reevaluation } from './settings-api.js';

/**
 * The words of the switch condition panel once S is saved: the re-evaluation of every assigned item
 * runs in the background (100,000 items take seconds), so the panel follows its progress.
 */

const number = new Intl.NumberFormat('en-US');

function items(n: number): string {
  return `${number.format(n)} item${n === 1 ? '' : 's'}`;
}

/** The note under the field: what saving does. */
export const SWITCH_CONDITION_SAVE_NOTE =
  'Saving a new number re-evaluates every assigned item in the background; its progress is shown here.';

/** Said once the new S is saved, before any item is looked at. */
export function switchConditionSavedSentence(
  s: number,
  reevaluation: Pick<Reevaluation, 'total'> | null,
): string {
  if (reevaluation === null || reevaluation.total === 0) {
    return `Switch condition saved: ${s}. No item is assigned: nothing to re-evaluate.`;
  }
  return `Switch condition saved: ${s}. Re-evaluating ${items(reevaluation.total)} in the background.`;
}

export interface ReevaluationWords {
  readonly heading: string;
  readonly summary: string;
  /** 0 to 100. */
  readonly percent: number;
}

/**
 * A re-evaluation's progress (or how it ended) in words, with its percent done; null for one a newer
 * switch condition superseded (the newer one is shown instead).
 */
export function reevaluationProgress(
  run: Pick<Reevaluation, 'switch_condition' | 'status' | 'total' | 'done' | 'changed'>,
): ReevaluationWords | null {
  const total = run.total;
  const done = Math.min(run.done, total);
  const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
  const changed = run.changed === 0 ? 'no item' : items(run.changed);
  switch (run.status) {
    case 'running':
      return {
        heading: `Re-evaluating items under the switch condition ${run.switch_condition}`,
        summary: `${number.format(done)} of ${items(total)} re-evaluated; ${changed} changed so far.`,
        percent,
      };
    case 'done':
      return {
        heading: `Switch condition ${run.switch_condition} applied`,
        summary: `Done: ${items(total)} re-evaluated; ${run.changed === 0 ? 'no item changed status' : `${items(run.changed)} changed`}.`,
        percent: 100,
      };
    case 'failed':
      return {
        heading: 'The re-evaluation stopped',
        summary: `It stopped after ${number.format(done)} of ${items(total)}. Save the switch condition again to finish it.`,
        percent,
      };
    case 'superseded':
      return null;
  }
}

/** Shown while a re-evaluation runs. */
export const REEVALUATION_RUNNING_NOTE =
  'You can leave this page: the re-evaluation goes on, and its progress is shown here when you come back.';
