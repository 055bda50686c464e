/** Entry point of dist/server.js: creates the connection (stdio or IPC, as the launcher chose) and starts the server. */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// Each heap may grow to a quarter more than it holds after a full collection, not V8's 1.1 to 4 times: a 10k cold
// index peaked some 30 MB lower (the server's thread and both analysis threads share the setting), no slower beyond
// this machine's noise. Set before the analysis threads start; V8 reads it at every collection.
setFlagsFromString('--heap-growing-percent=25');

const connection = createConnection(ProposedFeatures.all);
// Whatever a file or a message does to one handler, the server goes on serving the others.
process.on('uncaughtException', (error) => connection.console.error(`Seed Corpus: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Seed Corpus: ${(reason as Error)?.stack ?? String(reason)}`));
startServer(connection);
