// DOM building and number/time formatting. Every piece of text goes in through
// document.createTextNode or textContent: relay names, messages and NIP-11 fields are
// hostile input, so nothing here ever assigns innerHTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.setAttribute('class', value);
    else if (key === 'testid') node.setAttribute('data-testid', value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

// h('a', {href: '#/'}, 'text', child, [more]) -> an HTML element.
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

// s('rect', {x: 1}) -> an SVG element.
export function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export const DASH = '\u2014';

// 0.9523 -> "95.2%", null -> "—". Halves round up (0.1235 -> "12.4%"); a share below 1
// never shows as "100.0%" (0.9996 -> "99.9%"), nor one above 0 as "0.0%".
export function fmtUptime(value) {
  if (value === null || value === undefined || value === '' || !Number.isFinite(Number(value))) return DASH;
  const v = Number(value);
  let tenths = Math.round(v * 1000 + 1e-9);
  if (v < 1 && tenths >= 1000) tenths = 999;
  if (v > 0 && tenths <= 0) tenths = 1;
  return (tenths / 10).toFixed(1) + '%';
}

// unix seconds -> "2026-12-07 19:34 UTC", null -> "—".
export function fmtTime(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(Number(seconds))) return DASH;
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return iso.slice(0, 10) + ' ' + iso.slice(11, 16) + ' UTC';
}

export function fmtDate(seconds) {
  if (seconds === null || seconds === undefined) return DASH;
  return new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
}

export function fmtMs(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return DASH;
  return Math.round(Number(value)) + ' ms';
}

export function fmtInt(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return DASH;
  return Number(value).toLocaleString('en-US');
}

// "in 3 days" / "5 days ago" relative to now.
export function fmtRelativeDays(seconds, nowSeconds = Date.now() / 1000) {
  const days = Math.round((Number(seconds) - nowSeconds) / 86400);
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}

// "git+https://github.com/hoytech/strfry.git" -> "strfry".
export function shortSoftware(software) {
  if (!software) return DASH;
  const text = String(software);
  const match = text.match(/([^/:]+?)(?:\.git)?\/?$/);
  return match && match[1] ? match[1] : text;
}

export function statusName(status) {
  return status === 'up' || status === 'restricted' || status === 'down' ? status : 'unchecked';
}

// A coloured badge: up green, restricted amber, down red, unchecked grey.
export function statusBadge(status, testid = 'relay-status') {
  const name = statusName(status);
  return h('span', { class: `badge badge-${name}`, testid }, name);
}

export const CLAIM_TEXT = {
  nip11_unreachable: 'NIP-11 document could not be fetched while the WebSocket answered',
  auth_undeclared: 'demanded AUTH though its NIP-11 document does not say auth_required',
  payment_undeclared: 'demanded payment though its NIP-11 document does not say payment_required',
  pow_undeclared: 'demanded proof of work though its NIP-11 document sets no min_pow_difficulty',
  auth_not_enforced: 'served without any AUTH challenge though its NIP-11 document says auth_required',
};

export function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
