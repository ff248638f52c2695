#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is bundled to dist/cli.js by `npm run build` (run by `npm ci` via prepare).
require('../dist/cli.js');
