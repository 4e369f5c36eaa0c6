// The first page: the network at a glance (GET /stats) and the relay table
// (GET /relays) with search, sort, filters and paging. The table's state lives in the
// hash (#/?q=…&status=…&sort=…&offset=…) so a filtered view can be linked and reloaded.

import { api, ApiError } from './api.js';
import {
  h, clear, fmtUptime, fmtTime, fmtMs, fmtInt, shortSoftware, statusBadge, statusName, CLAIM_TEXT, DASH,
} from './util.js';

export const FILTER_KEYS = ['q', 'status', 'network', 'software', 'nip', 'country', 'requirement'];
export const PAGE_SIZES = [25, 50, 100, 200];
const DEFAULT_SORT = 'uptime_30d:desc';
const DEFAULT_LIMIT = 50;

const NETWORKS = ['clearnet', 'tor', 'i2p', 'loki', 'local'];
const STATUSES = ['up', 'restricted', 'down'];
const REQUIREMENTS = ['auth', 'payment', 'pow', 'writes'];

// Columns of the relay table; `sort` names the API's sort key, `first` its first direction.
const COLUMNS = [
  { label: 'Status' },
  { label: 'Relay', sort: 'relay_url', first: 'asc' },
  { label: 'Network' },
  { label: 'Software' },
  { label: 'Country' },
  { label: 'Up 24 h', sort: 'uptime_24h', first: 'desc', num: true },
  { label: 'Up 7 d', sort: 'uptime_7d', first: 'desc', num: true },
  { label: 'Up 30 d', sort: 'uptime_30d', first: 'desc', num: true },
  { label: 'Open p50', sort: 'rtt_open_p50', first: 'asc', num: true },
  { label: 'Read p50', sort: 'rtt_read_p50', first: 'asc', num: true },
  { label: 'Last up', sort: 'last_up_at', first: 'desc' },
  { label: 'Checked', sort: 'checked_at', first: 'desc' },
];

export function relayHref(url) {
  return '#/relay/' + encodeURIComponent(url);
}

export function tableStateFromQuery(query) {
  const params = new URLSearchParams(query || '');
  const state = { sort: params.get('sort') || DEFAULT_SORT };
  for (const key of FILTER_KEYS) state[key] = params.get(key) || '';
  const limit = Number(params.get('limit'));
  state.limit = PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT;
  const offset = Number(params.get('offset'));
  state.offset = Number.isInteger(offset) && offset > 0 ? offset : 0;
  return state;
}

function stateToQuery(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state[key]) params.set(key, state[key]);
  if (state.sort && state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.limit !== DEFAULT_LIMIT) params.set('limit', String(state.limit));
  if (state.offset) params.set('offset', String(state.offset));
  return params.toString();
}

export function errorBox(title, err) {
  const detail = err instanceof ApiError || err instanceof Error ? err.message : String(err);
  return h('div', { class: 'notice notice-error', role: 'alert', testid: 'error' },
    h('strong', {}, title), ' ', detail);
}

// ---------------------------------------------------------------- overview

function statCard(key, label, value, cls) {
  return h('div', { class: `stat ${cls || ''}` },
    h('div', { class: 'stat-value', testid: `stat-${key}`, dataset: { value: String(value ?? '') } }, fmtInt(value)),
    h('div', { class: 'stat-label' }, label));
}

// A bar split by status counts, for the network table.
function statusBar(row) {
  const total = (row.up || 0) + (row.restricted || 0) + (row.down || 0) + (row.unchecked || 0);
  const bar = h('div', { class: 'sbar', 'aria-hidden': 'true' });
  if (!total) return bar;
  for (const key of ['up', 'restricted', 'down', 'unchecked']) {
    const n = row[key] || 0;
    if (n) bar.appendChild(h('span', { class: `sbar-${key}`, style: `width:${(100 * n) / total}%` }));
  }
  return bar;
}

function countBar(n, max) {
  return h('div', { class: 'cbar', 'aria-hidden': 'true' },
    h('span', { style: `width:${max ? (100 * n) / max : 0}%` }));
}

function panel(title, testid, body) {
  return h('section', { class: 'panel', testid }, h('h3', {}, title), body);
}

function emptyLine(text) {
  return h('p', { class: 'muted' }, text);
}

