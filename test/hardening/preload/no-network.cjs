// Preload (node --require) for PHI tests: every way to open a network connection records the API
// in the file named by GROUPNOTE_NETLOG and throws, so a test can assert that nothing was tried.

'use strict';
const fs = require('node:fs');

const log = process.env.GROUPNOTE_NETLOG;
function blocked(api) {
  return function () {
    if (log) fs.appendFileSync(log, `${api}\n`);
    throw new Error(`groupnote-lint test: network access blocked (${api})`);
  };
}

const net = require('node:net');
const tls = require('node:tls');
const http = require('node:http');
const https = require('node:https');
const http2 = require('node:http2');
const dns = require('node:dns');
const dgram = require('node:dgram');

net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket.connect');
tls.connect = blocked('tls.connect');
http.request = blocked('http.request');
http.get = blocked('http.get');
https.request = blocked('https.request');
https.get = blocked('https.get');
http2.connect = blocked('http2.connect');
dns.lookup = blocked('dns.lookup');
dns.resolve = blocked('dns.resolve');
dns.promises.lookup = blocked('dns.promises.lookup');
dns.promises.resolve = blocked('dns.promises.resolve');
dgram.createSocket = blocked('dgram.createSocket');
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
