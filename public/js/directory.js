// The home page's map: clusters from /api/v1/locations, kept in step with the list and the URL.
// Without this script the page still works: the server renders the list and the filter form submits normally.
const mapElement = document.getElementById('map');
const form = document.getElementById('filters');
const strings = JSON.parse(document.getElementById('map-strings').textContent);
const FILTER_KEYS = ['q', 'country', 'type', 'governance', 'openness', 'spaceKind', 'facility', 'network', 'openAt'];
const EUROPE = [
  [41, -6],
  [56, 16],
];

const map = L.map(mapElement, { worldCopyJump: false, maxBoundsViscosity: 1 });
L.tileLayer(mapElement.dataset.tileUrl, { attribution: mapElement.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
const markers = L.layerGroup().addTo(map);
let requestSerial = 0;
/** The place whose popup is open, so a redraw (the popup's own pan triggers one) can open it again. */
let openSlug;
let redrawing = false;

/** The filters of a URL's query, without the map view and the page. */
function filtersOf(params) {
  const filters = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of params.getAll(key)) if (value) filters.append(key, value);
  return filters;
}

/** The filters the form holds now, with "open" and "at" folded into openAt as the API expects. */
function filtersOfForm() {
  const data = new FormData(form);
  const open = data.get('open');
  data.delete('open');
  const at = data.get('at');
  data.delete('at');
  if (open === 'now') data.set('openAt', 'now');
  else if (open === 'at' && at) data.set('openAt', at);
  return filtersOf(new URLSearchParams(data));
}

function viewParams() {
  const b = map.getBounds();
  const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v)).toFixed(5);
  return {
    bbox: [clamp(b.getWest(), 180), clamp(b.getSouth(), 85), clamp(b.getEast(), 180), clamp(b.getNorth(), 85)].join(
      ',',
    ),
    zoom: String(Math.round(map.getZoom())),
  };
}

function stateUrl(filters) {
  const params = new URLSearchParams(filters);
  const view = viewParams();
  params.set('bbox', view.bbox);
  params.set('zoom', view.zoom);
  return `/?${params}`;
}

function showError(show) {
  let box = document.querySelector('.map-error');
  if (show && !box) {
    box = document.createElement('p');
    box.className = 'map-error';
    box.setAttribute('role', 'alert');
    box.textContent = strings.loadError;
    mapElement.parentElement.append(box);
  } else if (!show && box) box.remove();
}

function clusterIcon(count) {
  const size = count < 10 ? 34 : count < 100 ? 42 : count < 1000 ? 50 : 58;
  return L.divIcon({ html: `<span>${count}</span>`, className: 'cluster-marker', iconSize: [size, size] });
}

