/**
 * The shop search's state lives in the URL (`/search?q=…&category=…&manufacturer=…&attr=thread:M8&inStock=true&sort=name`),
 * so a result list with its filters can be shared and the back button steps through filter changes.
 */
import type { SearchQuery } from '../types.js';

/** Price sorts: signed-in buyers only, for a limited number of hits (the API says how many). */
export type SearchSort = 'relevance' | 'name' | 'price-asc' | 'price-desc';
const sorts: readonly string[] = ['relevance', 'name', 'price-asc', 'price-desc'] satisfies readonly SearchSort[];

export interface SearchFilters {
  q: string;
  category?: string | undefined;
  manufacturer?: string | undefined;
  /** Attribute code → the one chosen value ("thread" → "M8"). */
  attributes: Record<string, string>;
  inStock: boolean;
  sort: SearchSort;
}

/** `thread:M8,material:A2` → { thread: 'M8', material: 'A2' } (the API's `attr` syntax). */
const parseAttributes = (text: string | null): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 1 || colon === pair.length - 1) continue;
    attributes[pair.slice(0, colon).trim()] = pair.slice(colon + 1).trim();
  }
  return attributes;
};

const formatAttributes = (attributes: Record<string, string>): string =>
  Object.entries(attributes)
    .map(([code, value]) => `${code}:${value}`)
    .join(',');

export const filtersFromQuery = (query: URLSearchParams): SearchFilters => {
  const category = query.get('category') ?? '';
  const manufacturer = query.get('manufacturer') ?? '';
  return {
    q: query.get('q') ?? '',
    ...(category ? { category } : {}),
    ...(manufacturer ? { manufacturer } : {}),
    attributes: parseAttributes(query.get('attr')),
    inStock: query.get('inStock') === 'true',
    sort: sorts.includes(query.get('sort') ?? '') ? (query.get('sort') as SearchSort) : 'relevance',
  };
};

/** Whether anything narrows the hits beyond the words (an exact article-number hit then does not jump to the product). */
export const hasFilters = (filters: SearchFilters): boolean =>
  Boolean(filters.category || filters.manufacturer || filters.inStock || Object.keys(filters.attributes).length);

/** The results page for `filters`; unset filters are left out of the URL. */
export const searchHref = (filters: Partial<SearchFilters> & { q: string }): string => {
  const search = new URLSearchParams();
  search.set('q', filters.q);
  if (filters.category) search.set('category', filters.category);
  if (filters.manufacturer) search.set('manufacturer', filters.manufacturer);
  const attr = formatAttributes(filters.attributes ?? {});
  if (attr) search.set('attr', attr);
  if (filters.inStock) search.set('inStock', 'true');
  if (filters.sort && filters.sort !== 'relevance') search.set('sort', filters.sort);
  return `/search?${search.toString()}`;
};

/** The API query of `filters` (without paging and pricing). */
export const apiQueryOf = (filters: SearchFilters): SearchQuery => ({
  q: filters.q,
  category: filters.category,
  manufacturer: filters.manufacturer,
  attr: formatAttributes(filters.attributes) || undefined,
  inStock: filters.inStock ? 'true' : undefined,
  sort: filters.sort,
});
