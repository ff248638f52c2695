// `npm run accuracy`: per-rule precision, recall and F1 on the labelled corpus, with every miss.
// Bundled to dist/accuracy.js; run from the package root (npm run sets the directory).
import { resolve } from 'node:path';
import { formatReport, measure } from '../test/accuracy/harness.js';

const corpus = resolve(process.argv[2] ?? 'test/corpus');
process.stdout.write(`${formatReport(measure(corpus))}\n`);
