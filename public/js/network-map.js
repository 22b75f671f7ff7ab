// The map on a network's page: its published places as markers, each opening a link to the place's page.
const element = document.getElementById('network-map');
const data = document.getElementById('network-map-data');
const places = element && data ? JSON.parse(data.textContent || '[]') : [];

if (element && places.length > 0) {
  // Canvas markers stay fast for networks with a thousand places; the list under the map is the keyboard route.
  const map = L.map(element, { scrollWheelZoom: false, preferCanvas: true });
  L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
  const bounds = L.latLngBounds([]);
  for (const place of places) {
    const position = [place.lat, place.lng];
    bounds.extend(position);
    const link = document.createElement('a');
    link.href = `/locations/${encodeURIComponent(place.slug)}`;
    link.textContent = place.name;
    L.circleMarker(position, { radius: 7, weight: 2, color: '#ffffff', fillColor: '#0b6e4f', fillOpacity: 0.9 })
      .bindPopup(link)
      .addTo(map);
  }
  map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
}