function renderStats(stats, applyFilter) {
  const r = stats.relays || {};
  const cards = h('div', { class: 'stats', testid: 'stats' },
    statCard('total', 'relays known', r.total, 'stat-total'),
    statCard('up', 'up', r.up, 'stat-up'),
    statCard('restricted', 'restricted', r.restricted, 'stat-restricted'),
    statCard('down', 'down', r.down, 'stat-down'),
    statCard('unchecked', 'not checked yet', r.unchecked, 'stat-unchecked'),
    statCard('events', 'events archived', stats.events_archived, 'stat-events'));

  const filterLink = (key, value, text) => h('a', {
    href: '#/?' + new URLSearchParams({ [key]: String(value) }).toString(),
    class: 'filter-link',
    title: `Show relays with ${key} ${value}`,
    onclick: (ev) => { ev.preventDefault(); applyFilter(key, String(value)); },
  }, text);

  const networks = stats.by_network || [];
  const netTable = networks.length ? h('table', { class: 'mini' },
    h('thead', {}, h('tr', {}, h('th', {}, 'network'), h('th', { class: 'num' }, 'up'), h('th', { class: 'num' }, 'restr.'),
      h('th', { class: 'num' }, 'down'), h('th', { class: 'num' }, 'unchk.'), h('th', {}, ''))),
    h('tbody', {}, networks.map((row) => h('tr', {},
      h('td', {}, filterLink('network', row.network, row.network)),
      h('td', { class: 'num' }, fmtInt(row.up)), h('td', { class: 'num' }, fmtInt(row.restricted)),
      h('td', { class: 'num' }, fmtInt(row.down)), h('td', { class: 'num' }, fmtInt(row.unchecked)),
      h('td', { class: 'barcell' }, statusBar(row)))))) : emptyLine('No relays yet.');

  const countTable = (rows, key, label, show) => {
    if (!rows || !rows.length) return emptyLine('Nothing reported yet.');
    const max = Math.max(...rows.map((row) => row.relays || 0));
    return h('table', { class: 'mini' },
      h('tbody', {}, rows.map((row) => h('tr', {},
        h('td', { class: 'clip', title: String(row[key]) }, filterLink(key, row[key], show(row[key]))),
        h('td', { class: 'num' }, fmtInt(row.relays)),
        h('td', { class: 'barcell' }, countBar(row.relays || 0, max))))));
  };

  const nips = stats.by_nip || [];
  const nipList = nips.length ? h('ul', { class: 'chips' }, nips.map((row) => h('li', {},
    filterLink('nip', row.nip, [h('span', { class: 'chip-key' }, 'NIP-' + String(row.nip).padStart(2, '0')), ' ', h('span', { class: 'chip-n' }, fmtInt(row.relays))])))) : emptyLine('Nothing reported yet.');

  return h('div', {},
    cards,
    h('div', { class: 'panels' },
      panel('By network', 'by-network', netTable),
      panel('By software', 'by-software', countTable(stats.by_software, 'software', 'software', shortSoftware)),
      panel('By country', 'by-country', countTable(stats.by_country, 'country', 'country', (c) => c)),
      panel('Supported NIPs', 'by-nip', nipList)),
    h('p', { class: 'muted small' }, 'Figures as of ', fmtTime(stats.generated_at), '. Click a network, software, country or NIP to filter the table.'));
}

// ---------------------------------------------------------------- relay table

function select(name, label, options, value, testid) {
  const el = h('select', { name, id: `f-${name}`, testid },
    h('option', { value: '' }, `any ${label}`),
    options.map(([v, text]) => h('option', { value: String(v) }, text)));
  if (value && !options.some(([v]) => String(v) === String(value))) {
    el.appendChild(h('option', { value }, value)); // a value from a link that the lists do not hold
  }
  el.value = value || '';
  return h('label', { class: 'field', for: `f-${name}` }, h('span', { class: 'field-label' }, label), el);
}

// "2026-12-07 19:34 UTC" on two lines (date, then time) to keep the table narrow.
function timeCell(seconds) {
  const text = fmtTime(seconds);
  const cut = text.indexOf(' ');
  if (cut < 0) return h('td', { class: 'time muted' }, text);
  return h('td', { class: 'time' }, h('span', { class: 'time-d' }, text.slice(0, cut)), ' ', h('span', { class: 'time-t' }, text.slice(cut + 1)));
}

