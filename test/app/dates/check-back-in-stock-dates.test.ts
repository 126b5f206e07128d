import { describeOnMemory } from '../../adapters/db/support/storage-targets.js';
import { backInStockDatesSuite } from './check-back-in-stock-dates.suite.js';

/** On the in-memory storage; on SQLite and PostgreSQL in check-back-in-stock-dates.integration.test.ts. */
describeOnMemory('Back-in-stock date check', backInStockDatesSuite);
