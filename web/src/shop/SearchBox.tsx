/**
 * The search box of the shop header: suggestions while typing (`GET /catalog/suggestions`, products
 * and categories; arrow keys, Enter, Escape), submit opens the results page `/search?q=…`.
 */
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isAbortError } from '../api.js';
import { useT } from '../i18n/I18n.js';
import { translate } from '../i18n/translate.js';
import { navigate } from '../router.js';
import { useServices } from '../services.js';
import type { ProductSuggestions } from '../types.js';
import { useDebounced } from './Checkout.js';
import { searchHref } from './searchQuery.js';
import './search.css';

interface SuggestionItem {
  key: string;
  kind: 'product' | 'category';
  label: string;
  detail: string;
  href: string;
  testId: string;
}

const itemsOf = (suggestions: ProductSuggestions | undefined, q: string): SuggestionItem[] => [
  ...(suggestions?.products ?? []).map((product) => ({
    key: `product:${product.sku}`,
    kind: 'product' as const,
    label: product.name,
    detail: product.sku,
    href: `/products/${encodeURIComponent(product.sku)}`,
    testId: `suggestion-product-${product.sku}`,
  })),
  ...(suggestions?.categories ?? []).map((category) => ({
    key: `category:${category.id}`,
    kind: 'category' as const,
    label: category.name,
    detail: translate('search.categoryCount', { count: category.count }),
    href: searchHref({ q, category: category.id }),
    testId: `suggestion-category-${category.id}`,
  })),
];

export const SearchBox = ({ query }: { query: string }) => {
  const { api } = useServices();
  const t = useT();
  const id = useId();
  const [text, setText] = useState(query);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<{ q: string; answer: ProductSuggestions } | undefined>();
  const typed = useDebounced(text.trim(), 150);

  // Follow the URL (back button, a shared link, a category suggestion).
  useEffect(() => {
    setText(query);
  }, [query]);

  useEffect(() => {
    if (!open || !typed) return;
    const controller = new AbortController();
    api.shop.suggestProducts(typed, controller.signal).then(
      (answer) => {
        if (controller.signal.aborted) return;
        setSuggestions({ q: typed, answer });
        setActive(-1);
      },
      (failure: unknown) => {
        // Suggestions are a convenience: without them the box still searches on Enter.
        if (!controller.signal.aborted && !isAbortError(failure)) setSuggestions(undefined);
      },
    );
    return () => controller.abort();
  }, [api, typed, open]);

  const items = text.trim() && suggestions ? itemsOf(suggestions.answer, suggestions.q) : [];
  const expanded = open && items.length > 0;
  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const go = (href: string) => {
    close();
    navigate(href);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const item = expanded && active >= 0 ? items[active] : undefined;
    if (item) return go(item.href);
    const q = text.trim();
    if (q) go(searchHref({ q }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) setOpen(true);
      if (!items.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // -1 is the text field itself: stepping past either end returns to the typed text.
      setActive((current) => {
        const next = current + step;
        return next < -1 ? items.length - 1 : next >= items.length ? -1 : next;
      });
    } else if (event.key === 'Escape') {
      if (expanded) event.preventDefault();
      close();
    }
  };

  const listId = `${id}-suggestions`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const products = items.filter((item) => item.kind === 'product');
  const categories = items.filter((item) => item.kind === 'category');
  const option = (item: SuggestionItem) => {
    const index = items.indexOf(item);
    return (
      <div
        key={item.key}
        id={optionId(index)}
        role="option"
        tabIndex={-1}
        aria-selected={index === active}
        className={index === active ? 'search-suggestion active' : 'search-suggestion'}
        data-testid={item.testId}
        onMouseEnter={() => setActive(index)}
        // Keep the focus in the field (a blur would close the list before the click lands).
        onMouseDown={(event) => event.preventDefault()}
        // The option itself opens its page: a link inside an option would be a control nested in a control
        // (keyboard users choose with the arrow keys and Enter in the field, see onKeyDown and submit).
        onClick={() => go(item.href)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') go(item.href);
        }}
      >
        <span className="search-suggestion-link">
          <span className="search-suggestion-label">{item.label}</span>
          <span className={item.kind === 'product' ? 'search-suggestion-detail mono' : 'search-suggestion-detail'}>{item.detail}</span>
        </span>
      </div>
    );
  };
  /** A heading (not an option: the arrow keys skip it) and the group's options. */
  const group = (title: string, members: SuggestionItem[]) =>
    members.length > 0 && [
      <div key={`heading:${title}`} role="presentation" className="search-suggestions-heading">
        {title}
      </div>,
      ...members.map(option),
    ];

  return (
    <form className="search-box" onSubmit={submit} data-testid="search-form">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={`${id}-input`}
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={close}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      <button type="submit" className="btn search-submit" data-testid="search-submit">
        {t('search.submit')}
      </button>
      <div id={listId} role="listbox" aria-label={t('search.suggestions')} className="search-suggestions" hidden={!expanded} data-testid="search-suggestions">
        {group(t('search.products'), products)}
        {group(t('search.categories'), categories)}
      </div>
    </form>
  );
};
