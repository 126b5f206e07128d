import { describe, expect, it } from 'vitest';
import {
  REEVALUATION_RUNNING_NOTE,
  reevaluationProgress,
  SWITCH_CONDITION_SAVE_NOTE,
  switchConditionSavedSentence,
} from '../../src/admin/screens/settings/switch-condition-words.js';

describe('the switch condition panel’s words (src/admin/screens/settings/switch-condition-words.ts)', () => {
  it('says the new S is saved and what is re-evaluated in the background', () => {
    expect(switchConditionSavedSentence(4, { total: 112_000 })).toBe(
      'Switch condition saved: 4. Re-evaluating 112,000 items in the background.',
    );
    expect(switchConditionSavedSentence(1, { total: 1 })).toBe(
      'Switch condition saved: 1. Re-evaluating 1 item in the background.',
    );
    expect(switchConditionSavedSentence(2, { total: 0 })).toBe(
      'Switch condition saved: 2. No item is assigned: nothing to re-evaluate.',
    );
    expect(switchConditionSavedSentence(2, null)).toContain('nothing to re-evaluate');
    expect(SWITCH_CONDITION_SAVE_NOTE).toContain('in the background');
    expect(REEVALUATION_RUNNING_NOTE).toContain('You can leave this page');
  });

  it('follows a re-evaluation: its progress while it runs, then how it ended', () => {
    const run = { switch_condition: 4, total: 112_000, done: 28_000, changed: 1_200 };
    expect(reevaluationProgress({ ...run, status: 'running' })).toEqual({
      heading: 'Re-evaluating items under the switch condition 4',
      summary: '28,000 of 112,000 items re-evaluated; 1,200 items changed so far.',
      percent: 25,
    });
    expect(reevaluationProgress({ ...run, status: 'running', changed: 0 })?.summary).toContain(
      'no item changed so far',
    );
    expect(reevaluationProgress({ ...run, status: 'done', done: 112_000 })).toEqual({
      heading: 'Switch condition 4 applied',
      summary: 'Done: 112,000 items re-evaluated; 1,200 items changed.',
      percent: 100,
    });
    expect(reevaluationProgress({ ...run, status: 'done', total: 1, done: 1, changed: 0 })?.summary).toBe(
      'Done: 1 item re-evaluated; no item changed status.',
    );
    expect(reevaluationProgress({ ...run, status: 'failed' })).toEqual({
      heading: 'The re-evaluation stopped',
      summary: 'It stopped after 28,000 of 112,000 items. Save the switch condition again to finish it.',
      percent: 25,
    });
    expect(reevaluationProgress({ ...run, status: 'superseded' })).toBeNull();
    // No item: done at once; more done than counted at the start (items assigned meanwhile): 100 %.
    expect(reevaluationProgress({ ...run, status: 'running', total: 0, done: 0 })?.percent).toBe(100);
    expect(reevaluationProgress({ ...run, status: 'running', total: 10, done: 12 })?.percent).toBe(100);
  });
});
