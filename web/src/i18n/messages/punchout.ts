import { defineMessages } from '../define.js';

/** Punchout mode (OCI / cXML): start page, banner and the cart transfer instead of the checkout. */
export const punchoutMessages = defineMessages(
  {
    'punchout.noCode': 'This punchout link has no start code.',
    'punchout.startFailed': 'Punchout could not start',
    'punchout.invalidLink': 'This punchout link is invalid or was already used. Please start again from your procurement system.',
    'punchout.opening': 'Opening the shop for your procurement system…',
    'punchout.banner':
      "<b>Punchout</b> from your procurement system ({host}, {protocol}): prices are your company's; the cart goes back to your procurement system for approval instead of being ordered here.",
    'punchout.transferCart': 'Transfer cart',
    'punchout.transferText':
      "Your cart ({count, plural, one {# line} other {# lines}}) goes back to your procurement system at <b>{host}</b> with your company's prices. The order is placed there, after its approval.",
    'punchout.backToCart': '← Back to the cart',
    'punchout.transferring': 'Transferring…',
    'punchout.transferTo': 'Transfer to {protocol}',
  },
  {
    de: {
      'punchout.noCode': 'Dieser Punchout-Link enthält keinen Startcode.',
      'punchout.startFailed': 'Punchout konnte nicht gestartet werden',
      'punchout.invalidLink': 'Dieser Punchout-Link ist ungültig oder wurde bereits verwendet. Bitte starten Sie erneut aus Ihrem Beschaffungssystem.',
      'punchout.opening': 'Der Shop wird für Ihr Beschaffungssystem geöffnet …',
      'punchout.banner':
        '<b>Punchout</b> aus Ihrem Beschaffungssystem ({host}, {protocol}): Es gelten die Preise Ihrer Firma; der Warenkorb geht zur Freigabe an Ihr Beschaffungssystem zurück, statt hier bestellt zu werden.',
      'punchout.transferCart': 'Warenkorb übertragen',
      'punchout.transferText':
        'Ihr Warenkorb ({count, plural, one {# Position} other {# Positionen}}) geht mit den Preisen Ihrer Firma an Ihr Beschaffungssystem unter <b>{host}</b> zurück. Die Bestellung wird dort nach der Freigabe aufgegeben.',
      'punchout.backToCart': '← Zurück zum Warenkorb',
      'punchout.transferring': 'Wird übertragen …',
      'punchout.transferTo': 'An {protocol} übertragen',
    },
    pl: {
      'punchout.noCode': 'Ten link punchout nie zawiera kodu startowego.',
      'punchout.startFailed': 'Nie udało się uruchomić punchout',
      'punchout.invalidLink': 'Ten link punchout jest nieprawidłowy lub został już użyty. Rozpocznij ponownie w swoim systemie zakupowym.',
      'punchout.opening': 'Otwieranie sklepu dla Twojego systemu zakupowego…',
      'punchout.banner':
        '<b>Punchout</b> z Twojego systemu zakupowego ({host}, {protocol}): obowiązują ceny Twojej firmy; koszyk wraca do akceptacji w systemie zakupowym zamiast zamówienia tutaj.',
      'punchout.transferCart': 'Przekaż koszyk',
      'punchout.transferText':
        'Twój koszyk ({count, plural, one {# pozycja} few {# pozycje} many {# pozycji} other {# pozycji}}) wraca do systemu zakupowego pod adresem <b>{host}</b> z cenami Twojej firmy. Zamówienie zostanie złożone tam, po akceptacji.',
      'punchout.backToCart': '← Powrót do koszyka',
      'punchout.transferring': 'Przekazywanie…',
      'punchout.transferTo': 'Przekaż do {protocol}',
    },
  },
);
