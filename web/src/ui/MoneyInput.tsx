// Money and quantity inputs: typed as `1.250.000.000` or `1250000000`, handed on as a digit string
// (react-number-format's values.value), never as a JS number.
import { TextInput, type TextInputProps } from '@mantine/core';
import { NumericFormat } from 'react-number-format';

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue' | 'type'> & {
  value: string;
  onChange: (digits: string) => void;
};

/** Whole đồng, grouped with dots as officials write them; `value` and `onChange` carry digits only. */
export function MoneyInput({ value, onChange, ...rest }: Props) {
  return (
    <NumericFormat
      customInput={TextInput}
      {...rest}
      value={value}
      valueIsNumericString
      thousandSeparator="."
      decimalSeparator=","
      decimalScale={0}
      allowNegative={false}
      allowLeadingZeros={false}
      inputMode="numeric"
      rightSection={<span aria-hidden="true">₫</span>}
      onValueChange={(values) => onChange(values.value)}
    />
  );
}

/** A quantity with up to 4 decimals, comma as the decimal mark; `value` is `12.5` style. */
export function QuantityInput({ value, onChange, ...rest }: Props) {
  return (
    <NumericFormat
      customInput={TextInput}
      {...rest}
      value={value}
      valueIsNumericString
      thousandSeparator="."
      decimalSeparator=","
      decimalScale={4}
      allowNegative={false}
      inputMode="decimal"
      onValueChange={(values) => onChange(values.value)}
    />
  );
}
