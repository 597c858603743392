import { formatMoney, type MoneyValue } from './format';

export function Money({ value }: { value: MoneyValue | null | undefined }) {
  if (!value) return <span>—</span>;
  return <span className="money">{formatMoney(value)}</span>;
}
