import { defineJob } from '../jobs/define-job.js';
import {
  type CheckBackInStockDatesDeps,
  type CheckBackInStockDatesOptions,
  checkBackInStockDates,
} from './check-back-in-stock-dates.js';

/** The periodic `dates.check` job: applies back-in-stock dates of stores whose local day has begun. */
export const datesCheckJob = (deps: CheckBackInStockDatesDeps, options: CheckBackInStockDatesOptions = {}) =>
  defineJob('dates.check', async () => {
    await checkBackInStockDates(deps, options);
  });
