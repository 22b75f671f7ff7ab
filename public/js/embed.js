// The embedded map: the places of /embed's search from /api/v1/locations, clusters that zoom in, places that link to
// their page on the full site (in a new tab: the visitor is on a partner's page).
const element = document.getElementById('embed-map');
const strings = JSON.parse(document.getElementById('embed-strings').textContent);
element.hidden = false;
const map = L.map(element, { scrollWheelZoom: false });
L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 18 }).addTo(map);
const markers = L.layerGroup().addTo(map);
const site = new URL(element.dataset.site);

const bounds = element.dataset.bounds?.split(',').map(Number);
if (bounds?.length === 4) {
  map.fitBounds(
    [
      [bounds[1], bounds[0]],
      [bounds[3], bounds[2]],
    ],
    { maxZoom: 13, animate: false },
  );
} else map.setView([50.5, 4.5], 5);

function link(slug, name) {
  const a = document.createElement('a');
  a.href = `${site.origin}/locations/${encodeURIComponent(slug)}?lang=${element.dataset.lang}`;
  a.target = '_blank';
  a.rel = 'noopener';
  a.textContent = name;
  return a;
}

let serial = 0;
async function refresh() {
  const mine = ++serial;
  const b = map.getBounds();
  const params = new URLSearchParams(element.dataset.filters);
  params.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(','));
  params.set('zoom', String(map.getZoom()));
  params.set('lang', element.dataset.lang);
  const response = await fetch(`${element.dataset.api}?${params}`);
  if (!response.ok || mine !== serial) return;
  const collection = await response.json();
  markers.clearLayers();
  for (const feature of collection.features) {
    const [lng, lat] = feature.geometry.coordinates;
    const p = feature.properties;
    if (p.cluster) {
      const label = strings.cluster.replace('{count}', p.count);
      const icon = L.divIcon({ html: `<span>${p.count}</span>`, className: 'cluster-marker', iconSize: [38, 38] });
      const marker = L.marker([lat, lng], { icon, title: label, alt: label, keyboard: true });
      marker.on('click', () => map.setView([lat, lng], Math.min(p.expansionZoom ?? map.getZoom() + 2, 18)));
      markers.addLayer(marker);
    } else {
      const marker = L.marker([lat, lng], { title: p.name, alt: p.name, keyboard: true });
      marker.bindPopup(link(p.slug, p.name));
      markers.addLayer(marker);
    }
  }
  element.dataset.ready = 'true';
}

map.on('moveend', () => void refresh());
void refresh();
