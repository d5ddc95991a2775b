import { defineMessages } from '../define.js';

/** Product search: the header's search box and its suggestions, the results page. */
export const searchMessages = defineMessages(
  {
    'search.label': 'Search products',
    'search.placeholder': 'Search products, SKU, EAN…',
    'search.suggestions': 'Suggestions',
    'search.products': 'Products',
    'search.categories': 'Categories',
    'search.submit': 'Search',
  },
  {
    de: {
      'search.label': 'Produkte suchen',
      'search.placeholder': 'Produkte, Artikelnummer, EAN suchen …',
      'search.suggestions': 'Vorschläge',
      'search.products': 'Produkte',
      'search.categories': 'Kategorien',
      'search.submit': 'Suchen',
    },
    pl: {
      'search.label': 'Szukaj produktów',
      'search.placeholder': 'Szukaj produktów, SKU, EAN…',
      'search.suggestions': 'Podpowiedzi',
      'search.products': 'Produkty',
      'search.categories': 'Kategorie',
      'search.submit': 'Szukaj',
    },
  },
);
