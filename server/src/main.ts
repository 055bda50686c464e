/** Entry point of dist/server.js: creates the connection (stdio or IPC, as the launcher chose) and starts the server. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
