// Demand beside supply: circles sized by the people who said they would work in an area, over the places listed
// there. The table under the map holds the same numbers for the view, for those who read rather than look.
const element = document.getElementById('demand-map');
const strings = JSON.parse(document.getElementById('demand-strings').textContent);
const table = document.querySelector('#demand-table tbody');
const none = document.getElementById('demand-none');
const map = L.map(element).setView(
  [Number(element.dataset.lat), Number(element.dataset.lng)],
  Number(element.dataset.zoom),
);
L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
const supply = L.layerGroup().addTo(map);
const demand = L.layerGroup().addTo(map);
let serial = 0;

function view() {
  const b = map.getBounds();
  const clamp = (v, limit) => Math.max(-limit, Math.min(limit, v)).toFixed(5);
  const bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 85), clamp(b.getEast(), 180), clamp(b.getNorth(), 85)];
  return new URLSearchParams({ bbox: bbox.join(','), zoom: String(Math.round(map.getZoom())) });
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const text of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

async function refresh() {
  const mine = ++serial;
  const params = view();
  const [places, wanted] = await Promise.all(
    [element.dataset.places, element.dataset.demand].map((url) =>
      fetch(`${url}?${params}`, { headers: { Accept: 'application/json' } }).then((res) =>
        res.ok ? res.json() : null,
      ),
    ),
  );
  if (mine !== serial) return;
  supply.clearLayers();
  demand.clearLayers();
  for (const feature of places?.features ?? []) {
    const [lng, lat] = feature.geometry.coordinates;
    const count = feature.properties.cluster ? feature.properties.count : 1;
    L.circleMarker([lat, lng], { radius: 3 + Math.sqrt(count), color: '#355c7d', weight: 1, fillOpacity: 0.5 })
      .bindTooltip(strings.places.replace('{count}', count))
      .addTo(supply);
  }
  const cells = wanted?.cells ?? [];
  for (const cell of cells) {
    L.circleMarker([cell.lat, cell.lng], {
      radius: 6 + 3 * Math.sqrt(cell.people),
      color: '#c0392b',
      weight: 2,
      fillOpacity: 0.25,
    })
      .bindTooltip(strings.people.replace('{count}', cell.people))
      .addTo(demand);
  }
  table.replaceChildren(
    ...cells.map((cell) =>
      row([`${cell.lat.toFixed(2)}, ${cell.lng.toFixed(2)}`, String(cell.people), String(cell.places)]),
    ),
  );
  if (none) none.hidden = cells.length > 0;
}

map.on('moveend', () => void refresh());
void refresh();
