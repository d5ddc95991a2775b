import { describe, expect, it } from 'vitest';
import { stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';

/** Issue 17 item 7: the account area is an overview with a sub-navigation and one page per section. */
const browser = useBrowser();

const pages: [string, string, string][] = [
  ['users', '/account/users', 'users-table'],
  ['addresses', '/account/addresses', 'delivery-section'],
  ['bank-accounts', '/account/bank-accounts', 'bank-section'],
  ['approvals', '/account/approvals', 'approval-rules-section'],
  ['budgets', '/account/budgets', 'budgets-section'],
  ['punchout', '/account/punchout', 'punchout-section'],
  ['article-numbers', '/account/article-numbers', 'article-numbers-section'],
  ['documents', '/account/documents', 'documents-section'],
  ['security', '/account/security', 'mfa-section'],
];

describe('the account area', () => {
  it('splits company administration into pages reachable from a sub-navigation, also by keyboard and on a phone', async () => {
    const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
    try {
      await logIn(page, `${stack().webUrl}/account`, users.muellerAdmin);
      await page.getByTestId('account-page').waitFor();
      const nav = page.getByTestId('account-nav');
      await nav.waitFor();
      // The overview: master data, no long list of every section.
      await page.getByTestId('master-data').waitFor();
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('punchout-section').count()).toBe(0);
      expect(await nav.getByTestId('account-nav-overview').getAttribute('aria-current')).toBe('page');
      const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      expect(await noOverflow()).toBe(true);
      await page.screenshot({ path: `${artefactDir}/account-overview-390.png`, fullPage: true });

      // Every page by its link: the section is there, the link is marked current, nothing overflows.
      for (const [section, path, testId] of pages) {
        await nav.getByTestId(`account-nav-${section}`).click();
        await page.getByTestId(testId).first().waitFor();
        expect(new URL(page.url()).pathname).toBe(path);
        expect(await nav.getByTestId(`account-nav-${section}`).getAttribute('aria-current')).toBe('page');
        expect(await page.getByTestId('master-data').count()).toBe(0);
        expect(await noOverflow()).toBe(true);
      }
      await page.screenshot({ path: `${artefactDir}/account-security-390.png`, fullPage: true });

      // Keyboard only: focus a link and press Enter.
      await nav.getByTestId('account-nav-addresses').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('delivery-section').waitFor();
      expect(new URL(page.url()).pathname).toBe('/account/addresses');

      // A deep link opens its page directly; an unknown one says so.
      await page.goto(`${stack().webUrl}/account/budgets`);
      await page.getByTestId('cost-centres-section').waitFor();
      await page.goto(`${stack().webUrl}/account/nothing-here`);
      await page.getByTestId('account-section-not-found').waitFor();
    } finally {
      await page.close();
    }
  });

  it('shows a buyer only the pages of the role', async () => {
    const page = await browser().newPage({ viewport: { width: 768, height: 1024 } });
    try {
      await logIn(page, `${stack().webUrl}/account`, users.muellerBuyer);
      const nav = page.getByTestId('account-nav');
      await nav.waitFor();
      const links = await nav.locator('a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('data-testid')));
      expect(links).toEqual([
        'account-nav-overview',
        'account-nav-addresses',
        'account-nav-bank-accounts',
        'account-nav-article-numbers',
        'account-nav-documents',
        'account-nav-security',
      ]);
      await page.goto(`${stack().webUrl}/account/punchout`);
      await page.getByTestId('account-section-not-found').waitFor();
      expect(await page.getByTestId('punchout-section').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
});
