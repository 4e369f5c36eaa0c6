// Reads NDJSON Nostr events on stdin and prints, for each line in order, "ok" when
// nostr-tools' verifyEvent accepts it (id and BIP-340 signature) or "invalid" when it
// does not or the line is not a JSON object. Lines are split on "\n" only, so U+2028
// and U+2029 inside a line are data, as they are for bigbrotr.
import { verifyEvent } from 'nostr-tools/pure';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');
const lines = text.split('\n');
if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

const verdicts = lines.map((line) => {
  try {
    const event = JSON.parse(line);
    const wellFormed = event !== null && typeof event === 'object' && !Array.isArray(event) &&
      /^[0-9a-f]{64}$/.test(event.id) && /^[0-9a-f]{128}$/.test(event.sig);
    return wellFormed && verifyEvent(event) ? 'ok' : 'invalid';
  } catch {
    return 'invalid';
  }
});
process.stdout.write(verdicts.map((v) => v + '\n').join(''));
