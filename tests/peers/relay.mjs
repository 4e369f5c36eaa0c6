// A Nostr relay we did not write, for the integration tests: @nostr-relay/core with its
// SQLite event repository (in memory) and its message validator, behind `ws`, on
// 127.0.0.1 only. NIP-11 is served by a small HTTP handler on the same port, since the
// package has none.
//
//   node relay.mjs [port]     port 0 (the default) lets the kernel pick a free one
//
// The first line on stdout is "listening <port>", written once connections are accepted;
// everything else goes to stderr. SIGTERM and SIGINT stop it cleanly.
import { createServer } from 'node:http';
import { NostrRelay } from '@nostr-relay/core';
import { EventRepositorySqlite } from '@nostr-relay/event-repository-sqlite';
import { Validator } from '@nostr-relay/validator';
import { WebSocketServer } from 'ws';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
const nip11 = {
  name: 'bigbrotr npm test relay',
  description: '@nostr-relay/core with an in-memory SQLite repository',
  software: 'https://github.com/CodyTseng/nostr-relay',
  supported_nips: [1, 11],
  limitation: { max_message_length: 1024 * 1024 },
};

const log = (level) => (message, ...args) => process.stderr.write(`[${level}] ${message} ${args.join(' ')}\n`);
const logger = { setLogLevel() {}, debug() {}, info: log('info'), warn: log('warn'), error: log('error') };

const repository = new EventRepositorySqlite(':memory:');
await repository.init();
const relay = new NostrRelay(repository, { logger });
const validator = new Validator();

const server = createServer((request, response) => {
  const headers = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' };
  if ((request.headers.accept ?? '').includes('application/nostr+json')) {
    response.writeHead(200, { ...headers, 'Content-Type': 'application/nostr+json' });
    response.end(JSON.stringify(nip11));
  } else {
    response.writeHead(200, { ...headers, 'Content-Type': 'text/plain' });
    response.end('npm test relay: connect with a Nostr client over WebSocket\n');
  }
});

const sockets = new WebSocketServer({ server, maxPayload: 1024 * 1024 });
sockets.on('connection', (ws) => {
  relay.handleConnection(ws, '127.0.0.1');
  ws.on('message', async (data) => {
    try {
      const message = await validator.validateIncomingMessage(data);
      await relay.handleMessage(ws, message);
    } catch (error) {
      ws.send(JSON.stringify(['NOTICE', error instanceof Error ? error.message : String(error)]));
    }
  });
  ws.on('close', () => relay.handleDisconnect(ws));
  ws.on('error', (error) => logger.warn('websocket error', error.message));
});

const stop = async () => {
  for (const ws of sockets.clients) ws.terminate();
  sockets.close();
  server.close();
  await relay.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
