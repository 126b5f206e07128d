import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, renderStateMachineDoc, testsByRule } from '../../scripts/state-machine-doc.js';
import { RULEBOOK } from '../../src/core/rulebook.js';

describe('docs/state-machine.md', () => {
  it('is generated from the rule tables (run `npm run docs:state-machine` when this fails)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderStateMachineDoc(process.cwd()));
  });

  it('names at least one test for every rule of the rulebook', () => {
    const tests = testsByRule(process.cwd());
    const untested = RULEBOOK.filter((r) => (tests.get(r.id) ?? []).length === 0).map((r) => r.id);
    expect(untested).toEqual([]);
  });
});
