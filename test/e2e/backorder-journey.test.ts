import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { catalogKeys } from '../../functions/catalog/repository.js';
import { api, awsConfig, signIn, stack, users } from '../support/api.js';
import { artefactDir, logIn, useBrowser } from '../support/browser.js';
import { stockedSku } from '../support/orders.js';

/** Issue 17 item 3: the cart line of a back-orderable product beyond stock says what ships now and when the rest comes. */
const browser = useBrowser();

describe('back-orders in the cart', () => {
  it('shows "x now, y expected on <date>" and no stock shortage', async () => {
    const token = await signIn(users.muellerBuyer);
    const sku = await stockedSku(token, 'electrical', 3, [], 'stuttgart');
    const table = DynamoDBDocumentClient.from(new DynamoDBClient(awsConfig(stack().dynamodbEndpoint)));
    const TableName = stack().env.TABLE_NAME;
    const { Item } = await table.send(new GetCommand({ TableName, Key: catalogKeys.product(sku), ConsistentRead: true }));
    const original = Item!.stock as Record<string, number>;
    try {
      await table.send(
        new UpdateCommand({
          TableName,
          Key: catalogKeys.product(sku),
          UpdateExpression: 'SET stock = :stock, backorder = :backorder',
          ExpressionAttributeValues: {
            ':stock': Object.fromEntries(Object.keys(original).map((id) => [id, id === 'stuttgart' ? 2 : 0])),
            ':backorder': { allowed: true, expectedAt: '2027-03-15' },
          },
        }),
      );
      await api('/cart', { token, method: 'DELETE' });
      expect((await api('/cart/lines', { token, method: 'POST', body: { lines: [{ sku, quantity: 5 }] } })).status).toBe(200);
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
      await logIn(page, `${stack().webUrl}/login`, users.muellerBuyer);
      await page.getByTestId('current-user').waitFor();
      await page.goto(`${stack().webUrl}/cart`);
      const notice = page.getByTestId('cart-line-backorder');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/^2 \S+ now, 3 \S+ expected on 15 Mar 2027$/);
      expect(await page.getByTestId('cart-line-shortage').count()).toBe(0);
      await page.screenshot({ path: `${artefactDir}/backorder-cart.png`, fullPage: true });
      await page.close();
    } finally {
      await table.send(
        new UpdateCommand({
          TableName,
          Key: catalogKeys.product(sku),
          UpdateExpression: 'SET stock = :stock REMOVE backorder',
          ExpressionAttributeValues: { ':stock': original },
        }),
      );
      await api('/cart', { token, method: 'DELETE' });
    }
  });
});
