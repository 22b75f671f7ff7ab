// The location editor's extras (the form works without them): a map that places the pin, by pointer or by keyboard,
// and a live hours preview.
const form = document.getElementById('location-form');

const lat = document.getElementById('coordinates.lat');
const lng = document.getElementById('coordinates.lng');
const mapElement = document.getElementById('pin-map');

function readPosition() {
  const la = Number.parseFloat(lat.value);
  const ln = Number.parseFloat(lng.value);
  return Number.isFinite(la) && Number.isFinite(ln) && Math.abs(la) <= 90 && Math.abs(ln) <= 180 ? [la, ln] : null;
}

const strings = JSON.parse(document.getElementById('manage-strings').textContent);

/** Arrow keys move the pin this many screen pixels, whatever the zoom; with Shift, five times as far. */
const KEY_STEP_PX = 10;
const ARROWS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

if (mapElement && typeof L !== 'undefined') {
  mapElement.hidden = false;
  const status = document.getElementById('pin-status');
  const start = readPosition();
  // Leaflet's own keys would pan the map with the arrows; here they move the pin, and the map follows it.
  const map = L.map(mapElement, { scrollWheelZoom: false, keyboard: false }).setView(
    start ?? [50.5, 4.5],
    start ? 15 : 5,
  );
  mapElement.tabIndex = 0;
  L.tileLayer(mapElement.dataset.tileUrl, { attribution: mapElement.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
  let marker = null;

  const fill = (latlng) => {
    lat.value = latlng.lat.toFixed(6);
    lng.value = L.Util.wrapNum(latlng.lng, [-180, 180], true).toFixed(6);
  };
  const place = (position) => {
    if (marker) {
      marker.setLatLng(position);
      return;
    }
    marker = L.marker(position, { draggable: true, autoPan: true, alt: strings.pinLabel, title: strings.pinLabel });
    marker.addTo(map);
    marker.on('dragend', () => fill(marker.getLatLng()));
  };
  const announce = () => {
    status.textContent = strings.pinMoved.replace('{{lat}}', lat.value).replace('{{lng}}', lng.value);
  };

  if (start) place(start);
  map.on('click', (event) => {
    place(event.latlng);
    fill(event.latlng);
  });
  // On the focused map or pin (its keys reach the map), the arrows move the pin and + and - zoom.
  mapElement.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === '+' || event.key === '=') map.zoomIn();
    else if (event.key === '-') map.zoomOut();
    else if (ARROWS[event.key]) {
      const [dx, dy] = ARROWS[event.key];
      const step = KEY_STEP_PX * (event.shiftKey ? 5 : 1);
      const from = map.latLngToContainerPoint(marker ? marker.getLatLng() : map.getCenter());
      const to = map.containerPointToLatLng(from.add([dx * step, dy * step]));
      place(to);
      fill(to);
      map.panInside(to, { padding: [20, 20] });
      announce();
    } else return;
    event.preventDefault();
  });
  // Typed coordinates move the pin too.
  for (const input of [lat, lng]) {
    input.addEventListener('change', () => {
      const position = readPosition();
      if (!position) return;
      place(position);
      map.panTo(position);
    });
  }
}

const hours = document.getElementById('openingHours');
const country = document.getElementById('address.countryCode');
const region = document.getElementById('address.region');
const timeZone = document.getElementById('timeZone');
const preview = document.getElementById('hours-preview');
let timer;
let serial = 0;

async function refreshPreview() {
  const mine = ++serial;
  const params = new URLSearchParams({
    value: hours.value,
    country: country.value,
    region: region?.value ?? '',
    timeZone: timeZone.value,
  });
  try {
    const response = await fetch(`${preview.dataset.url}?${params}`, { headers: { accept: 'text/html' } });
    const html = await response.text();
    // The fragment is rendered (and escaped) by the server.
    if (mine === serial) preview.innerHTML = html;
  } catch {
    if (mine === serial) preview.textContent = strings.previewFailed;
  }
}

if (hours && preview && form) {
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 350);
  };
  hours.addEventListener('input', schedule);
  country.addEventListener('change', schedule);
  region?.addEventListener('change', schedule);
  timeZone.addEventListener('change', schedule);
}