function drawFeatures(collection) {
  const reopen = openSlug;
  redrawing = true;
  markers.clearLayers();
  redrawing = false;
  for (const feature of collection.features) {
    const [lng, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    if (p.cluster) {
      const label = strings.cluster.replace('{count}', p.count);
      const marker = L.marker([lat, lng], { icon: clusterIcon(p.count), title: label, alt: label, keyboard: true });
      if (p.places) {
        // No zoom separates these places (same address or town centre): list them instead.
        const list = document.createElement('ul');
        list.replaceChildren(
          ...p.places.map((place) => {
            const item = document.createElement('li');
            item.append(placeLink(place.slug, place.name, place.nameLang));
            return item;
          }),
        );
        marker.bindPopup(list);
      } else {
        marker.on('click', () => map.setView([lat, lng], Math.min(p.expansionZoom, map.getMaxZoom())));
      }
      marker.on('add', () => marker.getElement()?.setAttribute('data-count', String(p.count)));
      markers.addLayer(marker);
    } else {
      const marker = L.marker([lat, lng], { title: p.name, alt: p.name, keyboard: true });
      const popup = document.createElement('div');
      popup.append(
        placeLink(p.slug, p.name, p.nameLang),
        document.createElement('br'),
        `${p.locality}, ${p.countryCode}`,
      );
      if (p.approximate) popup.append(document.createElement('br'), strings.approximate);
      marker.bindPopup(popup);
      marker.on('add', () => marker.getElement()?.setAttribute('data-slug', p.slug));
      marker.on('popupopen', () => (openSlug = p.slug));
      marker.on('popupclose', () => {
        if (!redrawing) openSlug = undefined;
      });
      markers.addLayer(marker);
      if (p.slug === reopen) marker.openPopup();
    }
  }
  mapElement.dataset.total = String(collection.inView);
}

function placeLink(slug, name, lang) {
  const link = document.createElement('a');
  link.href = `/locations/${encodeURIComponent(slug)}`;
  // As the list's links: the place page leads back to the search it was opened from.
  if (location.search) link.href += `?from=${encodeURIComponent(location.pathname + location.search)}`;
  link.textContent = name;
  link.lang = lang;
  return link;
}

/** The language links keep the directory's state, so switching language keeps the search. */
function updateLanguageLinks() {
  for (const link of document.querySelectorAll('nav.language-switch a[hreflang]')) {
    const url = new URL(location.href);
    url.searchParams.set('lang', link.hreflang);
    link.href = url.pathname + url.search;
  }
}

/** Loads the markers and the list for the current URL; a newer call wins over an older one still in flight. */
async function refresh() {
  const serial = ++requestSerial;
  updateLanguageLinks();
  mapElement.dataset.ready = 'false';
  document.getElementById('results')?.setAttribute('aria-busy', 'true');
  const params = new URLSearchParams(location.search);
  const filters = filtersOf(params);
  const view = viewParams();
  const api = new URLSearchParams(filters);
  api.set('bbox', view.bbox);
  api.set('zoom', view.zoom);
  api.set('lang', mapElement.dataset.lang);
  try {
    const [features, list] = await Promise.all([
      fetch(`${mapElement.dataset.api}?${api}`).then((r) => (r.ok ? r.json() : Promise.reject(r.status))),
      fetch(`/?${params}`, { headers: { 'X-Passerelle-Fragment': 'list' } }).then((r) =>
        r.ok ? r.text() : Promise.reject(r.status),
      ),
    ]);
    if (serial !== requestSerial) return;
    drawFeatures(features);
    document.getElementById('results').outerHTML = list;
    mapElement.dataset.ready = 'true';
    showError(false);
  } catch {
    if (serial === requestSerial) showError(true);
  }
}

function applyUrlView() {
  const params = new URLSearchParams(location.search);
  const bbox = params.get('bbox')?.split(',').map(Number);
  if (bbox && bbox.length === 4 && bbox.every(Number.isFinite)) {
    const zoom = Number(params.get('zoom'));
    const bounds = L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);
    if (Number.isInteger(zoom) && params.has('zoom')) map.setView(bounds.getCenter(), zoom, { animate: false });
    else map.fitBounds(bounds, { animate: false });
  } else {
    map.fitBounds(EUROPE, { animate: false });
  }
}

let moving = false;
map.on('moveend', () => {
  if (moving) return;
  history.replaceState(null, '', stateUrl(filtersOf(new URLSearchParams(location.search))));
  void refresh();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  history.pushState(null, '', stateUrl(filtersOfForm()));
  void refresh();
});

window.addEventListener('popstate', () => {
  moving = true;
  applyUrlView();
  moving = false;
  syncForm();
  void refresh();
});

/** After back/forward, the form shows the filters of the URL again. */
function syncForm() {
  const params = new URLSearchParams(location.search);
  for (const element of form.elements) {
    if (!element.name || element.type === 'hidden') continue;
    if (element.type === 'checkbox') element.checked = params.getAll(element.name).includes(element.value);
    else if (element.type === 'radio') {
      const openAt = params.get('openAt');
      const mode = !openAt ? '' : openAt === 'now' ? 'now' : 'at';
      element.checked = element.value === mode;
    } else if (element.name === 'at') {
      const openAt = params.get('openAt');
      element.value = openAt && openAt !== 'now' ? openAt.slice(0, 16) : '';
    } else if (element.tagName === 'SELECT' || element.tagName === 'INPUT')
      element.value = params.get(element.name) ?? '';
  }
}

// The hidden view fields belong to the no-JS form only; the script writes the view into the URL itself.
for (const hidden of form.querySelectorAll('input[type=hidden]')) hidden.remove();
moving = true;
applyUrlView();
moving = false;
// From here on the URL names the map view too, so the list and the map always show the same places.
history.replaceState(null, '', stateUrl(filtersOf(new URLSearchParams(location.search))));
void refresh();
