#!/usr/bin/env node
// Baseline for the benchmark: read and parse every Markdown file under the given folders with bare
// unified + remark-parse, in one process, one file after another (the CLI's process model). Walks
// folders like the CLI: *.md and *.markdown, skipping node_modules and hidden folders.
//
//   node bench/remark-baseline.mjs <folder...>      prints "files bytes" to stdout

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const processor = unified().use(remarkParse);
let files = 0;
let bytes = 0;
let nodes = 0;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
    } else if (entry.isFile() && /\.(?:md|markdown)$/i.test(entry.name)) {
      const text = readFileSync(full, 'utf8');
      const tree = processor.parse(text);
      nodes += tree.children.length; // keep the tree observable so the parse is not dead code
      files++;
      bytes += text.length;
    }
  }
}

for (const dir of process.argv.slice(2)) walk(dir);
process.stdout.write(`${files} ${bytes} ${nodes}\n`);
