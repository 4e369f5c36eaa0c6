// The relay page (#/relay/<percent-encoded url>): status with reason and message, uptime
// over 24 h / 7 d / 30 d, round trips, the RTT and daily-uptime charts drawn from the
// status history, claims contradicted by behaviour, TLS, location and ASN, and the latest
// document of every check (the NIP-11 document first).

import { api } from './api.js';
import { rttChart, uptimeChart, RTT_SERIES } from './charts.js';
import { errorBox } from './overview.js';
import {
  h, clear, fmtUptime, fmtTime, fmtMs, fmtInt, fmtDate, fmtRelativeDays, shortSoftware, statusBadge,
  statusName, CLAIM_TEXT, DASH, isPlainObject,
} from './util.js';

const CHECK_LABELS = {
  nip11_info: 'NIP-11 document',
  nip66_rtt: 'Round trips (latest probe)',
  nip66_ssl: 'TLS certificate',
  nip66_geo: 'Location',
  nip66_net: 'Network and ASN',
  nip66_dns: 'DNS',
  nip66_http: 'HTTP',
};

// Any JSON value as text or a nested key/value table (depth-limited).
function valueNode(value, depth = 0) {
  if (value === null || value === undefined) return h('span', { class: 'muted' }, 'null');
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return value.length ? h('span', {}, value.map((v) => String(v)).join(', ')) : h('span', { class: 'muted' }, '[]');
    }
    if (depth >= 2) return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
    return h('ol', { class: 'kv-list' }, value.map((v) => h('li', {}, valueNode(v, depth + 1))));
  }
  if (isPlainObject(value)) {
    if (depth >= 3) return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
    return kvTable(value, depth + 1);
  }
  if (typeof value === 'boolean') return h('span', { class: 'bool' }, String(value));
  return h('span', { class: 'text' }, String(value));
}

export function kvTable(obj, depth = 0, testid) {
  const keys = Object.keys(obj || {});
  if (!keys.length) return h('p', { class: 'muted' }, 'Empty document.');
  return h('table', { class: `kv kv-depth-${depth}`, testid },
    h('tbody', {}, keys.map((key) => h('tr', {},
      h('th', { scope: 'row' }, key),
      h('td', {}, valueNode(obj[key], depth))))));
}

