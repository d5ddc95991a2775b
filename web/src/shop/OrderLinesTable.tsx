/** The lines of a placed order (product, quantity, unit net, VAT rate, line net), for the shop order page and the console. */
import { formatDate, formatDecimal, formatPercentBps } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { Money } from '../types.js';
import { money, YourNumber } from './ProductBits.js';

export interface OrderLineRow {
  sku: string;
  name: string;
  quantity: string;
  unit: string;
  unitNet: Money;
  vatRate: number;
  lineNet: Money;
  buyerNumber?: string;
  /** Back-order: the part of `quantity` shipped later, and when it is expected. */
  backordered?: string;
  expectedAt?: string;
}

/** What ships now of a back-ordered line (decimal strings, exact to thousandths). */
const shippedNow = (quantity: string, backordered: string) =>
  String(Math.max(0, Math.round(Number(quantity) * 1000) - Math.round(Number(backordered) * 1000)) / 1000);

interface OrderLinesTableProps {
  lines: readonly OrderLineRow[];
  testId: string;
  /** Each row is `<rowTestIdPrefix><sku>`. */
  rowTestIdPrefix: string;
  /** Reverse charge: the lines carry no VAT, shown as 0 %. */
  reverseCharge?: boolean;
}

export const OrderLinesTable = ({ lines, testId, rowTestIdPrefix, reverseCharge = false }: OrderLinesTableProps) => {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data-table card-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('orders.lines.product')}</th>
            <th scope="col" className="num">
              {t('orders.lines.quantity')}
            </th>
            <th scope="col" className="num">
              {t('orders.lines.unitNet')}
            </th>
            <th scope="col" className="num">
              {t('orders.lines.vat')}
            </th>
            <th scope="col" className="num">
              {t('orders.lines.lineNet')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={`${line.sku}-${index}`} data-testid={`${rowTestIdPrefix}${line.sku}`}>
              <td>
                {line.name} <div className="mono muted">{line.sku}</div>
                <YourNumber buyerNumber={line.buyerNumber} />
              </td>
              <td className="num" data-label={t('orders.lines.quantity')}>
                {formatDecimal(line.quantity)} {line.unit}
                {line.backordered && line.expectedAt && (
                  <div className="small muted" data-testid="order-line-backorder">
                    {t('orders.lines.backorder', {
                      now: formatDecimal(shippedNow(line.quantity, line.backordered)),
                      later: formatDecimal(line.backordered),
                      unit: line.unit,
                      date: formatDate(line.expectedAt),
                    })}
                  </div>
                )}
              </td>
              <td className="num" data-label={t('orders.lines.unitNet')}>
                {money(line.unitNet)}
              </td>
              <td className="num" data-label={t('orders.lines.vat')}>
                {formatPercentBps(reverseCharge ? 0 : line.vatRate)}
              </td>
              <td className="num" data-label={t('orders.lines.lineNet')}>
                {money(line.lineNet)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
