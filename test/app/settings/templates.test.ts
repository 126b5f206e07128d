import { describeOnMemory } from '../../adapters/db/support/storage-targets.js';
import { templatesSuite } from './templates.suite.js';

/** On the in-memory storage; on SQLite and PostgreSQL in templates.integration.test.ts. */
describeOnMemory('templates', templatesSuite);
