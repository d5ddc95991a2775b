/** The `<option>`s of a `<select>` over a fixed list of values, each shown with its label. */
export const LabelledOptions = <Value extends string>({ values, labels }: { values: readonly Value[]; labels: Readonly<Record<Value, string>> }) => (
  <>
    {values.map((value) => (
      <option key={value} value={value}>
        {labels[value]}
      </option>
    ))}
  </>
);
