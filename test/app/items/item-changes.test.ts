import { describeOnMemory } from '../../adapters/db/support/storage-targets.js';
import { itemChangesSuite } from './item-changes.suite.js';

/** On the in-memory storage; on SQLite and PostgreSQL in item-changes.integration.test.ts. */
describeOnMemory('item changes (edit, enable, disable, receive)', itemChangesSuite);
