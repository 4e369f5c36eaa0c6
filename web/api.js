// The bigbrotr JSON API (docs/web.md, docs/api.md): one fetch wrapper and the
// four routes the page reads. The prefix comes from <meta name="bigbrotr-api">, which the
// server fills in; /v1 when absent or empty.

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status; // HTTP status, or 0 when no answer came back
  }
}

export function apiPrefix() {
  const meta = document.querySelector('meta[name="bigbrotr-api"]');
  const value = meta ? (meta.getAttribute('content') || '').trim() : '';
  return (value || '/v1').replace(/\/+$/, '');
}

// Builds "a=1&b=2" from an object, leaving out empty values.
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') qs.set(key, String(value));
  }
  return qs.toString();
}

async function getJson(path, { signal } = {}) {
  const url = apiPrefix() + path;
  let response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError(`The API at ${url} could not be reached (${err && err.message ? err.message : err}).`, 0);
  }
  let body = null;
  const text = await response.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.error === 'string' ? body.error : (response.statusText || 'error');
    throw new ApiError(`${detail} (HTTP ${response.status})`, response.status);
  }
  if (body === null || typeof body !== 'object' || !('data' in body)) {
    throw new ApiError(`The API answered ${url} with something that is not the expected JSON.`, response.status);
  }
  return body;
}

export function relayPath(url) {
  return '/relays/' + encodeURIComponent(url);
}

export const api = {
  stats: (opts) => getJson('/stats', opts),
  relays: (params, opts) => {
    const qs = queryString(params);
    return getJson('/relays' + (qs ? '?' + qs : ''), opts);
  },
  relay: (url, opts) => getJson(relayPath(url), opts),
  history: (url, params, opts) => {
    const qs = queryString({ type: 'status', ...params });
    return getJson(relayPath(url) + '/history?' + qs, opts);
  },
};
