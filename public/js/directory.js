// The home page's map: clusters from /api/v1/locations, kept in step with the list and the URL.
// Without this script the page still works: the server renders the list and the filter form submits normally.
const mapElement = document.getElementById('map');
const directory = mapElement.closest('.directory');
const form = document.getElementById('filters');
const strings = JSON.parse(document.getElementById('map-strings').textContent);
const FILTER_KEYS = ['q', 'country', 'type', 'governance', 'openness', 'spaceKind', 'facility', 'network', 'openAt'];
const EUROPE = [
  [41, -6],
  [56, 16],
];
/** How the map shows a search's places; at most at zoom 13, so one place found is shown with its streets around it. */
const FIT_RESULTS = { maxZoom: 13, padding: [24, 24], animate: false };

// The map and the phone's list/map switch are hidden in the HTML, as nothing of them works without this script.
directory.classList.add('with-map');
for (const hidden of directory.querySelectorAll('.directory-map, .view-switch')) hidden.hidden = false;

const map = L.map(mapElement, { worldCopyJump: false, maxBoundsViscosity: 1 });
L.tileLayer(mapElement.dataset.tileUrl, { attribution: mapElement.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
const markers = L.layerGroup().addTo(map);
let requestSerial = 0;
let searchSerial = 0;
/** The place whose popup is open, so a redraw (the popup's own pan triggers one) can open it again. */
let openSlug;
let redrawing = false;

/** The filters of a URL's query, without the map view and the page. */
function filtersOf(params) {
  const filters = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of params.getAll(key)) if (value) filters.append(key, value);
  return filters;
}

/** A day-part as openAt writes it: `tuesday-morning`. */
const DAY_PART = /^([a-z]+)-([a-z]+)$/;

/** The filters the form holds now, with "open", "at", "day" and "part" folded into openAt as the API expects. */
function filtersOfForm() {
  const data = new FormData(form);
  const fields = Object.fromEntries(['open', 'at', 'day', 'part'].map((name) => [name, data.get(name)]));
  for (const name of Object.keys(fields)) data.delete(name);
  if (fields.open === 'now') data.set('openAt', 'now');
  else if (fields.open === 'at' && fields.at) data.set('openAt', fields.at);
  else if (fields.open === 'dayPart') data.set('openAt', `${fields.day}-${fields.part}`);
  return filtersOf(new URLSearchParams(data));
}

/** How the form's "open" controls show a URL's openAt. */
function openAtFields(openAt) {
  const dayPart = DAY_PART.exec(openAt ?? '');
  if (dayPart) return { open: 'dayPart', at: '', day: dayPart[1], part: dayPart[2] };
  if (!openAt) return { open: '', at: '' };
  return openAt === 'now' ? { open: 'now', at: '' } : { open: 'at', at: openAt.slice(0, 16) };
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

/** The URL of the filters in the current view, on `page` of the list (the first when not given). */
function stateUrl(filters, page) {
  const params = new URLSearchParams(filters);
  const view = viewParams();
  params.set('bbox', view.bbox);
  params.set('zoom', view.zoom);
  if (page && page !== '1') params.set('page', page);
  return `/?${params}`;
}

/** The list for `params`, from its own URL (see LIST_FRAGMENT in directory.controller.ts). */
async function fetchList(params) {
  const query = new URLSearchParams(params);
  query.set('lang', mapElement.dataset.lang);
  const response = await fetch(`${mapElement.dataset.listFragment}?${query}`);
  if (!response.ok) throw new Error(String(response.status));
  return response.text();
}

/** Where a list's places lie, all of them, wherever the view is; undefined when none was found. */
function resultBounds(results) {
  const box = results?.dataset.bounds?.split(',').map(Number);
  if (!box || box.length !== 4 || !box.every(Number.isFinite)) return undefined;
  return L.latLngBounds([box[1], box[0]], [box[3], box[2]]);
}

/** Moves the map without the handler of a move by hand, which would write the URL and refresh before we do. */
function moveMap(move) {
  moving = true;
  try {
    move();
  } finally {
    moving = false;
  }
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
      marker.on('add', () => {
        const element = marker.getElement();
        element?.setAttribute('data-count', String(p.count));
        // Leaflet gives a marker role="button" but answers only Enter, and only with a popup: a button takes Space too.
        element?.addEventListener('keydown', (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          marker.fire('click', { latlng: marker.getLatLng() });
        });
      });
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
      if (p.photo) {
        // The first photo, beside the name it illustrates: decorative (alt=""), described on the place page.
        const photo = Object.assign(document.createElement('img'), {
          src: p.photo.src,
          alt: '',
          className: 'popup-photo',
        });
        Object.assign(photo, { srcset: p.photo.srcset, sizes: '200px', width: 200, height: 120 });
        popup.prepend(photo);
      }
      marker.bindPopup(popup);
      marker.on('add', () => marker.getElement()?.setAttribute('data-slug', p.slug));
      marker.on('popupopen', () => {
        openSlug = p.slug;
        showHoursNow(popup, p.slug);
      });
      marker.on('popupclose', () => {
        if (!redrawing) openSlug = undefined;
      });
      markers.addLayer(marker);
      if (p.slug === reopen) marker.openPopup();
    }
  }
  mapElement.dataset.total = String(collection.inView);
}

