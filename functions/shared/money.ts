/** Money is always an integer amount of minor units (cents) with an ISO 4217 currency code. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

const currencyCode = /^[A-Z]{3}$/;

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Money amounts are integer minor units, got ${amount}`);
  if (!currencyCode.test(currency)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return { amount, currency };
}

export function addMoney(a: Money, b: Money): Money {
  if (a.currency !== b.currency) throw new RangeError(`Cannot add ${a.currency} and ${b.currency}`);
  return money(a.amount + b.amount, a.currency);
}

/** Unit price times an integer quantity. */
export function multiplyMoney(unit: Money, quantity: number): Money {
  if (!Number.isSafeInteger(quantity)) throw new RangeError(`Quantity must be an integer, got ${quantity}`);
  return money(unit.amount * quantity, unit.currency);
}
