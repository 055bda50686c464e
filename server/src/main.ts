/**
 * Entry point of dist/server.js: creates the connection (stdio, as the extension and the benchmark start it, or
 * any transport vscode-languageserver reads from the command line) and starts the server.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageReader, type Connection } from 'vscode-languageserver/node';
import { BatchedMessageWriter } from './lsp/batchedWriter';
import { ObservedMessageReader } from './lsp/observedReader';
import { jsonEncoderWithSerializedResults } from './lsp/serializedResult';
import { compileRegularExpressionsOnce } from './regexpCompilation';
import { startServer } from './server';

function stdioConnection(reader: ObservedMessageReader): Connection {
  // The writer sends kept answers as the bytes made for them (see `SerializedResult`), and the messages of one turn
  // of the event loop together (see `BatchedMessageWriter`); the reader notes when the client last sent anything.
  const writer = new BatchedMessageWriter(process.stdout, jsonEncoderWithSerializedResults);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // The client gone without an `exit` notification (which ends the process itself), the server ends too, as with
  // the library's own stdio connection.
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(1));
  // stdout carries the protocol: what a dependency writes to the console goes to the client's log instead, as the
  // library's own stdio connection does.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  return connection;
}

compileRegularExpressionsOnce();
const reader = process.argv.includes('--stdio') ? new ObservedMessageReader(new StreamMessageReader(process.stdin)) : undefined;
const connection = reader ? stdioConnection(reader) : createConnection(ProposedFeatures.all);
// Whatever a file or a message does to one handler, the server goes on serving the others.
process.on('uncaughtException', (error) => connection.console.error(`Seed Corpus: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Seed Corpus: ${(reason as Error)?.stack ?? String(reason)}`));
startServer(connection, { lastMessageAt: reader && (() => reader.lastMessageAt) });