/**
 * Whether the place is open now, as the list says it (the server reads the hours; the map's answers are cached and
 * carry no time): shown in the popup when the place is on the list's page, as it is once zoomed in to it.
 */
function showHoursNow(popup, slug) {
  const state = document.querySelector(`#results li[data-slug="${CSS.escape(slug)}"] .open-state`);
  popup.querySelector('.open-state')?.remove();
  if (state) popup.append(state.cloneNode(true));
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
      fetchList(params),
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

/** The view a URL names; without one, where its places are (a shared search) or Europe. */
function applyUrlView() {
  const params = new URLSearchParams(location.search);
  const bbox = params.get('bbox')?.split(',').map(Number);
  if (bbox && bbox.length === 4 && bbox.every(Number.isFinite)) {
    const zoom = Number(params.get('zoom'));
    const bounds = L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);
    if (Number.isInteger(zoom) && params.has('zoom')) {
      // The box's middle on the projected map, not in degrees: Mercator stretches the north, so the middle latitude
      // lies south of the view's centre and every reload would move the map south.
      const middle = map.project(bounds.getSouthWest(), zoom).add(map.project(bounds.getNorthEast(), zoom)).divideBy(2);
      map.setView(map.unproject(middle, zoom), zoom, { animate: false });
    } else map.fitBounds(bounds, { animate: false });
  } else {
    const found = filtersOf(params).size > 0 && resultBounds(document.getElementById('results'));
    if (found) map.fitBounds(found, FIT_RESULTS);
    else map.fitBounds(EUROPE, { animate: false });
  }
}

let moving = false;
map.on('moveend', () => {
  if (moving) return;
  // A new view lists its places from the first page.
  history.replaceState(null, '', stateUrl(filtersOf(new URLSearchParams(location.search))));
  void refresh();
});

/** A new search: the map goes to what it finds (and stays where it is when nothing is found), the list to page 1. */
async function search(filters) {
  // Its own count: a refresh started meanwhile (a popup panning the map) must not cancel the search.
  const serial = ++searchSerial;
  mapElement.dataset.ready = 'false';
  let found;
  try {
    const list = document.createElement('template');
    list.innerHTML = await fetchList(filters);
    found = resultBounds(list.content.querySelector('#results'));
  } catch {
    if (serial === searchSerial) showError(true);
    return;
  }
  if (serial !== searchSerial) return;
  if (found) moveMap(() => map.fitBounds(found, FIT_RESULTS));
  history.pushState(null, '', stateUrl(filters));
  await refresh();
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void search(filtersOfForm());
});

// The list's own links: its pages, and "show" for places found outside the view.
document.addEventListener('click', (event) => {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('#results .pagination a[href], #results a.show-found');
  if (!link) return;
  event.preventDefault();
  const filters = filtersOf(new URLSearchParams(location.search));
  if (link.classList.contains('show-found')) {
    const found = resultBounds(document.getElementById('results'));
    if (found) moveMap(() => map.fitBounds(found, FIT_RESULTS));
    history.pushState(null, '', stateUrl(filters));
  } else {
    history.pushState(null, '', stateUrl(filters, new URL(link.href).searchParams.get('page')));
  }
  // The link followed is gone with the list it was in: the new list's heading takes the focus.
  void refresh().then(() => {
    const heading = document.getElementById('results-heading');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  });
});

window.addEventListener('popstate', () => {
  moveMap(applyUrlView);
  syncForm();
  void refresh();
});

/** On a phone the list and the map take turns; the map keeps its size while hidden, so the list stays its view's. */
for (const button of document.querySelectorAll('.view-switch button')) {
  button.addEventListener('click', () => {
    directory.dataset.view = button.value;
    for (const other of document.querySelectorAll('.view-switch button'))
      other.setAttribute('aria-pressed', String(other === button));
    map.invalidateSize();
    if (button.value === 'map') button.parentElement.scrollIntoView({ block: 'start' });
  });
}

/** After back/forward, the form shows the filters of the URL again. */
function syncForm() {
  const params = new URLSearchParams(location.search);
  const open = openAtFields(params.get('openAt'));
  for (const element of form.elements) {
    if (!element.name || element.type === 'hidden') continue;
    if (element.type === 'checkbox') element.checked = params.getAll(element.name).includes(element.value);
    else if (element.type === 'radio') element.checked = element.value === open.open;
    else if (element.name === 'at') element.value = open.at;
    else if (element.name === 'day' || element.name === 'part') {
      // A select left without a value shows nothing: keep its first choice when the URL names no day-part.
      if (open[element.name]) element.value = open[element.name];
    } else if (element.tagName === 'SELECT' || element.tagName === 'INPUT')
      element.value = params.get(element.name) ?? '';
  }
}

// The hidden view fields belong to the no-JS form only; the script writes the view into the URL itself.
for (const hidden of form.querySelectorAll('input[type=hidden]')) hidden.remove();
moveMap(applyUrlView);
// From here on the URL names the map view too, so the list and the map always show the same places.
const opened = new URLSearchParams(location.search);
history.replaceState(null, '', stateUrl(filtersOf(opened), opened.get('page')));
void refresh();
