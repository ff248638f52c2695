// Preload (node --require) for PHI crash-path tests: String.prototype.toLowerCase, which the engine
// calls on every word it compares, throws an Error whose message holds the word whenever the word
// is one of the test's marker names. Whatever catches it must not print the message.

'use strict';
const toLowerCase = String.prototype.toLowerCase;
String.prototype.toLowerCase = function () {
  const text = String(this);
  if (/^(?:Zyxquorth|Vembledon)$/i.test(text)) throw new Error(`cannot lower-case "${text}" in a note about plumfrozzle`);
  return toLowerCase.call(this);
};
