// Generates the cross-implementation fixtures: events signed by nostr-tools with random
// keys, one JSON object per line.
//
//   node make_vectors.mjs            -> ../fixtures/nostr_tools_events.ndjson (~50 edge cases)
//   node make_vectors.mjs --sample   -> ../../data/sample_events.ndjson (10 valid + 4 invalid)
//
// The C++ tests require every fixture event to parse and verify, so the ids nostr-tools
// computes (JSON.stringify escaping) and ours must agree on every case listed here.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';

const here = dirname(fileURLToPath(import.meta.url));
const NOW = 1732500000;

function sign(template) {
  return finalizeEvent({ created_at: NOW, kind: 1, tags: [], content: '', ...template }, generateSecretKey());
}

function range(n, f) {
  return Array.from({ length: n }, (_, i) => f(i));
}

const allControls = range(0x20, (c) => String.fromCharCode(c)).join('');
const hex = (i) => i.toString(16).padStart(64, '0');

// [label, template]; the label is documentation only.
const cases = [
  ['empty content', { content: '' }],
  ['plain ascii', { content: 'hello nostr' }],
  ['line feed', { content: 'a\nb' }],
  ['double quote', { content: 'say "hi"' }],
  ['backslash', { content: 'C:\\path\\to' }],
  ['carriage return', { content: 'a\r\nb' }],
  ['tab', { content: 'a\tb' }],
  ['backspace', { content: 'a\bb' }],
  ['form feed', { content: 'a\fb' }],
  ['every short escape', { content: '\n"\\\r\t\b\f' }],
  ['NUL', { content: 'before\u0000after' }],
  ['only NUL', { content: '\u0000' }],
  ['SOH and US', { content: '\u0001\u001f' }],
  ['vertical tab', { content: '\u000b' }],
  ['ESC', { content: '\u001b[31mred\u001b[0m' }],
  ['every control char', { content: allControls }],
  ['DEL is verbatim', { content: 'a\u007fb' }],
  ['U+2028 line separator', { content: 'a\u2028b' }],
  ['U+2029 paragraph separator', { content: 'a\u2029b' }],
  ['U+0085 next line', { content: 'a\u0085b' }],
  ['BOM', { content: '\ufeffbom' }],
  ['U+FFFF and U+FFFE', { content: '\uffff\ufffe' }],
  ['U+10FFFF', { content: '\u{10ffff}' }],
  ['emoji', { content: 'gm 😀🤙⚡' }],
  ['astral music symbol', { content: '𝄞 𝕬' }],
  ['flag', { content: '🇮🇹🇯🇵' }],
  ['ZWJ family', { content: '👨‍👩‍👧‍👦' }],
  ['combining marks', { content: 'e\u0301 a\u0308 Z\u0351\u0352\u0353' }],
  ['CJK and RTL', { content: '日本語 中文 한국어 العربية עברית' }],
  ['quotes and backslashes', { content: '\\"\\\\"\\u0000\\n' }],
  ['escape-looking text', { content: '\\u2028 \\ud83d\\ude00 \\/' }],
  ['slash and html', { content: '</script><b>&amp;</b> / \\/' }],
  ['JSON inside content', { content: JSON.stringify({ a: [1, '2', { b: null }], c: 'd"e' }) }],
  ['whitespace only', { content: '   \t  ' }],
  ['~70 KB content', { content: range(4000, (i) => `line ${i} é😀\n`).join('') }],
  ['empty tags', { tags: [] }],
  ['one empty tag', { tags: [[]] }],
  ['tag of empty strings', { tags: [[''], ['', '']] }],
  ['many tags', { tags: range(600, (i) => ['p', hex(i), 'wss://relay.example.com', 'mention']) }],
  ['tags with escapes', { tags: [['t', 'a\nb"c\\d\u0000\u2028😀'], ['e', hex(7), ''], ['x\u0001', '\u007f']] }],
  ['tag name unicode', { tags: [['🏷️', 'étiquette'], ['д', 'значение']] }],
  ['kind 0 metadata', { kind: 0, content: JSON.stringify({ name: 'bob', about: 'line\nbreak "q"', picture: 'https://x/y.png' }) }],
  ['kind 65535', { kind: 65535, content: 'max kind' }],
  ['kind 30166 with d tag', { kind: 30166, tags: [['d', 'wss://relay.example.com/'], ['n', 'clearnet'], ['rtt-open', '123']] }],
  ['kind 10002 relay list', { kind: 10002, tags: [['r', 'wss://a.example'], ['r', 'wss://b.example', 'read']] }],
  ['created_at 0', { created_at: 0 }],
  ['created_at year 2100', { created_at: 4102444800 }],
  ['created_at 2^53-1', { created_at: Number.MAX_SAFE_INTEGER }],
  ['created_at 2^32', { created_at: 4294967296 }],
  ['everything at once', {
    kind: 7, created_at: 1, content: `${allControls}\u2028\u2029😀"\\`,
    tags: [['e', hex(1)], [], ['t', allControls]],
  }],
];

function fixtureLines() {
  return cases.map(([, template]) => JSON.stringify(sign(template)));
}

function sampleLines() {
  const notes = [
    'gm nostr ☀️', 'Relays are just servers that store and forward events.', 'Zaps ⚡ and emoji 😀',
    'Multi-line\nnote with "quotes"', 'Tabs\tand backslashes \\o/',
  ];
  const valid = [
    ...notes.map((content, i) => sign({ created_at: NOW + i, content, tags: [['t', 'bigbrotr']] })),
    sign({ kind: 0, content: JSON.stringify({ name: 'alice', about: 'testing bigbrotr' }) }),
    sign({ kind: 10002, tags: [['r', 'wss://relay.damus.io'], ['r', 'wss://nos.lol', 'read']] }),
    sign({ kind: 30166, tags: [['d', 'wss://relay.example.com/'], ['n', 'clearnet'], ['rtt-open', '87']] }),
    sign({ kind: 7, content: '+', tags: [['e', hex(42)], ['p', hex(43)]] }),
    sign({ kind: 1, content: '', created_at: 0 }),
  ];
  const badSig = { ...sign({ content: 'my signature was tampered with' }) };
  badSig.sig = (badSig.sig[0] === '0' ? '1' : '0') + badSig.sig.slice(1);
  const wrongId = { ...sign({ content: 'original content' }), content: 'edited after signing' };
  const missingSig = { ...sign({ content: 'no signature' }) };
  delete missingSig.sig;
  const lines = valid.map((e) => JSON.stringify(e));
  lines.splice(3, 0, JSON.stringify(badSig));
  lines.splice(6, 0, 'this line is not JSON');
  lines.splice(9, 0, JSON.stringify(wrongId));
  lines.push(JSON.stringify(missingSig));
  return lines;
}

const sample = process.argv.includes('--sample');
const out = sample ? join(here, '..', '..', 'data', 'sample_events.ndjson')
  : join(here, '..', 'fixtures', 'nostr_tools_events.ndjson');
const lines = sample ? sampleLines() : fixtureLines();
writeFileSync(out, lines.join('\n') + '\n');
console.error(`wrote ${lines.length} lines to ${out}`);