function relayRow(relay) {
  const url = String(relay.relay_url ?? '');
  const status = statusName(relay.status);
  const statusCell = h('td', { class: 'status-cell' }, statusBadge(relay.status));
  if (relay.reason) statusCell.appendChild(h('span', { class: 'reason' }, String(relay.reason)));
  if (relay.message) statusCell.setAttribute('title', String(relay.message));

  const tags = [];
  for (const req of relay.requirements || []) tags.push(h('span', { class: 'tag tag-req', title: `requires ${req}` }, String(req)));
  for (const claim of relay.claims || []) {
    tags.push(h('span', { class: 'tag tag-claim', title: CLAIM_TEXT[claim] || String(claim) }, '\u26a0 ' + String(claim)));
  }
  const relayCell = h('td', { class: 'relay-cell' },
    h('a', { href: relayHref(url), class: 'relay-link', testid: 'relay-link' }, url),
    relay.name ? h('span', { class: 'relay-name' }, String(relay.name)) : null,
    tags.length ? h('span', { class: 'tags' }, tags) : null);

  const software = relay.software ? h('span', { title: String(relay.software) }, shortSoftware(relay.software),
    relay.version ? h('span', { class: 'muted' }, ' ' + String(relay.version)) : null) : DASH;

  const up = (v) => h('td', { class: 'num' + (v === null || v === undefined ? ' muted' : '') }, fmtUptime(v));
  return h('tr', { testid: 'relay-row', class: `row-${status}`, dataset: { relayUrl: url } },
    statusCell,
    relayCell,
    h('td', {}, relay.network ? String(relay.network) : DASH),
    h('td', { class: 'clip' }, software),
    h('td', {}, relay.country ? String(relay.country) : DASH),
    up(relay.uptime_24h), up(relay.uptime_7d), up(relay.uptime_30d),
    h('td', { class: 'num' }, fmtMs(relay.rtt_open_p50)),
    h('td', { class: 'num' }, fmtMs(relay.rtt_read_p50)),
    timeCell(relay.last_up_at),
    timeCell(relay.checked_at));
}

function relayTable(state, data, onSort) {
  const [sortKey, sortDir] = (state.sort || DEFAULT_SORT).split(':');
  const head = h('tr', {}, COLUMNS.map((col) => {
    const attrs = { scope: 'col', class: col.num ? 'num' : '' };
    if (!col.sort) return h('th', attrs, col.label);
    const active = col.sort === sortKey;
    attrs['aria-sort'] = active ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none';
    const next = active ? (sortDir === 'asc' ? 'desc' : 'asc') : col.first;
    return h('th', attrs, h('button', {
      type: 'button',
      class: 'sort' + (active ? ' sort-active' : ''),
      testid: `sort-${col.sort}`,
      title: `Sort by ${col.label.toLowerCase()}`,
      onclick: () => onSort(`${col.sort}:${next}`),
    }, col.label, h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, active ? (sortDir === 'asc' ? ' \u25b2' : ' \u25bc') : '')));
  }));
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'relays', testid: 'relay-table' },
      h('caption', { class: 'sr-only' }, 'Relays'),
      h('thead', {}, head),
      h('tbody', {}, data.map(relayRow))));
}

