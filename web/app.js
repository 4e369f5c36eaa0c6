// bigbrotr's page: a hash router over two views. #/ (optionally #/?filters) is the
// network overview with the relay table; #/relay/<percent-encoded relay URL> is a relay.

import { overviewView } from './overview.js';
import { relayView } from './relay.js';
import { h, clear } from './util.js';

const main = document.getElementById('main');
let current = null; // {route, node, update?}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  if (raw.startsWith('/relay/')) {
    const encoded = raw.slice('/relay/'.length);
    try {
      return { route: 'relay', url: decodeURIComponent(encoded) };
    } catch {
      return { route: 'bad', text: encoded };
    }
  }
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  if (path === '/' || path === '') return { route: 'overview', query: q < 0 ? '' : raw.slice(q + 1) };
  return { route: 'bad', text: raw };
}

function show(view, route) {
  current = { route, ...view };
  clear(main).appendChild(view.node);
  document.title = `${view.title} \u00b7 bigbrotr`;
}

function render() {
  const where = parseHash();
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.toggleAttribute('aria-current', link.dataset.nav === where.route);
  }
  if (where.route === 'overview' && current && current.route === 'overview' && current.update) {
    current.update(where.query);
    return;
  }
  if (where.route === 'overview') show(overviewView(where.query), 'overview');
  else if (where.route === 'relay') { show(relayView(where.url), 'relay'); window.scrollTo(0, 0); }
  else {
    show({
      title: 'Not found',
      node: h('div', { class: 'notice notice-error', role: 'alert', testid: 'error' },
        'There is no page at ', h('code', {}, '#' + where.text), '. ', h('a', { href: '#/' }, 'Go to the overview.')),
    }, 'bad');
  }
}

window.addEventListener('hashchange', render);
render();
