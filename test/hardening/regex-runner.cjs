// Child process for regex-safety.test.ts: runs each collected regular expression against long
// adversarial inputs (fragments that nearly match, repeated tens of thousands of times) and
// prints "start <i>" and "done <i>" lines, so the parent can name a pattern that never finishes
// and kill this process. Usage: node regex-runner.cjs <regexes.json> <repeat> <max length> <shard> <shards>

'use strict';
const { readFileSync } = require('node:fs');

const [file, repeatArg, maxArg, shardArg, shardsArg] = process.argv.slice(2);
const regexes = JSON.parse(readFileSync(file, 'utf8'));
const REPEAT = Number(repeatArg) || 50000;
// Longer fragments are repeated until the input reaches this length instead.
const MAX_LENGTH = Number(maxArg) || 100000;
const SHARD = Number(shardArg) || 0;
const SHARDS = Number(shardsArg) || 1;

const GENERIC = [
  'a', 'A', ' ', '\t', '\n', '\r\n', '\r', '.', '-', '*', '**', '_', '#', '>', '- ', '1. ', '1', '1.', '1/', '1:', ':', '@', 'a.', 'a-', "a'",
  'A. ', 'Aa ', 'a ', '10/10 ', '(', '[', '<', '{', '"', '\u00a0', 'e\u0301', '😀', ', ', '0', '000-', 'x@x.',
];

/** Words of a pattern's own vocabulary, to build fragments that nearly match it. */
function vocabulary(source) {
  const words = source
    .replace(/\\[a-zA-Z]/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .match(/[A-Za-z][A-Za-z'-]{1,}/g);
  return [...new Set(words ?? [])].slice(0, 12);
}

function fragmentsFor(source) {
  const out = [...GENERIC];
  const words = vocabulary(source).slice(0, 8);
  words.forEach((w, i) => {
    const next = words[(i + 1) % words.length];
    out.push(`${w} `, `${w}:`, `**${w}`, `- ${w} 1.`, `${w} ${next} `, `${w[0].toUpperCase()}${w.slice(1)}\t`);
  });
  return out;
}

function inputsFor(fragment) {
  const times = Math.min(REPEAT, Math.max(1, Math.floor(MAX_LENGTH / fragment.length)));
  const body = fragment.repeat(times);
  // as is, and spoilt at the end so that a pattern needing a closing token never finds it
  return [body, `x${body}\u0000`];
}

function run(re, input) {
  if (re.global || re.sticky) {
    re.lastIndex = 0;
    let guard = 0;
    for (let m = re.exec(input); m; m = re.exec(input)) {
      if (m[0].length === 0) re.lastIndex++;
      if (++guard > input.length + 1) break;
    }
  } else {
    re.exec(input);
  }
}

for (let i = SHARD; i < regexes.length; i += SHARDS) {
  const { source, flags } = regexes[i];
  let re;
  try {
    re = new RegExp(source, flags);
  } catch {
    process.stdout.write(`skip ${i}\n`);
    continue;
  }
  process.stdout.write(`start ${i}\n`);
  const started = Date.now();
  for (const fragment of fragmentsFor(source)) {
    for (const input of inputsFor(fragment)) {
      process.stdout.write(`input ${i} ${JSON.stringify(fragment)}\n`);
      run(re, input);
    }
  }
  process.stdout.write(`done ${i} ${Date.now() - started}\n`);
}
process.stdout.write('all done\n');
