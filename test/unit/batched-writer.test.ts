/**
 * The server's stdio writer (`lsp/batchedWriter.ts`): the messages of one turn of the event loop go out in one
 * batch, in order, each framed as vscode-jsonrpc's reader expects; an answer serialised ahead keeps its bytes; a
 * message that cannot be encoded, and a stream that fails or closes, are reported as the library's writer does.
 */
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { StreamMessageReader, type ContentTypeEncoder, type Message } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from '../../server/src/lsp/batchedWriter';
import { jsonBytes, jsonEncoderWithSerializedResults, SerializedResult } from '../../server/src/lsp/serializedResult';

/** A stream that records each batch it is handed: one chunk a write, or all the chunks corked together. */
function recordingStream(): { stream: Writable; batches: Buffer[][] } {
  const batches: Buffer[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      batches.push([chunk]);
      done();
    },
    writev(chunks, done) {
      batches.push(chunks.map(({ chunk }) => chunk as Buffer));
      done();
    },
  });
  return { stream, batches };
}

const notification = (n: number): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: `file:///c/${n}.txt`, diagnostics: [{ message: `Zürich ${n}` }] } }) as Message;

test('the messages of one turn go out in one batch, in order, and read back as they were', async () => {
  const { stream, batches } = recordingStream();
  const writer = new BatchedMessageWriter(stream, jsonEncoderWithSerializedResults);
  const messages = [1, 2, 3, 4, 5].map(notification);
  await Promise.all(messages.map((message) => writer.write(message)));
  assert.equal(batches.length, 0, 'nothing is written before the turn ends');
  await nextTurn();
  assert.equal(batches.length, 1, 'one batch');
  assert.equal(batches[0].length, 10, 'a header and a content per message');
  // A later turn's message is a batch of its own.
  await writer.write(notification(6));
  await nextTurn();
  assert.equal(batches.length, 2);

  const input = new PassThrough();
  const read: Message[] = [];
  const reader = new StreamMessageReader(input);
  reader.listen((message) => read.push(message));
  input.end(Buffer.concat(batches.flat()));
  await new Promise<void>((resolve) => input.on('end', resolve));
  await nextTurn();
  assert.deepEqual(read, [...messages, notification(6)]);
  reader.dispose();
});

test('an answer serialised ahead is written with its bytes as they are', async () => {
  const { stream, batches } = recordingStream();
  const writer = new BatchedMessageWriter(stream, jsonEncoderWithSerializedResults);
  const locations = [{ uri: 'file:///c/z%C3%BCrich.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } } }];
  await writer.write({ jsonrpc: '2.0', id: 7, result: new SerializedResult([jsonBytes(locations)], () => locations) } as Message);
  await nextTurn();
  const written = Buffer.concat(batches.flat()).toString('utf8');
  const content = JSON.stringify({ jsonrpc: '2.0', id: 7, result: locations });
  assert.equal(written, `Content-Length: ${Buffer.byteLength(content)}\r\n\r\n${content}`);
});

test('a message that cannot be encoded is reported and rejected; the others are written', async () => {
  const { stream, batches } = recordingStream();
  const failing: ContentTypeEncoder = {
    name: 'application/json',
    encode: (message) => ((message as { method?: string }).method === 'bad' ? Promise.reject(new Error('cannot encode')) : jsonEncoderWithSerializedResults.encode(message, { charset: 'utf-8' })),
  };
  const writer = new BatchedMessageWriter(stream, failing);
  const errors: unknown[] = [];
  writer.onError(([error, message, count]) => errors.push([error.message, (message as { method?: string }).method, count]));
  await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'bad' } as Message), /cannot encode/);
  await writer.write(notification(1));
  await nextTurn();
  assert.deepEqual(errors, [['cannot encode', 'bad', 1]]);
  assert.equal(batches.flat().length, 2, 'the good message alone');
});

test('a failing or closing stream is reported', async () => {
  const { stream } = recordingStream();
  const writer = new BatchedMessageWriter(stream, jsonEncoderWithSerializedResults);
  const errors: string[] = [];
  let closed = 0;
  writer.onError(([error]) => errors.push(error.message));
  writer.onClose(() => closed++);
  stream.emit('error', new Error('EPIPE'));
  stream.emit('close');
  assert.deepEqual(errors, ['EPIPE']);
  assert.equal(closed, 1);
});