function fact(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function uptimeCard(label, value, checks, key) {
  const grade = value === null || value === undefined ? 'none' : value >= 0.99 ? 'good' : value >= 0.9 ? 'fair' : 'poor';
  return h('div', { class: `stat uptime-card uptime-${grade}` },
    h('div', { class: 'stat-value', testid: `uptime-${key}` }, fmtUptime(value)),
    h('div', { class: 'stat-label' }, `uptime ${label}`),
    h('div', { class: 'stat-sub' }, checks === undefined || checks === null ? '' : `${fmtInt(checks)} checks`));
}

function dataOf(checks, type) {
  const check = checks && checks[type];
  return check && isPlainObject(check.data) ? check.data : null;
}

function streakText(relay) {
  if (relay.streak_since === null || relay.streak_since === undefined) return DASH;
  const what = relay.streak_alive === true || relay.streak_alive === 1 ? 'alive' : 'down';
  const n = relay.streak_checks;
  return `${what} since ${fmtTime(relay.streak_since)}${n ? ` (${fmtInt(n)} checks)` : ''}`;
}

function claimsPanel(claims) {
  const list = Array.isArray(claims) ? claims : [];
  return h('section', { class: 'panel' + (list.length ? ' panel-alert' : ''), testid: 'claims' },
    h('h3', {}, 'Claims against behaviour'),
    list.length
      ? h('ul', { class: 'claims' }, list.map((claim) => h('li', { class: 'claim' },
        h('code', {}, String(claim)), ': ', CLAIM_TEXT[claim] || 'a claim contradicted by what the checks saw')))
      : h('p', { class: 'muted' }, 'None: the NIP-11 document agrees with what the checks saw.'));
}

function infraPanel(relay, checks) {
  const ssl = dataOf(checks, 'nip66_ssl');
  const geo = dataOf(checks, 'nip66_geo');
  const net = dataOf(checks, 'nip66_net');
  const rows = [];
  if (ssl && ssl.ssl_expires !== undefined && ssl.ssl_expires !== null) {
    const soon = Number(ssl.ssl_expires) - Date.now() / 1000 < 14 * 86400;
    rows.push(fact('TLS expires', h('span', { class: soon ? 'warn' : '', testid: 'tls-expiry' },
      fmtTime(ssl.ssl_expires), ` (${fmtRelativeDays(ssl.ssl_expires)})`)));
  }
  if (ssl && ssl.ssl_valid !== undefined) rows.push(fact('TLS valid', h('span', { class: ssl.ssl_valid ? 'yes' : 'no' }, String(ssl.ssl_valid))));
  if (ssl && ssl.ssl_issuer) rows.push(fact('TLS issuer', String(ssl.ssl_issuer)));
  const place = [geo && geo.geo_city, (geo && geo.geo_country) || relay.country].filter(Boolean).map(String).join(', ');
  rows.push(fact('Location', h('span', { testid: 'location' }, place || DASH)));
  if (geo && Number.isFinite(geo.geo_lat) && Number.isFinite(geo.geo_lon)) {
    rows.push(fact('Coordinates', `${Number(geo.geo_lat).toFixed(2)}, ${Number(geo.geo_lon).toFixed(2)}`));
  }
  const asn = net && net.net_asn !== undefined && net.net_asn !== null ? `AS${net.net_asn}` : '';
  const asnText = [asn, net && net.net_asn_org ? String(net.net_asn_org) : ''].filter(Boolean).join(' ');
  rows.push(fact('ASN', h('span', { testid: 'asn' }, asnText || DASH)));
  if (net && net.net_ip) rows.push(fact('IP', String(net.net_ip)));
  return h('section', { class: 'panel' }, h('h3', {}, 'TLS, location and network'), h('dl', { class: 'facts' }, rows));
}

function rttPanel(relay, checks) {
  const latest = dataOf(checks, 'nip66_rtt') || {};
  const row = (label, key) => h('tr', {},
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, fmtMs(relay[`rtt_${key}_p50`])),
    h('td', { class: 'num' }, fmtMs(relay[`rtt_${key}_p90`])),
    h('td', { class: 'num' }, fmtMs(latest[`rtt_${key}`])));
  return h('section', { class: 'panel' }, h('h3', {}, 'Round trips'),
    h('table', { class: 'mini', testid: 'rtt-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'phase'), h('th', { class: 'num' }, 'p50 24 h'), h('th', { class: 'num' }, 'p90 24 h'), h('th', { class: 'num' }, 'latest'))),
      h('tbody', {}, row('open', 'open'), row('read', 'read'), row('write', 'write'))));
}

function chartsSection(url, host) {
  const rttBox = h('div', { class: 'chart-box', testid: 'rtt-chart-box' }, h('p', { class: 'muted' }, 'Loading the status history\u2026'));
  const upBox = h('div', { class: 'chart-box', testid: 'uptime-chart-box' });
  const legend = h('ul', { class: 'legend' }, RTT_SERIES.map((serie) => h('li', {}, h('span', { class: `swatch ${serie.cls}` }), serie.label)));
  const upLegend = h('ul', { class: 'legend' },
    [['bar-up', 'up'], ['bar-restricted', 'restricted'], ['bar-down', 'down'], ['bar-none', 'no checks']]
      .map(([cls, label]) => h('li', {}, h('span', { class: `swatch ${cls}` }), label)));
  const note = h('p', { class: 'muted small' });
  host.append(
    h('section', { class: 'panel chart-panel' }, h('h3', {}, 'Round-trip time'), legend, rttBox),
    h('section', { class: 'panel chart-panel' }, h('h3', {}, 'Daily uptime (UTC days)'), upLegend, upBox, note));

  api.history(url, {}).then((body) => {
    const points = (Array.isArray(body.data) ? body.data : []).filter((p) => p && Number.isFinite(Number(p.checked_at)));
    const meta = body.meta || {};
    const until = Number(meta.until) || (points.length ? points[points.length - 1].checked_at : Date.now() / 1000);
    const since = Number(meta.since) || (points.length ? points[0].checked_at : until - 30 * 86400);
    clear(rttBox);
    clear(upBox);
    if (!points.length) {
      rttBox.appendChild(h('div', { class: 'notice', testid: 'history-empty' }, 'No checks recorded from ', fmtTime(since), ' to ', fmtTime(until), '.'));
      upBox.appendChild(h('p', { class: 'muted' }, 'No checks, so no uptime to draw.'));
      return;
    }
    const width = Math.max(480, Math.floor(rttBox.clientWidth || 800));
    const rtt = rttChart(points, since, until, width);
    rtt.setAttribute('data-testid', 'rtt-chart');
    rttBox.appendChild(rtt);
    const up = uptimeChart(points, since, until, width);
    up.setAttribute('data-testid', 'uptime-chart');
    upBox.appendChild(up);
    note.textContent = `${fmtInt(points.length)} checks from ${fmtTime(points[0].checked_at)} to ${fmtTime(points[points.length - 1].checked_at)}`
      + (Number(meta.count) > points.length ? ` (${fmtInt(meta.count)} in the window).` : '.')
      + ' Hover a bar for its figures.';
  }).catch((err) => {
    clear(rttBox).appendChild(errorBox('The status history could not be loaded:', err));
    clear(upBox);
  });
}

function checksSection(checks) {
  const types = Object.keys(checks || {}).filter((type) => isPlainObject(checks[type]));
  const order = (t) => (t === 'nip11_info' ? 0 : 1);
  types.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const nip11 = checks && checks.nip11_info;
  const main = h('section', { class: 'panel', testid: 'nip11' }, h('h3', {}, 'NIP-11 document'),
    nip11 && isPlainObject(nip11.data)
      ? [h('p', { class: 'muted small' }, 'Fetched ', fmtTime(nip11.generated_at)), kvTable(nip11.data, 0, 'nip11-table')]
      : h('p', { class: 'muted' }, 'No NIP-11 document has been fetched.'));
  const others = types.filter((t) => t !== 'nip11_info').map((type) => h('details', { class: 'check', testid: `check-${type}` },
    h('summary', {}, CHECK_LABELS[type] || type, h('span', { class: 'muted small' }, ` \u00b7 ${type} \u00b7 ${fmtTime(checks[type].generated_at)}`)),
    isPlainObject(checks[type].data) ? kvTable(checks[type].data) : valueNode(checks[type].data)));
  return [main, others.length ? h('section', { class: 'panel' }, h('h3', {}, 'Other checks (latest of each)'), others) : null];
}

export function relayView(url) {
  const body = h('div', { class: 'relay-body', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the relay\u2026'));
  const node = h('div', { class: 'relay-page' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '\u2190 All relays')),
    h('h1', { class: 'relay-url', testid: 'relay-url' }, url),
    body);

  api.relay(url).then((res) => {
    const relay = (res.data && res.data.relay) || {};
    const checks = (res.data && res.data.checks) || {};
    clear(body);
    const status = statusName(relay.status);
    const head = h('section', { class: `relay-head head-${status}` },
      h('div', { class: 'head-status' },
        statusBadge(relay.status),
        relay.reason ? h('code', { class: 'reason', testid: 'relay-reason' }, String(relay.reason)) : null,
        relay.name ? h('span', { class: 'relay-name big', testid: 'relay-name' }, String(relay.name)) : null),
      relay.message
        ? h('blockquote', { class: 'message', testid: 'relay-message' }, String(relay.message))
        : (status === 'unchecked' ? h('p', { class: 'muted' }, 'This relay has not been checked yet.') : null));

    const facts = h('dl', { class: 'facts facts-wide' },
      fact('Network', relay.network ? String(relay.network) : DASH),
      fact('Software', relay.software ? h('span', { title: String(relay.software) }, shortSoftware(relay.software)) : DASH,
        relay.version ? h('span', { class: 'muted' }, ' ' + String(relay.version)) : null),
      fact('Checked', fmtTime(relay.checked_at)),
      fact('Last up', fmtTime(relay.last_up_at)),
      fact('Current run', streakText(relay)),
      fact('Discovered', fmtDate(relay.discovered_at)),
      fact('Requirements', (relay.requirements || []).length
        ? (relay.requirements || []).map((r) => h('span', { class: 'tag tag-req' }, String(r))) : 'none seen'),
      fact('NIPs', (relay.supported_nips || []).length ? (relay.supported_nips || []).map(String).join(', ') : DASH));

    const uptime = h('div', { class: 'stats uptimes' },
      uptimeCard('24 h', relay.uptime_24h, relay.checks_24h, '24h'),
      uptimeCard('7 d', relay.uptime_7d, relay.checks_7d, '7d'),
      uptimeCard('30 d', relay.uptime_30d, relay.checks_30d, '30d'));

    const charts = h('div', { class: 'charts' });
    body.append(head, uptime, claimsPanel(relay.claims),
      h('div', { class: 'panels panels-2' },
        h('section', { class: 'panel' }, h('h3', {}, 'Relay'), facts),
        h('div', { class: 'stack' }, rttPanel(relay, checks), infraPanel(relay, checks))),
      charts,
      ...checksSection(checks).filter(Boolean));
    body.removeAttribute('aria-busy');
    chartsSection(url, charts);
  }).catch((err) => {
    clear(body);
    body.removeAttribute('aria-busy');
    if (err && err.status === 404) {
      body.appendChild(h('div', { class: 'notice notice-error', role: 'alert', testid: 'error' },
        h('strong', {}, 'Relay not found. '), 'This observatory knows no relay with the URL ', h('code', {}, url), '.'));
    } else {
      body.appendChild(errorBox('The relay could not be loaded:', err));
    }
  });
  return { node, title: url };
}
