import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE_QUOTA, estimateAssignment } from '../../../src/app/assignment/assignment-estimate.js';

describe('estimateAssignment', () => {
  it('counts reads of 250 and writes of 10 products, and their time at the store quota', () => {
    // The catalog: 50,000 products at BigCommerce's default quota (150 calls / 30 s).
    expect(estimateAssignment(50_000)).toEqual({
      products: 50_000,
      reads: 200,
      writes: 5_000,
      calls: 5_200,
      quota: DEFAULT_STORE_QUOTA,
      seconds: 1_040,
    });
    expect(estimateAssignment(301, { requests: 450, windowMs: 30_000 })).toMatchObject({
      reads: 2,
      writes: 31,
      calls: 33,
      seconds: 3,
    });
    expect(estimateAssignment(0)).toMatchObject({ calls: 0, seconds: 0 });
  });
});
