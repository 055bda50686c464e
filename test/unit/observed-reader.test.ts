/**
 * The server's stdio reader (`lsp/observedReader.ts`) passes every message on as vscode-jsonrpc's reader gives it, and
 * notes when the last one came: the server sorts its timeline ahead of need only once the client has been quiet.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { ObservedMessageReader } from '../../server/src/lsp/observedReader';

const framed = (message: object) => {
  const content = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${content.byteLength}\r\n\r\n`, 'ascii'), content]);
};

test('messages pass through in order, and the time of the last one is noted', async () => {
  const stream = new PassThrough();
  const reader = new ObservedMessageReader(new StreamMessageReader(stream));
  assert.equal(reader.lastMessageAt, 0, 'nothing yet');
  const received: Message[] = [];
  let arrived!: () => void;
  const two = new Promise<void>((resolve) => (arrived = resolve));
  reader.listen((message) => {
    received.push(message);
    if (received.length === 2) arrived();
  });
  const before = performance.now();
  stream.write(Buffer.concat([framed({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { x: 'Zürich' } }), framed({ jsonrpc: '2.0', method: 'initialized', params: {} })]));
  await two;
  assert.deepEqual(received, [
    { jsonrpc: '2.0', id: 1, method: 'textDocument/hover', params: { x: 'Zürich' } },
    { jsonrpc: '2.0', method: 'initialized', params: {} },
  ]);
  assert.ok(reader.lastMessageAt >= before && reader.lastMessageAt <= performance.now(), 'noted when the messages came');
  reader.dispose();
});

test('errors and the end of the stream are reported as the wrapped reader reports them', async () => {
  const stream = new PassThrough();
  const reader = new ObservedMessageReader(new StreamMessageReader(stream));
  const closed = new Promise<void>((resolve) => reader.onClose(() => resolve()));
  const failed = new Promise<Error>((resolve) => reader.onError((error) => resolve(error)));
  reader.listen(() => assert.fail('no message'));
  stream.write('Content-Length: 5\r\n\r\n{oops');
  assert.match((await failed).message, /JSON|parse|Unexpected/i);
  stream.end();
  await closed;
  assert.equal(reader.lastMessageAt, 0, 'a message that could not be read is no message');
  reader.dispose();
});
