/** Entry point of dist/server.js: creates the connection (stdio or IPC, as the launcher chose) and starts the server. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// Whatever a file or a message does to one handler, the server goes on serving the others.
process.on('uncaughtException', (error) => connection.console.error(`Seed Corpus: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Seed Corpus: ${(reason as Error)?.stack ?? String(reason)}`));
startServer(connection);
