// The URIs the server writes for files (server/src/lsp/convert.ts): the direct form for plain paths is exactly
// what pathToFileURL gives, for any absolute path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { fileUri } from '../../server/src/lsp/convert';

const segment = fc.oneof(
  fc.stringMatching(/^[\w.-]{1,12}$/),
  fc.constantFrom('.', '..', '', ' ', '%20', '#1', 'a?b', 'ä', 'seed corpus', '~x', 'a\\b', '📷'),
  fc.string({ maxLength: 6 }),
);

test('fileUri equals pathToFileURL’s href for every absolute path', () => {
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (segments, trailingSlash) => {
      const file = `/${segments.join('/')}${trailingSlash ? '/' : ''}`;
      assert.equal(fileUri(file), pathToFileURL(file).href, file);
    }),
    { numRuns: 2000 },
  );
  assert.equal(fileUri('/tmp/seeds/000_ebeef4f3d678d313.txt'), 'file:///tmp/seeds/000_ebeef4f3d678d313.txt');
});
