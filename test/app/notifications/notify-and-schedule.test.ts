import { describeOnMemory } from '../../adapters/db/support/storage-targets.js';
import { notifyAndScheduleSuite } from './notify-and-schedule.suite.js';

/** On the in-memory storage; on SQLite and PostgreSQL in notify-and-schedule.integration.test.ts. */
describeOnMemory('notify() and the notifications.flush job', notifyAndScheduleSuite);