// Builds the overview; returns {node, update(query)} so the router can refresh the table
// in place when only the hash query changes.
export function overviewView(query) {
  let state = tableStateFromQuery(query);
  let seq = 0;
  let controller = null;
  let stats = null;

  const statsBox = h('div', { class: 'stats-box', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading network figures\u2026'));
  const form = h('form', { class: 'filters', role: 'search', testid: 'filters', onsubmit: (ev) => ev.preventDefault() });
  const summary = h('p', { class: 'table-summary', testid: 'relay-count', 'aria-live': 'polite' });
  const tableBox = h('div', { class: 'table-box' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages of relays' });
  const node = h('div', { class: 'overview' },
    h('h1', {}, 'The Nostr relay network'),
    statsBox,
    h('section', { class: 'relays-section', 'aria-labelledby': 'relays-title' },
      h('h2', { id: 'relays-title' }, 'Relays'),
      form, summary, tableBox, pager));

  function pushState(next) {
    state = next;
    const qs = stateToQuery(state);
    history.replaceState(null, '', '#/' + (qs ? '?' + qs : ''));
    loadTable();
  }

  function applyFilter(key, value) {
    pushState({ ...state, [key]: value, offset: 0 });
    renderForm();
    form.scrollIntoView({ block: 'start' });
  }

  // The search box is made once, so that redrawing the selects never takes its focus.
  let searchTimer = null;
  const search = h('input', {
    type: 'search', name: 'q', id: 'f-q', placeholder: 'wss://\u2026 part of a URL',
    autocomplete: 'off', spellcheck: 'false', testid: 'relay-search',
  });
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => pushState({ ...state, q: search.value.trim(), offset: 0 }), 250);
  });

  function renderForm() {
    if (document.activeElement !== search) search.value = state.q;
    const soft = (stats && stats.by_software || []).map((row) => [row.software, shortSoftware(row.software)]);
    const countries = (stats && stats.by_country || []).map((row) => [row.country, row.country]);
    const nips = (stats && stats.by_nip || []).map((row) => [row.nip, 'NIP-' + String(row.nip).padStart(2, '0')]);
    const fields = [
      h('label', { class: 'field field-search', for: 'f-q' }, h('span', { class: 'field-label' }, 'Search'), search),
      select('status', 'status', STATUSES.map((v) => [v, v]), state.status, 'filter-status'),
      select('network', 'network', NETWORKS.map((v) => [v, v]), state.network, 'filter-network'),
      select('software', 'software', soft, state.software, 'filter-software'),
      select('nip', 'NIP', nips, state.nip, 'filter-nip'),
      select('country', 'country', countries, state.country, 'filter-country'),
      select('requirement', 'requirement', REQUIREMENTS.map((v) => [v, v]), state.requirement, 'filter-requirement'),
    ];
    clear(form);
    form.appendChild(h('div', { class: 'field-row' }, fields,
      h('button', {
        type: 'button', class: 'button-link', testid: 'filters-clear',
        onclick: () => { pushState({ ...tableStateFromQuery(''), limit: state.limit }); renderForm(); },
      }, 'Clear')));
    for (const sel of form.querySelectorAll('select')) {
      sel.addEventListener('change', () => pushState({ ...state, [sel.name]: sel.value, offset: 0 }));
    }
  }

  function renderPager(meta, rows) {
    clear(pager);
    const total = Number(meta.total) || 0;
    const limit = Number(meta.limit) || state.limit;
    const offset = Number(meta.offset) || 0;
    const sizes = h('select', { id: 'f-limit', testid: 'page-size' }, PAGE_SIZES.map((n) => h('option', { value: String(n) }, `${n} a page`)));
    sizes.value = String(state.limit);
    sizes.addEventListener('change', () => pushState({ ...state, limit: Number(sizes.value), offset: 0 }));
    pager.append(
      h('button', { type: 'button', testid: 'page-prev', disabled: offset <= 0,
        onclick: () => pushState({ ...state, offset: Math.max(0, offset - limit) }) }, '\u2190 Previous'),
      h('span', { class: 'pager-pos' }, rows ? `${fmtInt(offset + 1)}\u2013${fmtInt(offset + rows)} of ${fmtInt(total)}` : ''),
      h('button', { type: 'button', testid: 'page-next', disabled: offset + rows >= total,
        onclick: () => pushState({ ...state, offset: offset + limit }) }, 'Next \u2192'),
      h('label', { class: 'sr-only', for: 'f-limit' }, 'Relays per page'), sizes);
  }

  async function loadTable() {
    const mine = ++seq;
    if (controller) controller.abort();
    controller = new AbortController();
    tableBox.setAttribute('aria-busy', 'true');
    const params = { limit: state.limit, offset: state.offset, sort: state.sort };
    for (const key of FILTER_KEYS) params[key] = state[key];
    try {
      const body = await api.relays(params, { signal: controller.signal });
      if (mine !== seq) return;
      const rows = Array.isArray(body.data) ? body.data : [];
      const meta = body.meta || { total: rows.length, limit: state.limit, offset: state.offset };
      clear(tableBox);
      const filtered = FILTER_KEYS.some((key) => state[key]);
      summary.textContent = `${fmtInt(meta.total)} relay${Number(meta.total) === 1 ? '' : 's'}${filtered ? ' match these filters' : ''}`;
      summary.dataset.total = String(meta.total);
      if (rows.length === 0) {
        tableBox.appendChild(h('div', { class: 'notice', testid: 'empty' },
          filtered ? 'No relay matches these filters. ' : (state.offset ? 'No relays on this page. ' : 'No relays are known yet.'),
          filtered ? h('button', { type: 'button', class: 'button-link', onclick: () => { pushState(tableStateFromQuery('')); renderForm(); } }, 'Clear the filters') : null));
      } else {
        tableBox.appendChild(relayTable(state, rows, (sort) => pushState({ ...state, sort, offset: 0 })));
      }
      renderPager(meta, rows.length);
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      if (mine !== seq) return;
      clear(tableBox);
      clear(pager);
      summary.textContent = '';
      tableBox.appendChild(errorBox('The relay list could not be loaded:', err));
    } finally {
      if (mine === seq) tableBox.removeAttribute('aria-busy');
    }
  }

  async function loadStats() {
    try {
      const body = await api.stats();
      stats = body.data || {};
      clear(statsBox).appendChild(renderStats(stats, applyFilter));
      renderForm(); // the software, country and NIP lists come from the stats
    } catch (err) {
      clear(statsBox).appendChild(errorBox('The network figures could not be loaded:', err));
    } finally {
      statsBox.removeAttribute('aria-busy');
    }
  }

  renderForm();
  loadStats();
  loadTable();
  return {
    node,
    title: 'Relays',
    update(nextQuery) {
      state = tableStateFromQuery(nextQuery);
      renderForm();
      loadTable();
    },
  };
}
