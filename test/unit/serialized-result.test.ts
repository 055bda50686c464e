/**
 * Answers sent as JSON made ahead (`lsp/serializedResult.ts`): the stdio writer's encoder puts their bytes into the
 * response, and the message reads as if the value had been serialised with it; other messages are as JSON.stringify
 * makes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from 'vscode-languageserver/node';
import { jsonBytes, jsonEncoderWithSerializedResults, SerializedResult } from '../../server/src/lsp/serializedResult';

const utf8 = { charset: 'utf-8' as const };
const locations = [
  { uri: 'file:///corpus/z%C3%BCrich.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } } },
  { uri: 'file:///corpus/b.txt', range: { start: { line: 4, character: 2 }, end: { line: 4, character: 9 } } },
];
const definition = { uri: 'file:///corpus/entities.json', range: { start: { line: 9, character: 14 }, end: { line: 9, character: 21 } } };

async function sent(message: object): Promise<unknown> {
  return JSON.parse(Buffer.from(await jsonEncoderWithSerializedResults.encode(message as Message, utf8)).toString('utf8'));
}

test('a response whose result is serialised ahead reads as the response with that result', async () => {
  const json = jsonBytes(locations);
  for (const id of [7, 'req-“7”']) {
    assert.deepEqual(await sent({ jsonrpc: '2.0', id, result: new SerializedResult([json], () => locations) }), { jsonrpc: '2.0', id, result: locations });
  }
  // In pieces: the definition's array without its `]`, a comma, the kept array without its `[`.
  const pieces = [jsonBytes([definition]).subarray(0, -1), Buffer.from(','), json.subarray(1)];
  assert.deepEqual(await sent({ jsonrpc: '2.0', id: 8, result: new SerializedResult(pieces, () => [definition, ...locations]) }), { jsonrpc: '2.0', id: 8, result: [definition, ...locations] });
});

test('every other message is encoded as JSON.stringify writes it', async () => {
  const messages = [
    { jsonrpc: '2.0', id: 1, result: locations },
    { jsonrpc: '2.0', id: 2, result: null },
    { jsonrpc: '2.0', id: 3, error: { code: -32803, message: 'failed: “Zürich”' } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.txt', diagnostics: [] } },
  ];
  for (const message of messages) {
    const bytes = await jsonEncoderWithSerializedResults.encode(message as Message, utf8);
    assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(message));
  }
});

test('serialised any other way (another transport, another charset), the result is its value', async () => {
  const result = new SerializedResult([Buffer.from('["not what toJSON gives"]')], () => locations);
  assert.equal(JSON.stringify({ id: 1, result }), JSON.stringify({ id: 1, result: locations }));
  const ascii = await jsonEncoderWithSerializedResults.encode({ jsonrpc: '2.0', id: 1, result } as Message, { charset: 'ascii' });
  assert.deepEqual(JSON.parse(Buffer.from(ascii).toString('ascii')).result, locations);
});
