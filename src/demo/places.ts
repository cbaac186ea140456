/** Real cities, so the demo network has real distances between its locations. */
export interface Place {
  city: string;
  region: string;
  latitude: number;
  longitude: number;
}

export const REGIONS = ['north', 'west', 'east', 'south'] as const;

export const PLACES: readonly Place[] = [
  { city: 'Hamburg', region: 'north', latitude: 53.551, longitude: 9.994 },
  { city: 'Dortmund', region: 'west', latitude: 51.514, longitude: 7.465 },
  { city: 'Leipzig', region: 'east', latitude: 51.34, longitude: 12.375 },
  { city: 'Nuremberg', region: 'south', latitude: 49.452, longitude: 11.077 },
  { city: 'Bremen', region: 'north', latitude: 53.079, longitude: 8.802 },
  { city: 'Hanover', region: 'north', latitude: 52.376, longitude: 9.732 },
  { city: 'Kiel', region: 'north', latitude: 54.323, longitude: 10.123 },
  { city: 'Rostock', region: 'north', latitude: 54.092, longitude: 12.099 },
  { city: 'Lübeck', region: 'north', latitude: 53.866, longitude: 10.686 },
  { city: 'Oldenburg', region: 'north', latitude: 53.143, longitude: 8.214 },
  { city: 'Cologne', region: 'west', latitude: 50.938, longitude: 6.96 },
  { city: 'Düsseldorf', region: 'west', latitude: 51.228, longitude: 6.774 },
  { city: 'Essen', region: 'west', latitude: 51.456, longitude: 7.012 },
  { city: 'Münster', region: 'west', latitude: 51.961, longitude: 7.626 },
  { city: 'Bonn', region: 'west', latitude: 50.737, longitude: 7.098 },
  { city: 'Aachen', region: 'west', latitude: 50.776, longitude: 6.084 },
  { city: 'Berlin', region: 'east', latitude: 52.52, longitude: 13.405 },
  { city: 'Dresden', region: 'east', latitude: 51.05, longitude: 13.738 },
  { city: 'Potsdam', region: 'east', latitude: 52.391, longitude: 13.065 },
  { city: 'Magdeburg', region: 'east', latitude: 52.121, longitude: 11.628 },
  { city: 'Erfurt', region: 'east', latitude: 50.978, longitude: 11.029 },
  { city: 'Halle', region: 'east', latitude: 51.482, longitude: 11.97 },
  { city: 'Munich', region: 'south', latitude: 48.135, longitude: 11.582 },
  { city: 'Stuttgart', region: 'south', latitude: 48.776, longitude: 9.183 },
  { city: 'Augsburg', region: 'south', latitude: 48.371, longitude: 10.898 },
  { city: 'Freiburg', region: 'south', latitude: 47.999, longitude: 7.842 },
  { city: 'Regensburg', region: 'south', latitude: 49.013, longitude: 12.102 },
  { city: 'Ulm', region: 'south', latitude: 48.401, longitude: 9.988 },
  { city: 'Frankfurt', region: 'west', latitude: 50.11, longitude: 8.682 },
  { city: 'Mannheim', region: 'south', latitude: 49.487, longitude: 8.466 },
  { city: 'Kassel', region: 'north', latitude: 51.312, longitude: 9.479 },
  { city: 'Chemnitz', region: 'east', latitude: 50.827, longitude: 12.921 },
];

/** Great-circle distance in kilometres. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
