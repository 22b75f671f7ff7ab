import { openingHoursProblem, parseOpeningHours, sharedOpeningHours, openStateAt, weekSchedule } from './server/locations/opening-hours.ts';
for (const v of ['ma-vr 9-17','Mo-Fr 09:00-17:00; Mo[1] 19:00-22:00 "ondernemerscafé"','Mo 10-12:00','Mo-Fr 09:00-17:00; SH off', 'Mo-Fr 09:00-17:00; PH off', 'Mo-Fr 08:30-12:00,13:30-18:00; Sa 09:00-12:00; PH off', 'Mo-Fr 09:00-17:00; Mo-Fr 10:00-12:00', 'Tu-Sa 10:00-18:00; Su,Mo off', 'Mo-Fr 09:00-18:00; Sa "sur rendez-vous"', 'We 14:00-18:00 "atelier"; Mo-Fr 09:00-12:00 unknown']) console.log(v, JSON.stringify(openingHoursProblem(v,'NL','Drenthe')));
const h = sharedOpeningHours('Mo-Fr 09:00-17:00; Mo[1] 19:00-22:00 "ondernemerscafé"', 'NL', {lat:52.8,lng:6.3}, 'Europe/Amsterdam');
console.log(openStateAt(h, new Date(2026,11,7,20,0)), openStateAt(h, new Date(2026,11,14,20,0)), openStateAt(h, new Date(2026,11,7,10,0)));
console.log(JSON.stringify(weekSchedule(h, new Date(2026,11,7,10,0))[0]));
const h2 = sharedOpeningHours('Mo-Fr 09:00-17:00, Mo[1] 19:00-22:00 "ondernemerscafé"', 'NL', {lat:52.8,lng:6.3}, 'Europe/Amsterdam');
console.log(openStateAt(h2, new Date(2026,11,7,20,0)), openStateAt(h2, new Date(2026,11,7,10,0)));
const h3 = sharedOpeningHours('Mo-Fr 09:00-18:00; Sa "sur rendez-vous"', 'FR', {lat:48,lng:2}, 'Europe/Paris');
console.log(openStateAt(h3, new Date(2026,11,12,11,0)), JSON.stringify(weekSchedule(h3, new Date(2026,11,7,10,0))));
