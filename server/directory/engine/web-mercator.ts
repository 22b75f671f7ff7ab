// Web Mercator on the unit square, y growing southwards: where the cluster index and the map tiles place positions.

export const lngX = (lng: number): number => lng / 360 + 0.5;

/** Latitudes past the projection's ±85° land on its edges. */
export function latY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

export const xLng = (x: number): number => (x - 0.5) * 360;

export const yLat = (y: number): number =>
  (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90;
