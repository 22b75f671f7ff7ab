// The small map on a location's page: one marker, or a circle where only the town is known.
const element = document.getElementById('location-map');
const position = [Number(element.dataset.lat), Number(element.dataset.lng)];
const map = L.map(element, { scrollWheelZoom: false }).setView(
  position,
  element.dataset.approximate === 'true' ? 12 : 15,
);
L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
if (element.dataset.approximate === 'true') L.circle(position, { radius: 1500 }).addTo(map);
else L.marker(position, { keyboard: false }).addTo(map);
