import { defineMessages } from '../define.js';

/** Words many screens share. */
export const commonMessages = defineMessages(
  {
    'common.loading': 'Loading…',
    'common.starting': 'Starting…',
    'common.retry': 'Try again',
    'common.dismiss': 'Dismiss',
    'common.sessionEnded': 'Your session has ended. Please sign in again.',
    'common.portalFailed': 'The portal could not start',
    'common.language': 'Language',
  },
  {
    de: {
      'common.loading': 'Wird geladen …',
      'common.starting': 'Wird gestartet …',
      'common.retry': 'Erneut versuchen',
      'common.dismiss': 'Schließen',
      'common.sessionEnded': 'Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.',
      'common.portalFailed': 'Das Portal konnte nicht starten',
      'common.language': 'Sprache',
    },
    pl: {
      'common.loading': 'Ładowanie…',
      'common.starting': 'Uruchamianie…',
      'common.retry': 'Spróbuj ponownie',
      'common.dismiss': 'Zamknij',
      'common.sessionEnded': 'Twoja sesja wygasła. Zaloguj się ponownie.',
      'common.portalFailed': 'Nie udało się uruchomić portalu',
      'common.language': 'Język',
    },
  },
);
