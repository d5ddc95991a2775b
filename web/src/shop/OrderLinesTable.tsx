/** The lines of a placed order (product, quantity, unit net, VAT rate, line net), for the shop order page and the console. */
import { formatDecimal, formatPercentBps } from '../format.js';
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
}

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
