// Preload (node --require) for the CLI worker tests: appends one line to $GROUPNOTE_WORKER_LOG for
// every worker thread the CLI starts. With GROUPNOTE_WORKER_CRASH=1, every worker thread throws
// an uncaught error once it has started, as a crashed thread would.

'use strict';
const { appendFileSync } = require('node:fs');
const threads = require('node:worker_threads');

if (threads.isMainThread) {
  const Original = threads.Worker;
  threads.Worker = class CountedWorker extends Original {
    constructor(...args) {
      super(...args);
      appendFileSync(process.env.GROUPNOTE_WORKER_LOG, 'worker\n');
    }
  };
} else if (process.env.GROUPNOTE_WORKER_CRASH === '1') {
  setTimeout(() => {
    throw new Error('worker crashed');
  }, 0);
}
