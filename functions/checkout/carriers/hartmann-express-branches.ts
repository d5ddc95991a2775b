import type { Branch } from '../delivery.js';

/**
 * Branch table of the demo carrier "Hartmann Express" (fictional company; street names are real,
 * house numbers and branch data are made up). Keyed by city as displayed; `country` is ISO 3166-1.
 * A real adapter would regenerate this file from the carrier's branch API (seed 003).
 */

const weekdays = (hours: string) => ({ days: 'Mon-Fri', hours });
const saturday = (hours: string) => ({ days: 'Sat', hours });

export const HARTMANN_EXPRESS_BRANCHES: Readonly<Record<string, readonly Branch[]>> = {
  Berlin: [
    {
      id: 'HX-BER-01',
      name: 'Hartmann Express Berlin-Mitte',
      address: { street: 'Chausseestraße 84', postalCode: '10115', city: 'Berlin', country: 'DE' },
      openingHours: [weekdays('08:00-19:00'), saturday('09:00-14:00')],
    },
    {
      id: 'HX-BER-02',
      name: 'Hartmann Express Berlin-Neukölln',
      address: { street: 'Karl-Marx-Straße 212', postalCode: '12055', city: 'Berlin', country: 'DE' },
      openingHours: [weekdays('09:00-18:00')],
    },
    {
      id: 'HX-BER-03',
      name: 'Hartmann Express Berlin-Spandau',
      address: { street: 'Klosterstraße 37', postalCode: '13581', city: 'Berlin', country: 'DE' },
      openingHours: [weekdays('08:00-18:00'), saturday('09:00-12:00')],
    },
  ],
  Hamburg: [
    {
      id: 'HX-HAM-01',
      name: 'Hartmann Express Hamburg-Altona',
      address: { street: 'Max-Brauer-Allee 160', postalCode: '22765', city: 'Hamburg', country: 'DE' },
      openingHours: [weekdays('08:00-18:30'), saturday('09:00-13:00')],
    },
    {
      id: 'HX-HAM-02',
      name: 'Hartmann Express Hamburg-Wandsbek',
      address: { street: 'Wandsbeker Marktstraße 71', postalCode: '22041', city: 'Hamburg', country: 'DE' },
      openingHours: [weekdays('08:30-18:00')],
    },
  ],
  München: [
    {
      id: 'HX-MUC-01',
      name: 'Hartmann Express München-Schwabing',
      address: { street: 'Leopoldstraße 122', postalCode: '80804', city: 'München', country: 'DE' },
      openingHours: [weekdays('08:00-19:00'), saturday('09:00-14:00')],
    },
    {
      id: 'HX-MUC-02',
      name: 'Hartmann Express München-Sendling',
      address: { street: 'Plinganserstraße 48', postalCode: '81369', city: 'München', country: 'DE' },
      openingHours: [weekdays('08:00-18:00')],
    },
    {
      id: 'HX-MUC-03',
      name: 'Hartmann Express München-Riem',
      address: { street: 'Am Messesee 6', postalCode: '81829', city: 'München', country: 'DE' },
      openingHours: [weekdays('07:00-20:00'), saturday('08:00-16:00')],
    },
  ],
  Köln: [
    {
      id: 'HX-CGN-01',
      name: 'Hartmann Express Köln-Ehrenfeld',
      address: { street: 'Venloer Straße 389', postalCode: '50825', city: 'Köln', country: 'DE' },
      openingHours: [weekdays('08:00-18:30')],
    },
    {
      id: 'HX-CGN-02',
      name: 'Hartmann Express Köln-Deutz',
      address: { street: 'Deutz-Mülheimer Straße 30', postalCode: '50679', city: 'Köln', country: 'DE' },
      openingHours: [weekdays('08:00-18:00'), saturday('09:00-13:00')],
    },
  ],
  'Frankfurt am Main': [
    {
      id: 'HX-FRA-01',
      name: 'Hartmann Express Frankfurt-Ostend',
      address: { street: 'Hanauer Landstraße 291', postalCode: '60314', city: 'Frankfurt am Main', country: 'DE' },
      openingHours: [weekdays('08:00-19:00')],
    },
    {
      id: 'HX-FRA-02',
      name: 'Hartmann Express Frankfurt-Bockenheim',
      address: { street: 'Leipziger Straße 17', postalCode: '60487', city: 'Frankfurt am Main', country: 'DE' },
      openingHours: [weekdays('09:00-18:00'), saturday('10:00-13:00')],
    },
  ],
  Leipzig: [
    {
      id: 'HX-LEJ-01',
      name: 'Hartmann Express Leipzig-Zentrum',
      address: { street: 'Brühl 52', postalCode: '04109', city: 'Leipzig', country: 'DE' },
      openingHours: [weekdays('08:00-18:00'), saturday('09:00-12:00')],
    },
    {
      id: 'HX-LEJ-02',
      name: 'Hartmann Express Leipzig-Plagwitz',
      address: { street: 'Karl-Heine-Straße 93', postalCode: '04229', city: 'Leipzig', country: 'DE' },
      openingHours: [weekdays('08:30-17:30')],
    },
  ],
  Warszawa: [
    {
      id: 'HX-WAW-01',
      name: 'Hartmann Express Warszawa-Śródmieście',
      address: { street: 'ul. Marszałkowska 104', postalCode: '00-017', city: 'Warszawa', country: 'PL' },
      openingHours: [weekdays('08:00-20:00'), saturday('09:00-15:00')],
    },
    {
      id: 'HX-WAW-02',
      name: 'Hartmann Express Warszawa-Wola',
      address: { street: 'ul. Górczewska 124', postalCode: '01-460', city: 'Warszawa', country: 'PL' },
      openingHours: [weekdays('08:00-18:00')],
    },
    {
      id: 'HX-WAW-03',
      name: 'Hartmann Express Warszawa-Praga',
      address: { street: 'ul. Targowa 72', postalCode: '03-734', city: 'Warszawa', country: 'PL' },
      openingHours: [weekdays('09:00-19:00'), saturday('10:00-14:00')],
    },
    {
      id: 'HX-WAW-04',
      name: 'Hartmann Express Warszawa-Mokotów',
      address: { street: 'ul. Puławska 145', postalCode: '02-715', city: 'Warszawa', country: 'PL' },
      openingHours: [weekdays('08:00-18:00')],
    },
  ],
  Kraków: [
    {
      id: 'HX-KRK-01',
      name: 'Hartmann Express Kraków-Kazimierz',
      address: { street: 'ul. Starowiślna 55', postalCode: '31-038', city: 'Kraków', country: 'PL' },
      openingHours: [weekdays('08:00-18:00'), saturday('09:00-13:00')],
    },
    {
      id: 'HX-KRK-02',
      name: 'Hartmann Express Kraków-Nowa Huta',
      address: { street: 'al. Jana Pawła II 41', postalCode: '31-864', city: 'Kraków', country: 'PL' },
      openingHours: [weekdays('08:00-17:00')],
    },
  ],
  Wrocław: [
    {
      id: 'HX-WRO-01',
      name: 'Hartmann Express Wrocław-Krzyki',
      address: { street: 'ul. Powstańców Śląskich 95', postalCode: '53-332', city: 'Wrocław', country: 'PL' },
      openingHours: [weekdays('08:00-19:00'), saturday('09:00-14:00')],
    },
    {
      id: 'HX-WRO-02',
      name: 'Hartmann Express Wrocław-Psie Pole',
      address: { street: 'ul. Bierutowska 57', postalCode: '51-317', city: 'Wrocław', country: 'PL' },
      openingHours: [weekdays('08:00-18:00')],
    },
  ],
  Poznań: [
    {
      id: 'HX-POZ-01',
      name: 'Hartmann Express Poznań-Jeżyce',
      address: { street: 'ul. Dąbrowskiego 79', postalCode: '60-529', city: 'Poznań', country: 'PL' },
      openingHours: [weekdays('08:00-18:00'), saturday('09:00-13:00')],
    },
    {
      id: 'HX-POZ-02',
      name: 'Hartmann Express Poznań-Rataje',
      address: { street: 'ul. Bolesława Krzywoustego 72', postalCode: '61-144', city: 'Poznań', country: 'PL' },
      openingHours: [weekdays('09:00-19:00')],
    },
  ],
  Łódź: [
    {
      id: 'HX-LCJ-01',
      name: 'Hartmann Express Łódź-Bałuty',
      address: { street: 'ul. Zgierska 211', postalCode: '91-495', city: 'Łódź', country: 'PL' },
      openingHours: [weekdays('08:00-18:00')],
    },
    {
      id: 'HX-LCJ-02',
      name: 'Hartmann Express Łódź-Widzew',
      address: { street: 'al. Piłsudskiego 94', postalCode: '92-202', city: 'Łódź', country: 'PL' },
      openingHours: [weekdays('08:00-19:00'), saturday('09:00-14:00')],
    },
  ],
  Gdańsk: [
    {
      id: 'HX-GDN-01',
      name: 'Hartmann Express Gdańsk-Wrzeszcz',
      address: { street: 'ul. Grunwaldzka 141', postalCode: '80-264', city: 'Gdańsk', country: 'PL' },
      openingHours: [weekdays('08:00-18:00'), saturday('10:00-14:00')],
    },
    {
      id: 'HX-GDN-02',
      name: 'Hartmann Express Gdańsk-Oliwa',
      address: { street: 'ul. Opacka 12', postalCode: '80-338', city: 'Gdańsk', country: 'PL' },
      openingHours: [weekdays('09:00-17:00')],
    },
    {
      id: 'HX-GDN-03',
      name: 'Hartmann Express Gdańsk-Orunia',
      address: { street: 'ul. Trakt Św. Wojciecha 29', postalCode: '80-044', city: 'Gdańsk', country: 'PL' },
      openingHours: [weekdays('08:00-18:00')],
    },
  ],
};
