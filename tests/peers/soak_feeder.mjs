// Keeps loopback relays receiving new events, for bench/run_soak.sh: every relay gets one
// signed kind 1 event (nostr-tools, a fresh key per run) every `interval` ms, until
// `seconds` have passed. Reconnects a relay that drops (bounded by the run time). Prints
// how many events each relay accepted at the end.
//
//   node soak_feeder.mjs --seconds 3600 --interval 200 ws://127.0.0.1:4001 ws://127.0.0.1:4002
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import WebSocket from 'ws';

const args = process.argv.slice(2);
let seconds = 60;
let interval = 200;
const urls = [];
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (args[i] === '--interval') interval = Number(args[++i]);
  else urls.push(args[i]);
}
if (!(seconds > 0) || !(interval > 0) || urls.length === 0) {
  console.error('usage: soak_feeder.mjs --seconds S --interval MS ws://host:port ...');
  process.exit(2);
}
for (const url of urls) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    console.error(`soak_feeder: refusing ${url}: loopback relays only`);
    process.exit(2);
  }
}

const key = generateSecretKey();
const deadline = Date.now() + seconds * 1000;
const accepted = new Map(urls.map((url) => [url, 0]));
let counter = 0;

function feed(url) {
  if (Date.now() >= deadline) return;
  const socket = new WebSocket(url);
  let timer;
  socket.on('open', () => {
    timer = setInterval(() => {
      if (Date.now() >= deadline) {
        clearInterval(timer);
        socket.close();
        return;
      }
      const event = finalizeEvent(
        { kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: `soak ${++counter}` },
        key,
      );
      socket.send(JSON.stringify(['EVENT', event]));
    }, interval);
  });
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message[0] === 'OK' && message[2] === true) accepted.set(url, accepted.get(url) + 1);
  });
  socket.on('error', () => {});
  socket.on('close', () => {
    clearInterval(timer);
    if (Date.now() < deadline) setTimeout(() => feed(url), 1000);
  });
}

urls.forEach(feed);
setTimeout(() => {
  for (const [url, count] of accepted) console.log(`fed ${url} ${count}`);
  process.exit(0);
}, seconds * 1000 + 2000);
