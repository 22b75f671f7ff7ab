// The agenda's map: the places of the listed dates as markers, each opening links to their events, and a button that
// lists the events within the area shown (near=lat,lng&km=…, kept in the URL like every other filter).
const element = document.getElementById('agenda-map');
const data = document.getElementById('agenda-map-data');
const places = element && data ? JSON.parse(data.textContent || '[]') : [];

if (element) {
  element.hidden = false;
  const map = L.map(element, { scrollWheelZoom: false, preferCanvas: true }).setView([50.5, 5], 6);
  L.tileLayer(element.dataset.tileUrl, { attribution: element.dataset.tileAttribution, maxZoom: 19 }).addTo(map);
  const bounds = L.latLngBounds([]);
  for (const place of places) {
    const position = [place.lat, place.lng];
    bounds.extend(position);
    const popup = document.createElement('div');
    const name = document.createElement('strong');
    name.textContent = place.name;
    popup.append(name);
    const list = document.createElement('ul');
    for (const event of place.events) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = event.url;
      link.textContent = `${event.when} — ${event.title}`;
      item.append(link);
      list.append(item);
    }
    popup.append(list);
    L.circleMarker(position, { radius: 8, weight: 2, color: '#ffffff', fillColor: '#0b6e4f', fillOpacity: 0.9 })
      .bindPopup(popup)
      .addTo(map);
  }
  if (places.length > 0) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 });

  const button = document.getElementById('agenda-map-search');
  if (button) {
    button.hidden = false;
    button.addEventListener('click', () => {
      const centre = map.getCenter();
      const corner = map.getBounds().getNorthEast();
      const km = Math.min(500, Math.max(1, Math.round(centre.distanceTo(corner) / 1000)));
      const url = new URL(window.location.href);
      url.searchParams.set('near', `${centre.lat.toFixed(4)},${centre.lng.toFixed(4)}`);
      url.searchParams.set('km', String(km));
      url.searchParams.delete('page');
      window.location.assign(url);
    });
  }
}
