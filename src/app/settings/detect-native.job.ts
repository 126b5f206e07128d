import { defineJob } from '../jobs/define-job.js';
import { type DetectNativeBackordersDeps, detectNativeBackorders } from './detect-native-backorders.js';

/**
 * `settings.detect-native`: checks and records the store's native backorders and locations. A store no
 * longer connected has nothing to check (the job ends); an outage fails the job, which is retried.
 */
export const detectNativeJob = (deps: DetectNativeBackordersDeps) =>
  defineJob('settings.detect-native', async ({ storeId }) => {
    await detectNativeBackorders(deps, { storeId });
  });
